"""``--format text`` (the default): a readable report for people.

Findings are listed by file, in document order, wrapped to the terminal's
width. Each shows the rule, where it is (page, paragraph, table cell, section)
and the sentence once, trimmed around the matched words, which are
highlighted (marked «like this» without colour); then what the problem is and
the fix as the words it changes ("his or her → their"). Repeats of one rule on
the same words in a file are shown once, with where the others are
(``--no-group`` lists each). ``--verbose`` shows whole sentences, the full
rewritten sentence and the full advice with its example.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from policylint.finding import Finding, Severity
from policylint.report.base import Formatter
from policylint.report.grouping import Group, brief, changes, describe_changes, elsewhere, group_findings, \
    split_sentence
from policylint.result import CheckResult, FileError, FileResult

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def describe_location(finding: Finding) -> str:
    """'page 3, paragraph 12, table 1 row 2 cell 3 · 4 Leave › 4.2 Parental leave'"""
    loc = finding.location
    parts = []
    if loc.part != "body":
        parts.append(loc.part)
    if loc.page is not None:
        parts.append(f"page {loc.page}")
    parts.append(f"paragraph {loc.paragraph}")
    if loc.line is not None:
        parts.append(f"line {loc.line}")
    if loc.table is not None:
        parts.append(f"table {loc.table} row {loc.row} cell {loc.cell}")
    where = ", ".join(parts)
    if loc.section:
        where += " · " + " › ".join(loc.section)
    return where


class TextFormatter(Formatter):
    def __init__(self, out, info, color: bool = False):
        super().__init__(out, info, color)
        self.console = Console(file=out, force_terminal=color, no_color=not color, highlight=False, emoji=False)
        self.group = bool(info.options.get("group", True))
        self.verbose = bool(info.options.get("verbose", False))
        self.grouped = 0  # findings folded into the first of their group

    def handle(self, item: FileResult | FileError) -> None:
        suppressed = item.suppressed if isinstance(item, FileResult) and self.info.show_suppressed else []
        mapped = isinstance(item, FileResult) and self.info.options.get("coverage", False) and bool(item.sections)
        if isinstance(item, FileError) or not (item.findings or suppressed or mapped):
            return
        self.console.print(Text(item.shown_path, style="bold underline"), soft_wrap=True)
        for group in group_findings([*item.findings, *suppressed], enabled=self.group):
            self.grouped += len(group.others)
            self._group(group)
        if mapped:
            self._coverage(item)

    def _coverage(self, item: FileResult) -> None:
        """The structural map (policylint/coverage.py) under the file's findings."""
        from policylint.coverage import coverage
        from policylint.report.coverage_text import coverage_lines

        lines = coverage_lines(coverage(item))
        self.console.print(Text("  Structural map", style="bold"), soft_wrap=True)
        self._line(Text(lines[0], style="dim"), 4, hang=4)  # wrapped to the terminal like every line
        for line in lines[1:]:
            self._line(line, 4, hang=4)
        self.console.print()

    def _line(self, text: Text | str, indent: int = 4, hang: int = 0) -> None:
        """Print ``text`` wrapped to the console's width, every line indented by
        ``indent`` and the lines after the first by ``hang`` more."""
        text = text if isinstance(text, Text) else Text(text)
        width = max(self.console.width - indent, 30)
        first, *rest = text.wrap(self.console, width) or [Text()]
        if rest and hang:
            rest = Text(" ").join(rest).wrap(self.console, width - hang)
        for number, line in enumerate([first, *rest]):
            line.rstrip()
            self.console.print(Text(" " * (indent + (hang if number else 0))) + line, soft_wrap=True)

    def _group(self, group: Group) -> None:
        finding = group.first
        head = Text()
        head.append(f"{finding.rule} ", style="bold")
        head.append(finding.severity.value, style=_SEVERITY_STYLE[finding.severity])
        head.append(f"  {finding.name}", style="dim")
        head.append(f"  {describe_location(finding)}", style="dim")
        self._line(head, 2, hang=2)
        if finding.suppression is not None:
            why = finding.suppression.directive + (f" — {finding.suppression.justification}"
                                                    if finding.suppression.justification else "")
            self._line(Text(f"Suppressed by {why}", style="yellow"))
        self._line(self._sentence(finding))
        self._line(finding.message)
        suggestion = finding.suggestion
        if suggestion is not None:
            pairs = changes(finding)
            if pairs and self.verbose:
                self._line(Text("Rewrite: ", style="green") + Text(suggestion.sentence or ""))
            elif pairs:
                self._line(Text("Fix: ", style="green") + Text(describe_changes(pairs)))
            else:
                advice = suggestion.text if self.verbose else brief(suggestion.text)
                self._line(Text("Suggestion: ", style="green") + Text(advice))
            if suggestion.advice and self.verbose:
                self._line(Text(suggestion.advice, style="dim"))
        if group.others:
            self._line(Text(elsewhere(group), style="bold" if self.color else ""))
        self.console.print()

    def _sentence(self, finding: Finding) -> Text:
        before, words, after = split_sentence(finding, trim=not self.verbose)
        text = Text(before)
        if words:
            if self.color:
                text.append(words, style="bold reverse")
            else:
                text.append(f"«{words}»")
        text.append(after)
        return text

    def finish(self, result: CheckResult, exit_code: int) -> None:
        if self.grouped:
            self.console.print(Text(f"{self.grouped} repeated finding{'s' if self.grouped != 1 else ''} of the same "
                                    "rule on the same words shown once each (--no-group lists every one)."))
        self.console.print(escape(self.summary_line(result)), style="bold" if self.color else None,
                           soft_wrap=True)
