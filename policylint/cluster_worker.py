"""What runs on a Dask worker (``--scheduler``): one engine per worker
process, built on first need and kept for every later batch of the run (and
of later runs with the same settings), and the check of each document.

A worker reads each document once: its bytes give the SHA-256 that the
results cache is keyed by, so a document already in a shared cache
(``cache-dir`` on a shared folder or an fsspec URL) costs one read and no
check; any other is checked from the same bytes and its result stored.

Dask runs tasks in a worker thread, where the ``SIGALRM`` time limit of
``limits.deadline`` cannot fire, so ``thread_deadline`` keeps ``--timeout``
there: it raises ``DocumentTimeout`` in the checking thread from a timer
thread. Like the signal, it interrupts Python code anywhere in the
extractors and the engine, not a single C call that never returns.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from policylint.config import ConfigError, Settings
from policylint.extract import ExtractError, read_bytes
from policylint.limits import DocumentTimeout, format_seconds
from policylint.result import FileError, FileResult
from policylint.text import one_line

#: per worker process: the last few runs' settings, and the engines for their run keys
_STATES: OrderedDict[str, _State] = OrderedDict()
_ENGINES: OrderedDict[str, _Engine] = OrderedDict()
_KEEP = 2
_LOCK = threading.Lock()


class SetupError(Exception):
    """A worker cannot check for this run (rules, model, or a different
    installation from the client's). ``lines`` are the one-line problems;
    the client reports them and exits with 2."""

    def __init__(self, lines: list[str]):
        super().__init__(lines)
        self.lines = lines


@dataclass(frozen=True)
class Spec:
    """What a worker needs for a run: the settings, the run key the client
    computed (the worker's must be the same, or results could differ from a
    local run) and the results cache's location, if any."""

    settings: Settings
    run_key: str
    cache: str | None = None
    token: str = field(init=False, default="")

    def __post_init__(self):
        text = f"{self.settings.model_dump_json()}|{self.settings.root}|{self.run_key}|{self.cache}"
        object.__setattr__(self, "token", hashlib.sha256(text.encode()).hexdigest())


def check_batch(spec: Spec, items: list[tuple[str, str, int | None]], data: bytes | None = None):
    """The Dask task: each item's result, in order; the regex time-outs the
    worker's engine has met; and its ``EngineInfo`` if it has built one.
    ``items`` are ``(name to report, what to read, size from the listing)``;
    ``data`` is standard input's bytes for a single item."""
    state = _state(spec)
    if data is not None:
        (name, _, _), = items
        results = [state.check_bytes(name, data, cache=False)]
    else:
        results = [state.check(name, source, size) for name, source, size in items]
    return results, state.timeouts(), state.engine.info()


def engine_info(spec: Spec):
    """The worker's ``EngineInfo`` (the report's rule count, model and skipped rules)."""
    return _state(spec).info()


def _state(spec: Spec) -> _State:
    with _LOCK:
        state = _STATES.get(spec.token)
        if state is None:
            state = _STATES[spec.token] = _State(spec, _engine_holder(spec))
            _trim(_STATES)
        _STATES.move_to_end(spec.token)
        return state


def _engine_holder(spec: Spec) -> _Engine:
    """The engine for ``spec``'s run key: shared by every run whose settings
    give the same findings (called with ``_LOCK`` held)."""
    holder = _ENGINES.get(spec.run_key)
    if holder is None:
        from policylint.batch import Checker

        checker = Checker(spec.settings, use_cache=False)
        if checker.cache_key() != spec.run_key:
            raise SetupError([
                "the Dask workers do not have the same policylint, rule files (extend-rules folders must be at "
                "the same path on every worker) and spaCy pipeline as this machine, so their findings could "
                "differ; install the same versions on the workers"])
        holder = _ENGINES[spec.run_key] = _Engine(checker)
        _trim(_ENGINES)
    _ENGINES.move_to_end(spec.run_key)
    return holder


def _trim(found: OrderedDict) -> None:
    while len(found) > _KEEP:
        found.popitem(last=False)


class _Engine:
    """One engine, built on first need, used by one document at a time."""

    def __init__(self, checker):
        self.checker = checker
        self.lock = threading.Lock()
        self._engine = None

    def get(self, cache):
        """The engine (``SetupError`` if the rules or the model cannot be
        loaded here); its description goes in ``cache``'s manifest."""
        if self._engine is None:
            from policylint.exitcodes import ModelError
            from policylint.ruleset import RuleLoadError

            try:
                self._engine = self.checker.engine()
            except RuleLoadError as exc:
                raise SetupError([f"rule error: {problem}" for problem in exc.problems]) from None
            except ConfigError as exc:
                raise SetupError(exc.problems) from None
            except ModelError as exc:
                raise SetupError([str(exc)]) from None
            if cache is not None:
                cache.put_manifest(self.checker.info(need_engine=True))
        return self._engine

    def timeouts(self) -> list[tuple[str, str]]:
        return list(self._engine.regex_timeouts) if self._engine is not None else []

    def info(self):
        """The ``EngineInfo`` once the engine is built, else None."""
        return self.checker.info(need_engine=True) if self._engine is not None else None


class _State:
    """One run's settings on this worker: its limits, its cache, its engine."""

    def __init__(self, spec: Spec, engine: _Engine):
        from policylint.batch import Checker
        from policylint.cache import Cache

        self.engine = engine
        self.cache = Cache(spec.cache, spec.run_key) if spec.cache else None
        self.limits = Checker(spec.settings, use_cache=False).limits

    def info(self):
        with self.engine.lock:
            self.engine.get(self.cache)
        return self.engine.info()

    def timeouts(self) -> list[tuple[str, str]]:
        return self.engine.timeouts()

    def check(self, name: str, source: str, size: int | None) -> FileResult | FileError:
        from policylint import sources

        try:
            if sources.is_url(source):
                if size is not None:
                    sources.remember_sizes({source: size})
                data = sources.read_url(source, self.limits)
            else:
                data = read_bytes(Path(source), self.limits)
        except ExtractError as exc:
            return FileError(path=name, message=one_line(str(exc)))
        return self.check_bytes(name, data, cache=self.cache is not None)

    def check_bytes(self, name: str, data: bytes, cache: bool) -> FileResult | FileError:
        from policylint.runner import check_one

        sha = hashlib.sha256(data).hexdigest() if cache else None
        hit = self.cache.get(sha, name) if sha is not None else None
        if hit is not None:
            return hit
        with self.engine.lock:
            engine = self.engine.get(self.cache)
            try:
                with thread_deadline(self.limits.timeout):
                    result = check_one(engine, name, self.limits, data=data)
            except DocumentTimeout:  # it fell due just as the check ended
                result = FileError(path=name, message=timeout_message(self.limits.timeout))
        if sha is not None and isinstance(result, FileResult):
            self.cache.put(result)
        return result


def timeout_message(seconds: float) -> str:
    return f"took longer than {format_seconds(seconds)} to check (limit: --timeout)"


class _ThreadTimeout(DocumentTimeout):
    """Raised in the checking thread by ``thread_deadline`` (made without arguments)."""

    def __init__(self):
        super().__init__(0)


@contextlib.contextmanager
def thread_deadline(seconds: float) -> Iterator[None]:
    """``limits.deadline`` for a thread that is not the main one: raise
    ``DocumentTimeout`` in this thread once ``seconds`` have passed (0: no
    limit). In the main thread it does nothing: the signal-based deadline
    inside ``runner.check_one`` works there."""
    if seconds <= 0 or threading.current_thread() is threading.main_thread():
        yield
        return
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(_ThreadTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
            if state["fired"]:  # take back an exception not raised yet
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
