"""How fast does policylint extract a PDF? Pages per second, wall and CPU.

    python benchmarks/pdf_speed.py [--repeat N] [--no-full] [file.pdf ...]

Without files, runs on the bundled samples and on every PDF under
``../shared/corpus`` (when it is beside the repository). For each file,
prints pages, words, and for each way of finding tables the best of
``--repeat`` runs of ``policylint.extract.pdf.extract``: wall seconds, CPU
seconds (this process), and pages per wall and per CPU second.

- ``fast``: the default, tables found on pdfium's path objects (``pdf_rulings``).
- ``full``: ``full_table_search=True``, every page with text parsed again by
  pdfplumber to find its tables (what the fast path is tested against; slower
  than the extractor before the fast path, which sent to pdfplumber only the
  pages where pdfium saw ruling lines). Run once; ``--no-full`` skips it.

On a shared machine the wall time counts other processes' work too; the CPU
time is the extractor's own. Each run is warm (pdfium loaded, modules
imported): the first extraction in a process also pays for importing the
extractor and, on a page with ruling lines both ways, pdfplumber's table
finder (about 0.05 s); ``benchmarks/startup.py`` measures a whole
``policylint check`` of a PDF, start-up included.

Issue 12 asks for 100 pages a second. Most of the time is per glyph: three
pdfium calls (box, origin, text object; ``pdf_read`` through ``pdf_calls``),
one ``Glyph`` object, then grouping into fragments (``pdf_glyphs``). So pages
per second falls as characters per page rise: a sparse page (1,400
characters, the 53-page adino handbook) reads nearly twice as fast as a dense
one (3,200, the Morgan Stanley handbook). Tables cost on pages with ruling
lines both ways (``pdf_rulings`` and pdfplumber's finder, once per distinct
set of rulings in a document).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from policylint.extract.pdf import extract

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"


def default_files() -> list[Path]:
    files = sorted((ROOT / "corpora" / "samples").glob("*.pdf"))
    if SHARED.is_dir():
        files += sorted(SHARED.rglob("*.pdf"))
    return files


def measure(data: bytes, repeat: int, **options) -> tuple[int, int, float, float]:
    """Pages, words, best wall and best CPU seconds of ``repeat`` runs."""
    best_wall = best_cpu = float("inf")
    pages = words = 0
    for _ in range(max(1, repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        extracted = extract(data, **options)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        pages, words = extracted.pages, sum(len(b.text.split()) for b in extracted.blocks)
    return pages, words, best_wall, best_cpu


def _cols(pages: int, wall: float, cpu: float) -> str:
    return f"{wall:7.2f} {cpu:7.2f} {pages / wall:7.1f} {pages / cpu:7.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the fast path per file (best is shown)")
    parser.add_argument("--no-full", action="store_true", help="skip the full table search")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    if not files:
        print("no PDF files given and none found", file=sys.stderr)
        return 2
    head = f"{'file':44} {'pages':>5} {'words':>6} | {'fast: wall s':>12} {'cpu s':>7} {'p/s wall':>8} {'p/s cpu':>7}"
    if not args.no_full:
        head += f" | {'full: wall s':>12} {'cpu s':>7} {'p/s wall':>8} {'p/s cpu':>7}"
    print(head)
    total = {"fast": [0, 0.0, 0.0], "full": [0, 0.0, 0.0]}
    for path in files:
        data = path.read_bytes()
        pages, words, wall, cpu = measure(data, args.repeat)
        label = f"{path.parent.name}/{path.name}"  # two handbooks share a file name
        line = f"{label[-44:]:44} {pages:5d} {words:6d} | {'':5}{_cols(pages, wall, cpu)}"
        total["fast"] = [total["fast"][0] + pages, total["fast"][1] + wall, total["fast"][2] + cpu]
        if not args.no_full:
            _, _, wall, cpu = measure(data, 1, full_table_search=True)
            line += f" | {'':5}{_cols(pages, wall, cpu)}"
            total["full"] = [total["full"][0] + pages, total["full"][1] + wall, total["full"][2] + cpu]
        print(line, flush=True)
    pages, wall, cpu = total["fast"]
    line = f"{'all files':44} {pages:5d} {'':6} | {'':5}{_cols(pages, wall, cpu)}"
    if not args.no_full:
        line += f" | {'':5}{_cols(*total['full'])}"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
