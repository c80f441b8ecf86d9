"""First-run speed: start-up, one real handbook, and alex side by side.

    python benchmarks/startup.py [--rounds 5] [--docx FILE] [--pdf FILE]

Each measurement is a fresh ``policylint check --no-cache`` process, as a
pre-commit hook, an editor or a CI job runs it; the median of ``--rounds``
runs (wall and CPU time of the process and its children, peak memory):

1. a one-line text file whose sentence neither needs parsing nor is about
   leave (so neither the trained pipeline nor the classifier loads);
2. a one-line file whose sentence a rule must read the grammar of
   (the trained pipeline is loaded);
3. a one-line file about leave (the family-status classifier reads it);
4. the first file again with an empty rule-pack cache (the first run after
   installing or changing the rules: the pack is compiled and kept);
5. the 42,000-word real DOCX handbook (``../shared/corpus/converted``) and
   ``alex`` (when it is installed) on the same text, and the ratio;
6. a 53-page real PDF handbook (``../shared/corpus/real-dev``).

CPU time is the figure to compare on a shared machine: wall time moves with
whatever else is running. The many-files throughput is
``benchmarks/many_files.py``; PDF extraction alone is ``benchmarks/pdf_speed.py``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
DOCX = SHARED / "converted" / "sourcegraph-people-policies.docx"
PDF = SHARED / "real-dev" / "raw" / "adino-telecom" / "Employee_Handbook.pdf"
NO_PARSE = "Please keep your desk tidy.\n"
WITH_PARSE = "Employees must work from 9am to 5pm.\n"
ABOUT_LEAVE = "Our office is closed on public holidays.\n"
#: GNU time reports one process's peak memory (resource's figure for children is a maximum over all of them)
GNU_TIME = "/usr/bin/time"


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int | None]:
    """Wall seconds, CPU seconds (the process and its children) and peak RSS (MB, when GNU time is there)."""
    timed = os.access(GNU_TIME, os.X_OK)
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        full = [GNU_TIME, "-f", "%M", "-o", rss.name, *command] if timed else command
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = int(rss.read().split()[-1]) // 1024 if timed else None
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak


def median(command: list[str], rounds: int, env: dict[str, str] | None = None, fresh_pack: bool = False):
    results = []
    for _ in range(rounds):
        if fresh_pack:
            with tempfile.TemporaryDirectory() as packs:
                results.append(run(command, {**(env or os.environ), "POLICYLINT_PACK_CACHE": packs}))
        else:
            results.append(run(command, env))
    walls, cpus, peaks = zip(*results)
    return statistics.median(walls), statistics.median(cpus), max(peaks) if None not in peaks else None


def policylint(*args: str) -> list[str]:
    return [sys.executable, "-m", "policylint", "check", "--no-cache", "--timeout", "0", *args]


def text_of(path: Path) -> str:
    from policylint.extract import read_document

    return "\n\n".join(block.text for block in read_document(path).blocks)


def row(name: str, wall: float, cpu: float, peak: int | None = None, note: str = "") -> None:
    peak_text = f"{peak} MB" if peak is not None else ""
    print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {peak_text} | {note} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--docx", type=Path, default=DOCX)
    parser.add_argument("--pdf", type=Path, default=PDF)
    args = parser.parse_args()
    print("| work | wall (median) | CPU (median) | peak memory | note |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        plain, parsed, leave = Path(folder, "plain.txt"), Path(folder, "grammar.txt"), Path(folder, "leave.txt")
        plain.write_text(NO_PARSE, encoding="utf-8")
        parsed.write_text(WITH_PARSE, encoding="utf-8")
        leave.write_text(ABOUT_LEAVE, encoding="utf-8")
        run(policylint(str(plain)))  # the rule pack compiled and kept once, as any earlier run would
        row("one line, nothing to parse", *median(policylint(str(plain)), args.rounds), note="target ≤ 0.5 s")
        row("one line a rule must parse", *median(policylint(str(parsed)), args.rounds),
            note="loads the trained pipeline")
        row("one line about leave", *median(policylint(str(leave)), args.rounds), note="loads the classifier")
        row("one line, empty rule-pack cache", *median(policylint(str(plain)), min(args.rounds, 3), fresh_pack=True),
            note="first run after installing or changing rules")
        if args.docx.is_file():
            words = len(text_of(args.docx).split())
            wall, cpu, peak = median(policylint(str(args.docx)), args.rounds)
            row(f"{args.docx.name} ({words:,} words)", wall, cpu, peak, note=f"{words / cpu:,.0f} words/s (CPU)")
            alex = shutil.which("alex")
            if alex:
                text = Path(folder, "handbook.txt")
                text.write_text(text_of(args.docx), encoding="utf-8")
                a_wall, a_cpu, a_peak = median([alex, str(text)], args.rounds)
                row("alex, same text", a_wall, a_cpu, a_peak,
                    note=f"policylint/alex: {wall / a_wall:.2f}x wall, {cpu / a_cpu:.2f}x CPU (target ≤ 0.3x)")
            else:
                print("| alex | not installed | | | `npm install -g alex` to compare |")
        else:
            print(f"| {args.docx} | missing | | | needs ../shared beside the repository |")
        if args.pdf.is_file():
            row(f"{args.pdf.name}", *median(policylint(str(args.pdf)), args.rounds), note="target ≤ 2 s")
        else:
            print(f"| {args.pdf} | missing | | | needs ../shared beside the repository |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
