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
import multiprocessing
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from policylint.cache import Cache, file_sha256, run_key
from policylint.model import fingerprint as textcat_fingerprint
from policylint.config import ConfigError, Settings
from policylint.limits import Limits
from policylint.result import FileError, FileResult

#: the path that means "read standard input"
STDIN = "-"


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
                             max_words=settings.max_words, timeout=settings.timeout)
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
            selectors = [*(settings.select or []), *settings.ignore, *settings.severity,
                         *(s for group in settings.per_file_ignores.values() for s in group)]
            unknown = unknown_selectors(selectors, loaded)
            where = settings.source or "command line"
            problems = [f"{where}: '{name}' names no rule code, prefix, name or category (see policylint rules)"
                        for name in dict.fromkeys(unknown)]
            problems += check_goals(settings.goals, loaded, where)
            if problems:
                raise ConfigError(problems)
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

    def _open_cache(self) -> Cache:
        settings = self.settings
        folder = Path(os.environ.get("POLICYLINT_CACHE_DIR") or settings.path(settings.cache_dir))
        return Cache(folder, self._key())

    # -- checking ------------------------------------------------------------

    def plan(self, files: Sequence[str]) -> list[FileResult | str]:
        """Each file's cached result, or its path when it must be checked."""
        planned: list[FileResult | str] = []
        for name in files:
            hit = self._cached(name) if self.cache is not None and name != STDIN else None
            planned.append(hit if hit is not None else name)
        return planned

    def _cached(self, name: str) -> FileResult | None:
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
            stdin: tuple[bytes, str] | None = None) -> Iterator[FileResult | FileError]:
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

    def _check(self, paths: list[str], jobs: int, stdin: tuple[bytes, str] | None) -> Iterator[FileResult | FileError]:
        from policylint.runner import check_one

        engine = self.engine()
        files = [path for path in paths if path != STDIN]
        parallel = iter(_parallel(engine, self.limits, files, jobs)) if _FORK and jobs > 1 and len(files) > 1 \
            else None
        for path in paths:
            if path == STDIN:
                data, name = stdin if stdin is not None else (b"", "<stdin>")
                yield check_one(engine, name, self.limits, data=data)
            elif parallel is not None:
                yield next(parallel)
            else:
                yield check_one(engine, path, self.limits)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# -- worker processes ----------------------------------------------------------

#: workers are forked so that they share the loaded engine; without fork, files are checked in turn
_FORK = "fork" in multiprocessing.get_all_start_methods()
_WORK: tuple[object, Limits] | None = None


def _work(path: str) -> FileResult | FileError:
    from policylint.runner import check_one

    engine, limits = _WORK
    return check_one(engine, path, limits)


def _alone(path: str) -> FileResult | FileError:
    """``check_one`` on one file in a process of its own."""
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            return pool.submit(_work, path).result()
    except BrokenProcessPool:
        return FileError(path=path, message="the process checking this file stopped unexpectedly "
                                            "(a library crashed on it)")


def _parallel(engine, limits: Limits, paths: list[str], jobs: int) -> Iterator[FileResult | FileError]:
    """``check_one`` over ``paths`` in worker processes; results in order. The
    workers are forked from this process, so they share the loaded engine."""
    global _WORK
    engine.warm()  # loaded once here, shared by every worker
    from policylint.structure import warm

    warm()  # the structural map's areas too
    _WORK = (engine, limits)
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=multiprocessing.get_context("fork")) \
                as pool:
            for result in pool.map(_work, paths, chunksize=1):
                done += 1
                yield result
    except BrokenProcessPool:
        # a worker died (a library crashed on some file): check the rest one
        # file per process, so only the file that kills its process is lost
        for path in paths[done:]:
            yield _alone(path)
    finally:
        _WORK = None
        with contextlib.suppress(Exception):
            sys.stderr.flush()
