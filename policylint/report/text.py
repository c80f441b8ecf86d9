"""``--format text`` (the default): a readable report for people.

Findings are grouped by file, in document order. Each shows where it is
(section, page, paragraph, table cell), the sentence with the matched words
highlighted, what the problem is and a suggested rewrite. Colour is used only
on a terminal; without colour the matched words are marked «like this».
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from policylint.finding import Finding, Severity, SuggestionAction
from policylint.report.base import Formatter
from policylint.result import CheckResult, FileError, FileResult

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def describe_location(finding: Finding) -> str:
    """'paragraph 12, page 3, table 1 row 2 cell 3 · 4 Leave › 4.2 Parental leave'"""
    loc = finding.location
    parts = []
    if loc.part != "body":
        parts.append(loc.part)
    parts.append(f"paragraph {loc.paragraph}")
    if loc.page is not None:
        parts.append(f"page {loc.page}")
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
        self.console = Console(
            file=out, force_terminal=color, no_color=not color, highlight=False, soft_wrap=True, emoji=False
        )

    def handle(self, item: FileResult | FileError) -> None:
        suppressed = item.suppressed if isinstance(item, FileResult) and self.info.show_suppressed else []
        mapped = isinstance(item, FileResult) and self.info.options.get("coverage", False) and bool(item.sections)
        if isinstance(item, FileError) or not (item.findings or suppressed or mapped):
            return
        self.console.print(Text(item.path, style="bold underline"))
        for finding in sorted([*item.findings, *suppressed], key=lambda f: f.sort_key()):
            self._finding(finding)
        if mapped:
            self._coverage(item)

    def _coverage(self, item: FileResult) -> None:
        """The structural map (policylint/coverage.py) under the file's findings."""
        from policylint.coverage import coverage
        from policylint.report.coverage_text import coverage_lines

        lines = coverage_lines(coverage(item))
        self.console.print(Text("  Structural map", style="bold"))
        self.console.print(Text("    " + lines[0], style="dim"))
        for line in lines[1:]:
            self.console.print(Text("    " + line))
        self.console.print()

    def _finding(self, finding: Finding) -> None:
        out = self.console
        style = _SEVERITY_STYLE[finding.severity]
        head = Text("  ")
        head.append(f"{finding.rule} ", style="bold")
        head.append(finding.severity.value, style=style)
        head.append(f"  {finding.name}", style="dim")
        head.append(f"  ({describe_location(finding)})", style="dim")
        out.print(head)
        if finding.suppression is not None:
            why = finding.suppression.directive + (f" — {finding.suppression.justification}"
                                                    if finding.suppression.justification else "")
            out.print(Text(f"    Suppressed by {why}", style="yellow"))
        out.print(Text("    ") + self._sentence(finding))
        out.print(Text("    " + finding.message))
        suggestion = finding.suggestion
        if suggestion is not None:
            if suggestion.action in (SuggestionAction.REPLACE, SuggestionAction.DELETE) and suggestion.sentence:
                line = Text("    Suggested rewrite: ", style="green")
                line.append(suggestion.sentence)
            else:
                line = Text("    Suggestion: ", style="green")
                line.append(suggestion.text)
            out.print(line)
        out.print()

    def _sentence(self, finding: Finding) -> Text:
        sentence = finding.sentence
        index = finding.location.start - finding.sentence_start
        if not 0 <= index <= len(sentence) - len(finding.text):
            return Text(sentence)
        before, words, after = sentence[:index], finding.text, sentence[index + len(finding.text) :]
        text = Text(before)
        if self.color:
            text.append(words, style="bold reverse")
        else:
            text.append(f"«{words}»")
        text.append(after)
        return text

    def finish(self, result: CheckResult, exit_code: int) -> None:
        self.console.print(escape(self.summary_line(result)), style="bold" if self.color else None)
