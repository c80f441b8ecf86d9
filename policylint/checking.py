"""``policylint check``: read every input, run the engine, report, and pick the exit code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from policylint import __version__
from policylint.engine import Engine
from policylint.exitcodes import ExitCode
from policylint.finding import Severity
from policylint.inputs import collect
from policylint.nlp import ModelError
from policylint.report import RunInfo, get_formatter
from policylint.result import CheckResult, FileError
from policylint.ruleset import RuleSet
from policylint.runner import check_files


def exit_code(result: CheckResult, fail_on: str) -> ExitCode:
    if result.errors:
        return ExitCode.INPUT_ERROR
    worst = result.worst()
    if fail_on != "never" and worst is not None and worst.rank >= Severity(fail_on).rank:
        return ExitCode.FINDINGS
    return ExitCode.OK


def run_check(paths: Iterable[str], rules: RuleSet, *, fmt: str, fail_on: str, out: TextIO, color: bool,
              model: str | None, warn: Callable[[str], None],
              summary: Callable[[str], None] | None = None,
              options: dict[str, object] | None = None) -> ExitCode:
    """Check ``paths`` and report them with formatter ``fmt`` on ``out``.
    ``summary``, if given, is called with the formatter's one-line summary
    (commands whose output is a file print it to standard error); ``options``
    go to the formatter (``RunInfo.options``)."""
    try:
        engine = Engine(rules, model=model)
    except ModelError as exc:
        warn(str(exc))
        return ExitCode.USAGE
    if engine.skipped:
        names = ", ".join(rule.id for rule in engine.skipped)
        warn(f"warning: no trained spaCy pipeline is installed, so these rules were skipped: {names}")
    files, warnings = collect(paths)
    for message in warnings:
        warn(f"warning: {message}")
    info = RunInfo(version=__version__, rules=len(engine.active_rules), fail_on=fail_on,
                   model=engine.model_name, skipped_rules=[rule.id for rule in engine.skipped], ruleset=rules,
                   options=dict(options or {}))
    formatter = get_formatter(fmt, out, info, color=color)
    result = CheckResult()
    formatter.start()
    for item in check_files(engine, files):
        if isinstance(item, FileError):
            result.errors.append(item)
            warn(f"{item.path}: {item.message}")
        else:
            result.files.append(item)
        formatter.handle(item)
    for rule_id, expression in engine.regex_timeouts:
        warn(f"warning: {rule_id}: the expression {expression!r} took too long on some text and was skipped there")
    code = exit_code(result, fail_on)
    formatter.finish(result, int(code))
    if summary is not None:
        summary(formatter.summary_line(result))
    return code
