"""Check many files: from the cache where it can, else in parallel processes.

``Checker`` holds what one run needs (the selected rules, the engine, the
cache) and builds each part only when it is needed: a run in which every file
is in the cache loads no rules and no spaCy pipeline. Files are checked by
``runner.check_one``, in ``jobs`` worker processes forked from this one (so
they share the loaded engine) when more than one file needs checking, and
results come back in the order of the inputs.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from policylint.cache import Cache, file_sha256, run_key
from policylint.model import fingerprint as textcat_fingerprint
from policylint.config import ConfigError, Settings
from policylint.isolation import Death, describe_death, run_alone, start_child
from policylint.limits import Limits
from policylint.result import FileError, FileResult
from policylint.sources import is_url, url_sha256

#: the path that means "read standard input"
STDIN = "-"
#: standard input's bytes (or why they could not be read) and the name to report it under
StdinInput = tuple[bytes | Exception, str]


@dataclass(frozen=True)
class EngineInfo:
    """What the report says about the engine (kept in the cache for runs that build none)."""

    model: str | None
    rules: int
    skipped: tuple[str, ...]


class Checker:
    def __init__(self, settings: Settings, use_cache: bool | None = None):
        self.settings = settings
        self.limits = Limits(max_file_size=settings.max_file_size, max_pages=settings.max_pages,
                             max_words=settings.max_words, timeout=settings.timeout,
                             max_memory=settings.max_memory)
        self._rules = None
        self._engine = None
        self._run_key: str | None = None
        self.cache = self._open_cache() if (settings.cache if use_cache is None else use_cache) else None

    # -- the parts, built when first needed ---------------------------------

    def rule_dirs(self) -> list[Path]:
        return [self.settings.path(folder) for folder in self.settings.extend_rules]

    def rules(self):
        """The selected rules with their severity overrides; ``ConfigError`` for
        a selector that names no rule. ``RuleLoadError`` for bad rule files."""
        if self._rules is None:
            from policylint.goals import check_goals
            from policylint.ruleset import RuleSet, load_rules
            from policylint.selection import choose, unknown_selectors

            loaded = load_rules(self.rule_dirs())
            settings = self.settings
            selectors = {
                "select": settings.select or [], "ignore": settings.ignore, "severity": list(settings.severity),
                "per_file_ignores": [s for group in settings.per_file_ignores.values() for s in group],
            }
            problems = [f"{settings.origin(key)}: '{name}' names no rule code, prefix, name or category "
                        "(see policylint rules)"
                        for key, names in selectors.items() for name in unknown_selectors(names, loaded)]
            problems += check_goals(settings.goals, loaded, settings.source or "command line")
            if problems:
                raise ConfigError(list(dict.fromkeys(problems)))
            chosen = choose(loaded, settings.select, settings.ignore, settings.severity)
            if not settings.model_findings:  # model-findings = false: no classifier rules (policylint/model)
                from policylint.model.rules import is_model_rule

                chosen = [rule for rule in chosen if not is_model_rule(rule)]
            self._rules = RuleSet(chosen, sources=loaded.sources)
        return self._rules

    def engine(self):
        """The engine for the selected rules (``nlp.ModelError`` if the model is
        missing): the compiled pack of an earlier run with the same key
        (policylint/engine/pack.py), else compiled from the rule files."""
        if self._engine is None:
            from policylint.engine import pack

            self._engine = pack.cached(self._key(), self._build_engine)
            if self._rules is None:
                self._rules = self._engine.rules
            if self.cache is not None:
                self.cache.put_manifest(self._engine_info(self._engine))
        return self._engine

    def _build_engine(self):
        from policylint.engine import Engine

        return Engine(self.rules(), model=self.settings.model)

    def _key(self) -> str:
        """What decides the engine and the findings besides a file's bytes (see cache.run_key)."""
        if self._run_key is None:
            from policylint import nlp

            settings = self.settings
            builtin = Path(str(resources.files("policylint.rulepack")))  # as ruleset.builtin_rules_dir, without spaCy
            try:
                model = nlp.installed_model(settings.model)
            except nlp.ModelError:
                model = None
            self._run_key = run_key([builtin, *self.rule_dirs()], {
                "select": settings.select, "ignore": sorted(settings.ignore), "model": settings.model,
                "installed-model": model, "model-findings": settings.model_findings,
                "textcat": textcat_fingerprint(),
                "severity": sorted((k, v.value) for k, v in settings.severity.items()),
            })
        return self._run_key

    @property
    def built_engine(self):
        """The engine if this run needed one, else None."""
        return self._engine

    def info(self, need_engine: bool) -> EngineInfo:
        """About the engine: from the cache when no file needs it, else from it."""
        if not need_engine and self.cache is not None:
            cached = self.cache.get_manifest()
            if cached is not None:
                return EngineInfo(**cached)
        return self._engine_info(self.engine())

    @staticmethod
    def _engine_info(engine) -> EngineInfo:
        return EngineInfo(model=engine.model_name, rules=len(engine.active_rules),
                          skipped=tuple(rule.id for rule in engine.skipped))

    def cache_key(self) -> str:
        """What, besides a file's bytes, decides its findings: the run key
        (``cache.run_key``) and the limits (a file refused under one must not
        come back checked under another). The limits are not in the compiled
        pack's key: they do not change the engine."""
        return f"{self._key()}:{self.limits.model_dump_json()}"

    def _open_cache(self) -> Cache:
        folder = os.environ.get("POLICYLINT_CACHE_DIR")  # a local folder or a URL, as given
        if not folder:
            folder = self.settings.cache_dir
            folder = folder if is_url(folder) else self.settings.path(folder)
        return Cache(folder, self.cache_key())

    def close(self) -> None:
        """Release what the run holds (nothing for a local run; ``cluster.DaskChecker`` its cluster)."""

    # -- checking ------------------------------------------------------------

    def plan(self, files: Sequence[str]) -> list[FileResult | str]:
        """Each file's cached result, or its path when it must be checked."""
        planned: list[FileResult | str] = []
        for name in files:
            hit = self._cached(name) if self.cache is not None and name != STDIN else None
            planned.append(hit if hit is not None else name)
        return planned

    def _cached(self, name: str) -> FileResult | None:
        if is_url(name):
            sha = url_sha256(name, self.limits)
            return self.cache.get(sha, name) if sha is not None else None
        path = Path(name)
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode) or 0 < self.limits.max_file_size < info.st_size:
                return None  # check_one reports it
            sha = file_sha256(path)
        except OSError:
            return None
        return self.cache.get(sha, name)

    def run(self, planned: list[FileResult | str], jobs: int,
            stdin: StdinInput | None = None) -> Iterator[FileResult | FileError]:
        """Yield a result or an error per planned file, in order."""
        todo = [item for item in planned if isinstance(item, str)]
        checked = self._check(todo, jobs, stdin) if todo else iter(())
        for item in planned:
            if isinstance(item, str):
                from_stdin = item == STDIN
                item = next(checked)
                if isinstance(item, FileResult) and self.cache is not None and not from_stdin:
                    self.cache.put(item)
            yield item

    def _check(self, paths: list[str], jobs: int, stdin: StdinInput | None) -> Iterator[FileResult | FileError]:
        engine = self.engine()
        items: list[str | tuple[str, bytes]] = []
        for path in paths:
            if path != STDIN:
                items.append(path)
            elif stdin is not None and isinstance(stdin[0], Exception):
                items.append((stdin[1], stdin[0]))
            else:
                data, name = stdin if stdin is not None else (b"", "<stdin>")
                items.append((name, data))
        yield from checked_apart(engine, self.limits, items, jobs)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# -- worker processes ----------------------------------------------------------

