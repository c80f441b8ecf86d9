"""Do two versions of the engine find the same things? A snapshot of every
finding on every document, to take before a change and compare after it.

    python benchmarks/same_findings.py save DIR      # before the change
    python benchmarks/same_findings.py compare DIR   # after it (snapshot in DIR.now): exit 1 on any difference

The snapshot holds, in DIR:

- ``documents.json``: ``policylint check --no-cache --format json`` of every
  document (DOCX, PDF, Markdown, text) in ``corpora/samples`` and, when
  ``../shared`` is beside the repository, ``../shared/corpus/real-dev/raw``
  and ``../shared/corpus/converted``, in one run;
- ``sentences.json``: the findings of every sentence of the labelled
  sentence corpus (``corpora/sentences``), read with the API;
- ``parsed.json``: how many sentences of each document the engine parsed
  (not compared: a speed change is expected to lower it; printed side by side).

Byte-identical ``documents.json`` and ``sentences.json`` mean the change kept
every finding, message, location and suggestion.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))  # benchmarks.corpus, when run as a script
FORMATS = (".docx", ".pdf", ".md", ".txt")
COMPARED = ("documents.json", "sentences.json")


def documents() -> list[Path]:
    folders = [ROOT / "corpora" / "samples", SHARED / "real-dev" / "raw", SHARED / "converted"]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.suffix in FORMATS)


def save(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    paths = documents()
    command = [sys.executable, "-m", "policylint", "check", "--no-cache", "--isolated", "--format", "json",
               *map(str, paths)]
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"same_findings: policylint check failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    (folder / "documents.json").write_bytes(done.stdout)

    from benchmarks.corpus import load_corpus
    from policylint.engine import Engine
    from policylint.extract import read_document
    from policylint.ruleset import load_rules

    engine = Engine(load_rules())
    sentences = [[f.model_dump(mode="json") for f in engine.check_sentence(entry.item.text)]
                 for entry in load_corpus()]
    (folder / "sentences.json").write_text(json.dumps(sentences, indent=0, sort_keys=True), encoding="utf-8")
    parsed = {}
    for path in paths:
        engine.check(read_document(path))
        parsed[str(path.relative_to(path.parents[1]))] = [engine.last_scan.sentences_parsed,
                                                          engine.last_scan.sentences]
    (folder / "parsed.json").write_text(json.dumps(parsed, indent=1), encoding="utf-8")
    print(f"same_findings: {len(paths)} documents, {len(sentences)} corpus sentences saved in {folder}")


def compare(folder: Path) -> int:
    now = folder.with_name(folder.name + ".now")
    save(now)
    differ = [name for name in COMPARED if (folder / name).read_bytes() != (now / name).read_bytes()]
    before = json.loads((folder / "parsed.json").read_text(encoding="utf-8"))
    after = json.loads((now / "parsed.json").read_text(encoding="utf-8"))
    print(f"\n{'document':60} {'parsed before':>14} {'after':>7} {'sentences':>10}")
    for name, (parsed, sentences) in after.items():
        print(f"{name[-60:]:60} {before.get(name, ['?'])[0]:>14} {parsed:>7} {sentences:>10}")
    if differ:
        print(f"\nsame_findings: DIFFERENT: {', '.join(differ)} (this run's snapshot is in {now})")
        return 1
    print("\nsame_findings: the same findings on every document and corpus sentence")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.action == "save":
        save(args.folder)
        return 0
    return compare(args.folder)


if __name__ == "__main__":
    sys.exit(main())
