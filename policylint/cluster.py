"""Check documents on a Dask distributed cluster (``--scheduler``).

``--scheduler tcp://HOST:8786`` (or ``scheduler = "…"`` in the config, or
Dask's own ``DASK_SCHEDULER_ADDRESS``) sends the documents to the workers of
a running cluster; ``--scheduler local`` starts a ``LocalCluster`` with one
single-threaded worker process per core; ``--scheduler none`` checks here,
whatever the config or the environment say.

The documents go out in batches (``cluster_worker.check_batch``). Each worker
builds the engine once and reads, looks up in the shared cache and checks
each document of its batches; the results come back to this process, which
applies suppressions and the baseline and reports them in the order of the
inputs, exactly as a local run does.

A worker that dies loses nothing: Dask gives its tasks to another worker.
A batch that has now killed ``distributed.scheduler.allowed-failures`` + 1
workers (Dask's ``KilledWorker``) is split into one task per document, so the
innocent documents are still checked; a document that kills that many
workers on its own is reported as an input error (exit 3), never retried
again. Every document is reported exactly once.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policylint.batch import STDIN, Checker, EngineInfo, default_jobs
from policylint.cluster_worker import SetupError, Spec, check_batch, engine_info
from policylint.config import ConfigError, Settings
from policylint.result import FileError, FileResult
from policylint.sources import is_url, listed_size
from policylint.text import one_line

#: Dask's own variable for the scheduler's address
ADDRESS_VARIABLE = "DASK_SCHEDULER_ADDRESS"
#: most documents in one task
MAX_BATCH = 16

#: a document for a worker: ``(name to report, what to read, size from the listing)``
Item = tuple[str, str, int | None]


def items(names: Sequence[str]) -> list[Item]:
    """The workers read local paths as absolute paths (their working folder is
    not ours) and report them as given."""
    return [(name, name if is_url(name) else str(Path(name).absolute()), listed_size(name)) for name in names]


def scheduler_address(settings: Settings) -> str | None:
    """Where to run: the ``scheduler`` setting, else ``DASK_SCHEDULER_ADDRESS``;
    None (check here) when neither is set or the setting is "none"."""
    address = settings.scheduler or os.environ.get(ADDRESS_VARIABLE, "").strip() or None
    return None if address is None or address.lower() == "none" else address


def make_checker(settings: Settings, use_cache: bool | None = None) -> Checker:
    """A ``Checker`` for this machine's processes, or a ``DaskChecker``."""
    address = scheduler_address(settings)
    return Checker(settings, use_cache) if address is None else DaskChecker(settings, address, use_cache)


def connect(address: str, workers: int | None = None):
    """``(client, cluster)``; ``cluster`` is the ``LocalCluster`` started for
    "local" (``workers`` processes, default one per core), else None.
    ``ConfigError`` (exit 2) when that cannot be done. The time allowed to
    connect is Dask's ``distributed.comm.timeouts.connect`` (30 s by default)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError(["--scheduler needs Dask distributed, which is not installed: "
                           "pip install 'policylint[dask]'"]) from None
    if address.lower() == "local":
        cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                               dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(address), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError([f"cannot reach the Dask scheduler at {address}: "
                           f"{one_line(str(exc)) or type(exc).__name__}"]) from None


@dataclass
class _Remote:
    """What ``checking.run_check`` asks of the engine after a run."""

    regex_timeouts: list[tuple[str, str]] = field(default_factory=list)


class DaskChecker(Checker):
    """``batch.Checker`` whose documents are checked on a Dask cluster."""

    def __init__(self, settings: Settings, address: str, use_cache: bool | None = None, client=None):
        super().__init__(settings, use_cache)
        self.address = address
        self.client = client
        self._own_client = client is None
        self.cluster = None
        self.flight = None
        self._spec: Spec | None = None
        self._remote = _Remote()

    def spec(self) -> Spec:
        """What the workers need for this run (the run key is computed once)."""
        if self._spec is None:
            self._spec = Spec(settings=self.settings, run_key=self.cache.key if self.cache else self.cache_key(),
                              cache=self.cache.location if self.cache is not None else None)
        return self._spec

    def _connect(self):
        if self.client is None:
            self.client, self.cluster = connect(self.address, self.settings.jobs)
        return self.client

    def plan(self, files: Sequence[str]) -> list[FileResult | str]:
        """Start checking ``files`` on the cluster (the workers look them up in the cache)."""
        names = list(files)
        self.flight = ClusterRun(self._connect(), self.spec(), items([name for name in names if name != STDIN]))
        return names

    def info(self, need_engine: bool) -> EngineInfo:
        """From the cache's manifest, else from the first batch that needed the
        engine, else from a worker asked for it alone."""
        if self.cache is not None:
            cached = self.cache.get_manifest()
            if cached is not None:
                return EngineInfo(**cached)
        found = self.flight.engine_info() if self.flight is not None else None
        return found if found is not None else probe(self._connect(), self.spec())

    @property
    def built_engine(self):
        return self._remote

    def run(self, planned: list[FileResult | str], jobs: int,
            stdin: tuple[bytes, str] | None = None) -> Iterator[FileResult | FileError]:
        """Each planned file's result or error, in order."""
        run = self.flight or ClusterRun(self._connect(), self.spec(), [])
        from_stdin, name = None, "<stdin>"
        if STDIN in planned:
            data, name = stdin if stdin is not None else (b"", "<stdin>")
            from_stdin = run.client.submit(check_batch, run.spec, [(name, name, None)], data, pure=False)
        ordered = run.in_order()
        for item in planned:
            if item == STDIN:
                yield self._stdin_result(from_stdin, name)
            else:
                yield next(ordered)
        self._note(run.timeouts)

    def _stdin_result(self, future, name: str) -> FileResult | FileError:
        from distributed import KilledWorker

        try:
            results, timeouts, _ = _result(future)
        except KilledWorker as exc:
            return FileError(path=name, message=killed_message(exc))
        self._note(timeouts)
        return results[0]

    def _note(self, timeouts: list[tuple[str, str]]) -> None:
        known = self._remote.regex_timeouts
        known += [item for item in timeouts if item not in known]

    def close(self) -> None:
        if self.flight is not None:
            self.flight.cancel()
        if self.cluster is not None:  # the workers first, then the scheduler, then the client
            self.cluster.close()
            self.cluster = None
        if self._own_client and self.client is not None:
            self.client.close()
            self.client = None


