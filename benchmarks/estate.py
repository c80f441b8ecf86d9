"""A document estate on a Dask LocalCluster: ``policylint check --scheduler``.

Generates (once; reused while the folder exists) 2,000 short policies, about
500 words each (800 DOCX, 600 PDF, 600 Markdown), from the sentences and
headings of the bundled samples (``many_files.py``'s generator). Then checks
them as a user would, each run a fresh ``policylint`` process:

1. ``--jobs 2 --no-cache``: this machine's worker processes, no Dask;
2. ``--scheduler ADDRESS --no-cache`` on a ``LocalCluster`` of 1 worker;
3. ``--scheduler ADDRESS`` on a ``LocalCluster`` of 2 workers, with an
   empty results cache in a shared folder (the run fills it);
4. the same again: every worker finds every document in the cache.

Each cluster (single-threaded worker processes) is started before its run,
and its start-up time is printed apart; its workers build their engines
during the run, as the local run does. Prints wall time and words per second
per run, the 1 -> 2 workers speed-up, the overhead of 2 Dask workers over
``--jobs 2``, and whether every run gave the same findings.

    python benchmarks/estate.py [--folder DIR] [--files 2000] [--words 500]
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from many_files import generated, run  # noqa: E402


def on_cluster(workers: int, folder: Path, cache: Path, *options: str) -> tuple[dict, float]:
    """A run on a fresh LocalCluster of ``workers`` processes, and the cluster's start-up time."""
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.wait_for_workers(workers)
        startup = time.perf_counter() - started
        return run(folder, cache, "--scheduler", cluster.scheduler_address, *options), startup


def main() -> int:
    args = generated(__doc__, "policylint-estate", files=2000, words=500)
    startups = {}
    with tempfile.TemporaryDirectory() as scratch:
        none, shared = Path(scratch) / "none", Path(scratch) / "shared-cache"
        runs = {"--jobs 2, no Dask": run(args.folder, none, "--jobs", "2", "--no-cache")}
        runs["LocalCluster, 1 worker"], startups["LocalCluster, 1 worker"] = on_cluster(
            1, args.folder, none, "--no-cache")
        runs["LocalCluster, 2 workers"], startups["LocalCluster, 2 workers"] = on_cluster(2, args.folder, shared)
        runs["2 workers, cached re-run"], _ = on_cluster(2, args.folder, shared)
    first = next(iter(runs.values()))
    print(f"{first['files']} files, {first['words']:,} words, {os.cpu_count()} cores")
    for name, result in runs.items():
        startup = f"  (cluster start {startups[name]:.1f} s)" if name in startups else ""
        print(f"  {name:<30} {result['seconds']:7.1f} s  {result['words'] / result['seconds']:>8,.0f} words/s  "
              f"{result['findings']} findings  [{result['digest']}]{startup}")
    one, two = runs["LocalCluster, 1 worker"]["seconds"], runs["LocalCluster, 2 workers"]["seconds"]
    local = runs["--jobs 2, no Dask"]["seconds"]
    same = len({result["digest"] for result in runs.values()}) == 1
    print(f"speed-up 1 -> 2 workers: {one / two:.2f}x; 2 Dask workers against --jobs 2: "
          f"{(two / local - 1) * 100:+.1f}% time; cached re-run {runs['2 workers, cached re-run']['seconds']:.1f} s; "
          f"same findings in every run: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