#: workers are forked so that they share the loaded engine; without fork, files are checked in this process
_FORK = hasattr(os, "fork")  # as multiprocessing offers the "fork" start method
#: what the forked workers check: the engine, the limits and the items (set before forking)
_WORK: tuple[object, Limits, list] | None = None


def _work(index: int) -> FileResult | FileError:
    from policylint.runner import check_one

    engine, limits, items = _WORK
    item = items[index]
    if isinstance(item, str):
        return check_one(engine, item, limits)
    name, data = item
    if isinstance(data, Exception):  # standard input could not be read (e.g. larger than the limit)
        return FileError(path=name, message=str(data))
    return check_one(engine, name, limits, data=data)


def _name(item: str | tuple[str, bytes]) -> str:
    return item if isinstance(item, str) else item[0]


def _alone(index: int) -> FileResult | FileError:
    """``_work(index)`` in a process of its own; a dying process is one error line."""
    limits = _WORK[1]
    outcome = run_alone(_work, index, limits.max_memory)
    if isinstance(outcome, Death):
        return FileError(path=_name(_WORK[2][index]), message=describe_death(outcome, limits.max_memory))
    return outcome


def checked_apart(engine, limits: Limits, items: list, jobs: int) -> Iterator[FileResult | FileError]:
    """``check_one`` on each item (a path, or a name and bytes read from
    standard input) in forked processes, never in this one, each limited to
    ``limits.max_memory``; results in order. One item is checked in a process
    of its own; more in a pool of ``jobs`` workers forked after the engine has
    loaded what it loads lazily (``warm``), so they share it. When a worker dies (a
    library crashed, or memory ran out), the rest are checked one per
    process, so only the item that kills its process is lost and it is
    reported in one line."""
    global _WORK
    _WORK = (engine, limits, items)
    if not _FORK:  # no fork on this system: in this process, without isolation
        try:
            yield from (_work(index) for index in range(len(items)))
        finally:
            _WORK = None
        return
    done = 0
    if len(items) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        from policylint.structure import warm

        try:
            engine.warm()  # loaded once here, shared by every worker
            warm()  # the structural map's areas too
            with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=multiprocessing.get_context("fork"),
                                     initializer=start_child, initargs=(limits.max_memory,)) as pool:
                for result in pool.map(_work, range(len(items)), chunksize=1):
                    done += 1
                    yield result
        except BrokenProcessPool:
            pass  # a worker died: the rest one per process, below
    try:
        for index in range(done, len(items)):
            yield _alone(index)
    finally:
        _WORK = None
        with contextlib.suppress(Exception):
            sys.stderr.flush()
