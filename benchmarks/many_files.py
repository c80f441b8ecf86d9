"""Many files: ``policylint check`` on a folder of 200 generated policies.

Generates (once; reused while the folder exists) 200 policy documents of
about 5,000 words each, about a million words in all: 80 DOCX, 60 PDF and 60
Markdown files, from the sentences and headings of the bundled samples. Then
runs the command line as a user would, each run a fresh process:

1. ``--jobs 1 --no-cache``
2. ``--jobs 2 --no-cache``
3. ``--jobs 2`` with an empty cache (fills it)
4. the same again: every document comes from the cache

and prints wall time and words per second for each, the 1 -> 2 jobs speed-up
and whether every run gave the same findings.

    python benchmarks/many_files.py [--folder DIR] [--files 200] [--words 5000]

Targets (issue 6): at least 1.7x from 1 to 2 jobs; the cached re-run under 2 s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"


def sentences_and_headings() -> tuple[list[str], list[str]]:
    from policylint.document import BlockKind
    from policylint.extract import read_document
    from policylint.text import count_words

    sentences, headings = [], []
    for path in sorted(SAMPLES.glob("*.docx")):
        for block in read_document(path).blocks:
            if block.kind == BlockKind.HEADING:
                headings.append(block.text.split(" ", 1)[-1])
            elif count_words(block.text) >= 6:
                sentences.append(block.text)
    return sentences, headings


def outline(rng: random.Random, words: int, sentences: list[str], headings: list[str]):
    """Yield (level, text) items: level 1/2 headings and 0 for paragraphs."""
    total, chapter = 0, 0
    while total < words:
        chapter += 1
        yield 1, f"{chapter} {rng.choice(headings)}"
        for section in range(1, 4):
            yield 2, f"{chapter}.{section} {rng.choice(headings)}"
            for _ in range(rng.randint(3, 6)):
                text = " ".join(rng.sample(sentences, k=2))
                total += len(text.split())
                yield 0, text


def write_docx(path: Path, items) -> None:
    import docx

    document = docx.Document()
    for level, text in items:
        document.add_heading(text, level) if level else document.add_paragraph(text)
    document.save(path)


def write_pdf(path: Path, items) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for level, text in items:
        text = text.encode("latin-1", "replace").decode("latin-1")
        pdf.set_font("Helvetica", "B" if level else "", 14 if level == 1 else 12 if level else 10)
        pdf.multi_cell(0, 6 if level else 5, text)
        pdf.ln(2)
    pdf.output(str(path))


def write_markdown(path: Path, items) -> None:
    lines = [f"{'#' * level} {text}" if level else text for level, text in items]
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def generate(folder: Path, files: int, words: int) -> None:
    marker = folder / ".generated"
    wanted = f"{files}:{words}"
    if marker.exists() and marker.read_text() == wanted:
        return
    folder.mkdir(parents=True, exist_ok=True)
    sentences, headings = sentences_and_headings()
    writers = [("docx", write_docx)] * 4 + [("pdf", write_pdf)] * 3 + [("md", write_markdown)] * 3
    started = time.perf_counter()
    for number in range(files):
        suffix, writer = writers[number % len(writers)]
        rng = random.Random(number)
        writer(folder / f"policy-{number:03d}.{suffix}", list(outline(rng, words, sentences, headings)))
    marker.write_text(wanted)
    print(f"generated {files} documents in {folder} ({time.perf_counter() - started:.0f} s)")


def run(folder: Path, cache: Path, *options: str) -> dict:
    command = [sys.executable, "-m", "policylint", "check", str(folder), "--isolated", "--format", "json",
               "--fail-on", "never", *options]
    env = dict(os.environ, POLICYLINT_CACHE_DIR=str(cache))
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    data = json.loads(done.stdout)
    findings = [(f["path"], x["fingerprint"]) for f in data["files"] for x in f["findings"]]
    return {"seconds": seconds, "words": data["summary"]["words"], "files": data["summary"]["files"],
            "findings": len(findings), "digest": hashlib.sha256(repr(findings).encode()).hexdigest()[:16]}


def generated(description: str, folder: str, files: int, words: int) -> argparse.Namespace:
    """The command line's ``--folder``, ``--files`` and ``--words`` (defaults
    given), with the documents generated in the folder."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / folder)
    parser.add_argument("--files", type=int, default=files)
    parser.add_argument("--words", type=int, default=words, help="words per document (about)")
    args = parser.parse_args()
    generate(args.folder, args.files, args.words)
    return args


def main() -> int:
    args = generated(__doc__, "policylint-many-files", files=200, words=5000)
    with tempfile.TemporaryDirectory() as scratch:
        runs = {
            "jobs 1, no cache": run(args.folder, Path(scratch) / "none", "--jobs", "1", "--no-cache"),
            "jobs 2, no cache": run(args.folder, Path(scratch) / "none", "--jobs", "2", "--no-cache"),
            "jobs 2, filling the cache": run(args.folder, Path(scratch) / "cache", "--jobs", "2"),
            "jobs 2, cached re-run": run(args.folder, Path(scratch) / "cache", "--jobs", "2"),
        }
    first = next(iter(runs.values()))
    print(f"{first['files']} files, {first['words']:,} words, {os.cpu_count()} cores")
    for name, result in runs.items():
        print(f"  {name:<27} {result['seconds']:7.2f} s  {result['words'] / result['seconds']:>10,.0f} words/s  "
              f"{result['findings']} findings  [{result['digest']}]")
    speedup = runs["jobs 1, no cache"]["seconds"] / runs["jobs 2, no cache"]["seconds"]
    cached = runs["jobs 2, cached re-run"]["seconds"]
    same = len({result["digest"] for result in runs.values()}) == 1
    print(f"speed-up 1 -> 2 jobs: {speedup:.2f}x (target 1.7x); cached re-run {cached:.2f} s (target < 2 s); "
          f"same findings in every run: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
