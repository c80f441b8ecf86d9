"""The formatter interface and what every formatter is told about the run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

import click

from policylint.result import CheckResult, FileError, FileResult

if TYPE_CHECKING:  # importing rules loads spaCy's schemas; a fully cached run needs neither
    from policylint.ruleset import RuleSet


@dataclass(frozen=True)
class RunInfo:
    """What a formatter knows about the run besides the findings. ``ruleset``
    gives each rule's rationale, references and examples by id."""

    version: str
    rules: int
    fail_on: str
    model: str | None = None
    skipped_rules: list[str] = field(default_factory=list)
    ruleset: RuleSet | None = None
    #: list suppressed findings too (``--show-suppressed``)
    show_suppressed: bool = False
    #: options for one formatter, from its command (e.g. ``suggest_changes``)
    options: dict[str, object] = field(default_factory=dict)


class Formatter:
    #: True when the formatter reads rules (rationale, references) from ``RunInfo.ruleset``
    needs_rules = False

    def __init__(self, out: TextIO, info: RunInfo, color: bool = False):
        self.out = out
        self.info = info
        self.color = color

    def start(self) -> None:
        """Called once before any file."""

    def handle(self, item: FileResult | FileError) -> None:
        """Called for each file as soon as it has been checked (or failed)."""

    def finish(self, result: CheckResult, exit_code: int) -> None:
        """Called once at the end with everything."""

    def summary_line(self, result: CheckResult) -> str:
        """One line for people about the run (the text report's last line;
        other commands print it to standard error)."""
        return summary_line(result)


class OutputError(click.ClickException):
    """A formatter cannot write its output (e.g. a binary document asked for on
    a terminal). Click shows it as one line, ``policylint: ...``, and exits
    with ``exit_code``; an empty message prints nothing (the cause was already
    reported). Whatever was being written atomically is thrown away."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        if self.message:
            from policylint.cli_common import error

            error(self.message)


def summary_line(result: CheckResult) -> str:
    """'Found 3 findings (1 error, 2 warnings) in 2 files (1,234 words).'"""
    summary = result.summary()
    checked = f"{summary.files} file{'s' if summary.files != 1 else ''} ({summary.words:,} words)"
    if summary.findings:
        counts = ", ".join(f"{n} {_plural(sev, n)}" for sev, n in summary.by_severity.items() if n)
        line = f"Found {summary.findings} finding{'s' if summary.findings != 1 else ''} ({counts}) in {checked}."
    else:
        line = f"No findings in {checked}."
    hidden = [f"{summary.suppressed} suppressed" if summary.suppressed else "",
              f"{summary.baselined} in the baseline" if summary.baselined else ""]
    if any(hidden):
        line = line[:-1] + f"; {', '.join(h for h in hidden if h)}."
    if summary.errors:
        line += f" {summary.errors} input{'s' if summary.errors != 1 else ''} could not be read."
    return line


def _plural(severity: str, n: int) -> str:
    if n == 1 or severity == "info":
        return severity
    return severity + "s"
