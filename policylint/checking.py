"""``policylint check`` (and ``report``, ``annotate``): collect the inputs,
check them (``batch``), apply suppressions and the baseline, report, and pick
the exit code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from policylint import __version__
from policylint.batch import STDIN, Checker, default_jobs
from policylint.cluster import make_checker
from policylint.config import ConfigError, Settings
from policylint.exitcodes import ExitCode, ModelError
from policylint.finding import Severity
from policylint.inputs import collect
from policylint.result import CheckResult, FileError, FileResult
from policylint.sources import is_url, url_path
from policylint.suppress import apply as apply_directives
from policylint.suppress import per_file


@dataclass
class Request:
    """One command's inputs and choices; the rest comes from ``settings``."""

    paths: list[str]
    settings: Settings = field(default_factory=Settings)
    fmt: str = "text"
    color: bool = False
    #: options for the formatter (``RunInfo.options``), e.g. ``suggest_changes``
    options: dict[str, object] = field(default_factory=dict)
    show_suppressed: bool = False
    update_baseline: bool = False
    #: standard input's bytes and the name to report it under, when a path is "-"
    stdin: tuple[bytes | Exception, str] | None = None
    no_cache: bool = False
    #: show a progress bar on standard error
    progress: bool = False
    #: store the run in the history (``--record``; also when the config says ``history = true``)
    record: bool = False
    #: the command, as recorded in the history
    command: str = "check"

    @property
    def recording(self) -> bool:
        return (self.record or self.settings.history) and not self.update_baseline \
            and self.command in ("check", "report")


def exit_code(result: CheckResult, fail_on: str) -> ExitCode:
    if result.errors:
        return ExitCode.INPUT_ERROR
    worst = result.worst()
    if fail_on != "never" and worst is not None and worst.rank >= Severity(fail_on).rank:
        return ExitCode.FINDINGS
    return ExitCode.OK


def run_check(request: Request, out: TextIO, warn: Callable[[str], None],
              summary: Callable[[str], None] | None = None) -> ExitCode:
    """Check ``request.paths`` and report them on ``out``. ``summary``, if
    given, is called with the formatter's one-line summary (commands whose
    output is a file print it to standard error). Problems with the
    configuration, rules, model or baseline are reported through ``warn``
    and give exit 2."""
    from policylint.baseline import BaselineError
    from policylint.report import Formatter, get_formatter
    from policylint.ruleset import RuleLoadError

    settings = request.settings
    if request.update_baseline and settings.baseline is None:
        warn("--update-baseline needs a baseline file: give --baseline FILE or set 'baseline' in the config")
        return ExitCode.USAGE
    checker = None
    try:
        checker = make_checker(settings, use_cache=False if request.no_cache else None)
        if settings.goals:
            checker.rules()  # goals are checked against the rules
        history = _history(request, warn)
        if history is None:
            return ExitCode.USAGE
        baseline = _baseline(settings, request.update_baseline)
        files = input_files(request, warn)
        planned = checker.plan(files)
        info = _run_info(request, checker, need_engine=any(isinstance(item, str) for item in planned))
        if info.skipped_rules:
            warn("warning: no trained spaCy pipeline is installed, so these rules were skipped: "
                 + ", ".join(info.skipped_rules))
        formatter = get_formatter(request.fmt, out, info, color=request.color) if not request.update_baseline \
            else Formatter(out, info)
        result = CheckResult()
        formatter.start()
        for item in _progress(checker.run(planned, settings.jobs or default_jobs(), request.stdin),
                              len(planned), request.progress):
            if isinstance(item, FileError):
                result.errors.append(item)
                warn(f"{item.path}: {item.message}")
            else:
                item = apply_filters(item, settings, baseline, warn)
                result.files.append(item)
            formatter.handle(item)
    except (ConfigError, RuleLoadError) as exc:
        for problem in exc.problems:
            warn(problem if isinstance(exc, ConfigError) else f"rule error: {problem}")
        return ExitCode.USAGE
    except (ModelError, BaselineError) as exc:
        warn(str(exc))
        return ExitCode.USAGE
    finally:
        if checker is not None:
            checker.close()
    if checker.built_engine is not None:
        for rule_id, expression in checker.built_engine.regex_timeouts:
            warn(f"warning: {rule_id}: the expression {expression!r} took too long on some text and was skipped there")
    if request.update_baseline:
        return _write_baseline(settings, result, warn)
    code = exit_code(result, settings.fail_on)
    history.prepare(formatter.info, result)
    formatter.finish(result, int(code))
    if request.recording and not history.record(result, checker.rule_dirs()):
        return ExitCode.USAGE
    if summary is not None:
        summary(formatter.summary_line(result))
    return code


