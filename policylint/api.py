"""The Python API, for programs that check documents in-process.

>>> import policylint
>>> findings = policylint.check_text("The chairman approves all leave.")
>>> [(f.rule, f.text) for f in findings]
[('PL401', 'chairman')]

``config`` is a ``Settings`` (``policylint.load_settings()`` reads the
project's file), a path to a TOML file, a dict of settings (the keys of the
config file) or None for the defaults. Rules and the spaCy pipeline are
loaded on the first call and kept for later calls with the same settings.
Inline directives, ``per-file-ignores`` and the baseline apply as on the
command line; the results cache is not used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from policylint.batch import STDIN, Checker, default_jobs
from policylint.config import ConfigError, Settings, load_settings
from policylint.finding import Finding
from policylint.result import CheckResult, FileError, FileResult


class CheckError(Exception):
    """A document could not be read or checked; the message names the file and the cause."""


_CHECKERS: dict[str, Checker] = {}


def _settings(config: Settings | str | Path | dict[str, Any] | None) -> Settings:
    if config is None:
        return Settings()
    if isinstance(config, Settings):
        return config
    if isinstance(config, str | Path):
        return load_settings(Path(config))
    try:
        return Settings.model_validate(config)
    except ValueError as exc:
        raise ConfigError([f"config: {exc}"]) from None


def _checker(settings: Settings) -> Checker:
    key = settings.model_dump_json() + str(settings.root)
    if key not in _CHECKERS:
        _CHECKERS[key] = Checker(settings, use_cache=False)
    return _CHECKERS[key]


def check_paths(paths: Iterable[str | Path], config: Settings | str | Path | dict[str, Any] | None = None
                ) -> CheckResult:
    """Check files and folders (as ``policylint check`` does) and return every
    file's result and every unreadable input; nothing is printed."""
    from policylint.baseline import load as load_baseline
    from policylint.checking import Request, apply_filters, input_files

    settings = _settings(config)
    checker = _checker(settings)
    baseline = load_baseline(settings.path(settings.baseline)) if settings.baseline else None
    files = input_files(Request(paths=[str(p) for p in paths], settings=settings), lambda message: None)
    result = CheckResult()
    for item in checker.run(list(files), jobs=1):
        if isinstance(item, FileError):
            result.errors.append(item)
        else:
            result.files.append(apply_filters(item, settings, baseline, lambda message: None))
    return result


def check_many(paths: Iterable[str | Path], config: Settings | str | Path | dict[str, Any] | None = None, *,
               client=None) -> Iterator[FileResult | FileError]:
    """Check files, folders and URLs (as ``check_paths``), yielding each
    document's result, with inline directives, ``per-file-ignores`` and the
    baseline applied, or its ``FileError``, as soon as it is done.

    With a ``dask.distributed.Client`` the documents are checked in batches
    on its cluster (each worker builds the engine once) and come back in the
    order they finish; every document comes back exactly once, even when
    workers die. Without one they are checked here, in ``jobs`` processes, in
    the order of the inputs."""
    from policylint.baseline import load as load_baseline
    from policylint.checking import Request, apply_filters, input_files

    settings = _settings(config)
    baseline = load_baseline(settings.path(settings.baseline)) if settings.baseline else None
    files = [name for name in input_files(Request(paths=[str(p) for p in paths], settings=settings),
                                          lambda message: None) if name != STDIN]
    if client is None:
        checker = _checker(settings)
        stream = checker.run(list(files), jobs=settings.jobs or default_jobs())
    else:
        from policylint.cluster import ClusterRun, DaskChecker, items

        spec = DaskChecker(settings, "client", use_cache=False, client=client).spec()
        flight = ClusterRun(client, spec, items(files))
        stream = (item for _, item in flight.as_completed())
    for item in stream:
        yield item if isinstance(item, FileError) else apply_filters(item, settings, baseline, lambda message: None)


def check_path(path: str | Path, config: Settings | str | Path | dict[str, Any] | None = None) -> list[Finding]:
    """The findings in one document. Raises ``CheckError`` if it cannot be read."""
    result = check_paths([path], config)
    if result.errors:
        error = result.errors[0]
        raise CheckError(f"{error.path}: {error.message}")
    return result.findings()


def check_text(text: str, *, markdown: bool = False, name: str | None = None,
               config: Settings | str | Path | dict[str, Any] | None = None) -> list[Finding]:
    """The findings in a string, read as plain text (or Markdown with
    ``markdown=True``). ``name`` is the name to match ``per-file-ignores`` against."""
    from policylint.checking import apply_filters
    from policylint.runner import check_one

    settings = _settings(config)
    checker = _checker(settings)
    label = name or "<text>"
    if not Path(label).suffix:  # the extension tells check_one the format
        label += ".md" if markdown else ".txt"
    item = check_one(checker.engine(), label, checker.limits, data=text.encode("utf-8"))
    if isinstance(item, FileError):
        raise CheckError(f"{name or '<text>'}: {item.message}")
    return apply_filters(item, settings, None, lambda message: None).findings


__all__ = ["CheckError", "CheckResult", "FileError", "FileResult", "Finding", "check_many", "check_path", "check_paths",
           "check_text"]
