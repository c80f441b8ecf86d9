"""``check --statistics``: how many findings each rule made, instead of the
findings themselves (as ``ruff check --statistics``).

One row per rule that found something: the count, the code, the rule's name,
severity and category, most frequent first (then by code). The last line is
the usual summary.
"""

from __future__ import annotations

from collections import Counter

from policylint.report.base import Formatter
from policylint.result import CheckResult

HEADER = ("count", "code", "name", "severity", "category")


def rows(result: CheckResult) -> list[tuple[int, str, str, str, str]]:
    counts: Counter[str] = Counter()
    about: dict[str, tuple[str, str, str]] = {}
    for finding in result.findings():
        counts[finding.rule] += 1
        about[finding.rule] = (finding.name, finding.severity.value, finding.category)
    ordered = sorted(counts, key=lambda code: (-counts[code], _code_number(code)))
    return [(counts[code], code, *about[code]) for code in ordered]


def _code_number(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 0, code)


class StatisticsFormatter(Formatter):
    def finish(self, result: CheckResult, exit_code: int) -> None:
        table = [tuple(str(cell) for cell in row) for row in rows(result)]
        if table:
            lines = [HEADER, *table]
            widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
            for line in lines:
                cells = [line[0].rjust(widths[0]), *(cell.ljust(w) for cell, w in zip(line[1:], widths[1:]))]
                self.out.write("  ".join(cells).rstrip() + "\n")
        self.out.write(self.summary_line(result) + "\n")