def _history(request: Request, warn: Callable[[str], None]):
    """The run's link to the history, or None (after a one-line error) when it cannot be used."""
    from policylint.history import HistoryError
    from policylint.history.recording import HistoryLink

    try:
        return HistoryLink.open(request.settings, request.recording, request.command, warn,
                                trend=request.fmt == "html")
    except HistoryError as exc:
        warn(str(exc))
        return None


def input_files(request: Request, warn: Callable[[str], None]) -> list[str]:
    settings = request.settings
    files, warnings = collect([p for p in request.paths if p != STDIN], exclude=settings.exclude, root=settings.root)
    for message in warnings:
        warn(f"warning: {message}")
    names = [str(path) for path in files]
    if STDIN in request.paths:
        names.insert(request.paths.index(STDIN), STDIN)
    return names


def _run_info(request: Request, checker: Checker, need_engine: bool):
    from policylint.report import RunInfo, formatter_class

    needs_rules = formatter_class(request.fmt).needs_rules
    engine = checker.info(need_engine)
    return RunInfo(version=__version__, rules=engine.rules, fail_on=request.settings.fail_on, model=engine.model,
                   skipped_rules=list(engine.skipped), ruleset=checker.rules() if needs_rules else None,
                   show_suppressed=request.show_suppressed, options=dict(request.options))


def apply_filters(item: FileResult, settings: Settings, baseline, warn: Callable[[str], None]) -> FileResult:
    """Apply inline directives, ``per-file-ignores`` and the baseline to one file's findings."""
    inline = apply_directives(item.findings, item.comments, item.path)
    for message in inline.warnings:
        warn(f"warning: {message}")
    external = per_file(inline.kept, _relative(item.path, settings.root), settings.per_file_ignores) \
        if settings.per_file_ignores else None
    kept = external.kept if external is not None else inline.kept
    suppressed = inline.suppressed + (external.suppressed if external is not None else [])
    item = item.model_copy(update={"findings": kept, "suppressed": sorted(suppressed, key=lambda f: f.sort_key())})
    return baseline.split(item) if baseline is not None else item


def _relative(path: str, root: Path) -> str:
    """The name ``per-file-ignores`` globs match: relative to the config's
    folder when it can be; a URL's path without its protocol."""
    if is_url(path):
        return url_path(path)
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _baseline(settings: Settings, updating: bool):
    from policylint.baseline import load

    if settings.baseline is None or updating:
        return None
    return load(settings.path(settings.baseline))


def _write_baseline(settings: Settings, result: CheckResult, warn: Callable[[str], None]) -> ExitCode:
    from policylint.baseline import write

    path = settings.path(settings.baseline)
    count = write(path, result.files)
    warn(f"Wrote {count} finding{'s' if count != 1 else ''} to the baseline {path}.")
    return ExitCode.INPUT_ERROR if result.errors else ExitCode.OK


def _progress(items: Iterator, total: int, show: bool) -> Iterator:
    if not show or total < 2:
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("Checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=total)
        for item in items:
            bar.advance(task)
            yield item