class ClusterRun:
    """The documents of one run on a cluster, as batches.

    At most one batch per worker thread is in flight: a worker that dies
    then takes only the batch it was checking with it, so Dask's count of
    the workers a task has killed (``allowed-failures``) blames no other
    document. The batches are submitted in order, so results come back
    roughly in order and ``in_order`` holds back few of them."""

    def __init__(self, client, spec: Spec, items: list[Item]):
        from distributed import as_completed

        self.client = client
        self.spec = spec
        size = batch_size(len(items), sum(client.nthreads().values()))
        self._queue = deque((start, items[start:start + size]) for start in range(0, len(items), size))
        self._futures: dict = {}
        self._done = as_completed([], loop=client.loop)
        self._threads = (0, 0.0)  # worker threads, and when they were counted
        self._early: list[tuple[int, FileResult | FileError]] = []
        self._stream = self._completed()
        self.timeouts: list[tuple[str, str]] = []
        self.engine: EngineInfo | None = None
        self._fill()

    def _window(self) -> int:
        """Worker threads now (counted at most every two seconds)."""
        threads, when = self._threads
        if time.monotonic() - when > 2:
            threads = sum(self.client.nthreads().values())
            self._threads = (threads, time.monotonic())
        return max(1, threads)

    def _fill(self) -> None:
        while self._queue and len(self._futures) < self._window():
            self._submit(*self._queue.popleft())

    def _submit(self, start: int, batch: list[Item]) -> None:
        future = self.client.submit(check_batch, self.spec, batch, pure=False)
        self._futures[future] = (start, batch)
        self._done.add(future)

    def _completed(self) -> Iterator[tuple[int, FileResult | FileError]]:
        from distributed import KilledWorker

        while self._futures:
            future = next(self._done)
            start, batch = self._futures.pop(future)
            error = future.exception() if future.status == "error" else None
            if isinstance(error, KilledWorker):
                if len(batch) == 1:
                    yield start, FileError(path=batch[0][0], message=killed_message(error))
                else:  # find the document that kills workers: one task each, first in line
                    self._queue.extendleft(reversed([(start + n, [item]) for n, item in enumerate(batch)]))
            else:
                results, timeouts, engine = _result(future)
                self.timeouts += [item for item in timeouts if item not in self.timeouts]
                self.engine = self.engine or engine
                yield from enumerate(results, start)
            self._fill()

    def engine_info(self) -> EngineInfo | None:
        """The workers' engine, from the first batch that needed one (None if none did)."""
        while self.engine is None:
            try:
                self._early.append(next(self._stream))
            except StopIteration:
                break
        return self.engine

    def as_completed(self) -> Iterator[tuple[int, FileResult | FileError]]:
        """``(index in items, result)`` for every item, as the batches finish."""
        while self._early:
            yield self._early.pop(0)
        yield from self._stream

    def in_order(self) -> Iterator[FileResult | FileError]:
        """Every item's result, in the order of ``items``."""
        waiting: dict[int, FileResult | FileError] = {}
        following = 0
        for index, result in self.as_completed():
            waiting[index] = result
            while following in waiting:
                yield waiting.pop(following)
                following += 1

    def cancel(self) -> None:
        self._queue.clear()
        if self._futures:
            self.client.cancel(list(self._futures))
            self._futures.clear()


def probe(client, spec: Spec, tries: int = 3) -> EngineInfo:
    """A worker's ``EngineInfo`` (it builds its engine for it)."""
    from distributed import KilledWorker

    for _ in range(tries):
        try:
            return _result(client.submit(engine_info, spec, pure=False))
        except KilledWorker:
            continue
    raise ConfigError([f"the Dask workers died {tries} times while loading the rules and the spaCy pipeline"])


def batch_size(documents: int, workers: int) -> int:
    """About four batches per worker, at most ``MAX_BATCH`` documents each: big
    enough that scheduling costs little, small enough to keep every worker busy."""
    return max(1, min(MAX_BATCH, documents // (max(workers, 1) * 4)))


def killed_message(error) -> str:
    times = getattr(error, "allowed_failures", 2) + 1
    return (f"the Dask worker checking this file died {times} times (a library crashes on it, or it needs more "
            "memory than a worker has); it was not retried again")


def _result(future):
    """A future's result; a worker's ``SetupError`` as a ``ConfigError`` (exit 2)."""
    try:
        return future.result()
    except SetupError as exc:
        raise ConfigError(list(exc.lines)) from None
