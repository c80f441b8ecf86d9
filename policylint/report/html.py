"""``--format html`` (and ``policylint report --html``): one self-contained
audit report that can be sent by e-mail, opened offline and printed.

It says what was checked (files with SHA-256 and word counts, the rule pack
version, which is policylint's version, the date), shows totals by severity
and category as CSS bar charts, and lists each document's findings in
document order: where (section, page, paragraph, table cell), the sentence
with the matched words marked, the message, the suggestion, and the rule's
rationale and references, and each document's structural map (the areas
it covers, their findings, the structures found missing). When runs are
recorded in the history, a trend chart (open findings per category and
findings fixed so far, inline SVG) and the goals table come after the
totals. A small inline script filters by category and
severity and searches the text; a print stylesheet lays it out for paper.

The page is built from Jinja2 templates in ``report/templates`` with
autoescaping on: document text is untrusted and always shows as text. Styles
and script are inline and a Content-Security-Policy forbids every network
request, so opening the file fetches nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2

from policylint.coverage import coverage
from policylint.finding import Finding, Severity
from policylint.output import timestamp
from policylint.report.base import Formatter
from policylint.report.text import describe_location
from policylint.result import CheckResult

SEVERITIES = [s.value for s in reversed(Severity)]  # error, warning, info


@dataclass
class _Bar:
    label: str
    total: int
    segments: list[tuple[str, int, float]]  # severity, count, width in % of the longest bar


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("policylint.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class HtmlFormatter(Formatter):
    needs_rules = True

    def finish(self, result: CheckResult, exit_code: int) -> None:
        template = environment().get_template("report.html.j2")
        self.out.write(template.render(**self.context(result, exit_code)))
        self.out.write("\n")

    def context(self, result: CheckResult, exit_code: int) -> dict[str, Any]:
        summary = result.summary()
        rules = {}
        documents = []
        for number, file in enumerate(result.files, start=1):
            items = []
            for finding in file.findings:
                rules.setdefault(finding.rule, self._rule(finding.rule))
                items.append(_finding(finding))
            rows = coverage(file) if file.sections and self.info.options.get("coverage", True) else []
            documents.append({"id": f"doc-{number}", "file": file, "findings": items, "coverage": rows})
        categories = sorted(summary.by_category)
        return {
            "info": self.info,
            "date": timestamp().strftime("%Y-%m-%d %H:%M UTC"),
            "summary": summary,
            "exit_code": exit_code,
            "documents": documents,
            "errors": result.errors,
            "rules": rules,
            "severities": SEVERITIES,
            "categories": categories,
            "severity_bars": _severity_bars(summary.by_severity),
            "category_bars": _category_bars(result, categories),
            **_history(self.info.options.get("history")),
        }

    def _rule(self, rule_id: str) -> dict[str, Any]:
        rule = self.info.ruleset.get(rule_id) if self.info.ruleset is not None else None
        if rule is None:
            return {"rationale": "", "references": []}
        return {"rationale": rule.rationale,
                "references": [{"title": ref.title, "url": ref.url} for ref in rule.references]}


def _history(history) -> dict[str, Any]:
    """The trend chart and the goals table, when the history has runs."""
    if history is None or not history.runs:
        return {"trend": None, "goals": [], "runs": 0}
    from policylint.progress.measure import run_time
    from policylint.report.trend_svg import trend_svg

    points = [(run_time(run), by_category, fixed) for run, by_category, fixed in history.trend()]
    return {"trend": trend_svg(points), "goals": history.goal_states(), "runs": len(history.runs)}


def _finding(finding: Finding) -> dict[str, Any]:
    sentence = finding.sentence
    index = finding.location.start - finding.sentence_start
    if 0 <= index <= len(sentence) - len(finding.text) and sentence[index:index + len(finding.text)] == finding.text:
        parts = (sentence[:index], finding.text, sentence[index + len(finding.text):])
    else:
        parts = (sentence, "", "")
    return {"f": finding, "where": describe_location(finding), "before": parts[0], "words": parts[1],
            "after": parts[2]}


def _severity_bars(by_severity: dict[str, int]) -> list[_Bar]:
    longest = max(by_severity.values(), default=0) or 1
    return [_Bar(sev, n, [(sev, n, 100 * n / longest)]) for sev, n in by_severity.items()]


def _category_bars(result: CheckResult, categories: list[str]) -> list[_Bar]:
    counts: dict[str, dict[str, int]] = {c: dict.fromkeys(SEVERITIES, 0) for c in categories}
    for finding in result.findings():
        counts[finding.category][finding.severity.value] += 1
    longest = max((sum(c.values()) for c in counts.values()), default=0) or 1
    return [
        _Bar(category, sum(by_sev.values()),
             [(sev, n, 100 * n / longest) for sev, n in by_sev.items() if n])
        for category, by_sev in counts.items()
    ]
