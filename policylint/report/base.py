"""The formatter interface and what every formatter is told about the run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from policylint.result import CheckResult, FileError, FileResult
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


class Formatter:
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
