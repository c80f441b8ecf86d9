"""``--format html`` (and ``policylint report --html``): one self-contained
audit report that can be sent by e-mail, opened offline and printed.

It opens with a one-screen summary for a reader who will go no further
(totals, the categories that matter most, the sections with most findings),
says what was checked (files with SHA-256 and word counts, the rule pack
version, which is policylint's version, the date), shows totals by severity
and category as CSS bar charts, and lists each document's findings in
document order: where (section, page, paragraph, table cell), the sentence
with the matched words marked, the message and the fix. Repeats of one rule
on the same words in a document are one card with where the others are
(``group`` option false: a card each). Each rule's rationale and references
are given once, in a section per rule at the end, which the cards link to.
Each document also gets its structural map (the areas it covers, their
findings, the structures found missing). When runs are recorded in the
history, a trend chart (open findings per category and findings fixed so
far, inline SVG) and the goals table come after the totals. A small inline
script filters by category and severity and searches the text; a print
stylesheet lays it out compactly for paper.

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
from policylint.finding import Severity
from policylint.names import shown
from policylint.output import timestamp
from policylint.report.base import Formatter
from policylint.report.grouping import Group, changes, describe_changes, elsewhere, group_findings, split_sentence
from policylint.report.text import describe_location
from policylint.result import CheckResult

#: how many categories and sections the executive summary names
TOP = 3

SEVERITIES = [s.value for s in reversed(Severity)]  # error, warning, info


@dataclass
class _Bar:
    label: str
    total: int
    segments: list[tuple[str, int, float]]  # severity, count, width in % of the longest bar


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("policylint.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["shown"] = shown  # control characters and undecodable bytes of file names, escaped
    return env


class HtmlFormatter(Formatter):
    needs_rules = True

    def finish(self, result: CheckResult, exit_code: int) -> None:
        template = environment().get_template("report.html.j2")
        self.out.write(template.render(**self.context(result, exit_code)))
        self.out.write("\n")

    def context(self, result: CheckResult, exit_code: int) -> dict[str, Any]:
        summary = result.summary()
        group = bool(self.info.options.get("group", True))
        used: set[str] = set()
        documents = []
        for number, file in enumerate(result.files, start=1):
            groups = [_group(g) for g in group_findings(file.findings, enabled=group)]
            used.update(f.rule for f in file.findings)
            rows = coverage(file) if file.sections and self.info.options.get("coverage", True) else []
            documents.append({"id": f"doc-{number}", "file": file, "groups": groups,
                              "count": len(file.findings), "coverage": rows})
        categories = sorted(summary.by_category)
        return {
            "info": self.info,
            "date": timestamp().strftime("%Y-%m-%d %H:%M UTC"),
            "summary": summary,
            "exit_code": exit_code,
            "documents": documents,
            "errors": result.errors,
            "rules": {rule_id: self._rule(rule_id, result) for rule_id in sorted(used, key=_code_order)},
            "severities": SEVERITIES,
            "categories": categories,
            "severity_bars": _severity_bars(summary.by_severity),
            "category_bars": _category_bars(result, categories),
            "top_categories": _top_categories(result),
            "top_sections": _top_sections(result),
            "grouped": sum(len(d["groups"]) for d in documents) < summary.findings,
            **_history(self.info.options.get("history")),
        }

    def _rule(self, rule_id: str, result: CheckResult) -> dict[str, Any]:
        found = [f for f in result.findings() if f.rule == rule_id]
        about = {"id": rule_id, "name": found[0].name, "category": found[0].category,
                 "severity": found[0].severity.value, "count": len(found), "rationale": "", "references": []}
        rule = self.info.ruleset.get(rule_id) if self.info.ruleset is not None else None
        if rule is not None:
            about["rationale"] = rule.rationale
            about["references"] = [{"title": ref.title, "url": ref.url} for ref in rule.references]
        return about


def _history(history) -> dict[str, Any]:
    """The trend chart and the goals table, when the history has runs."""
    if history is None or not history.runs:
        return {"trend": None, "goals": [], "runs": 0}
    from policylint.progress.measure import run_time
    from policylint.report.trend_svg import trend_svg

    points = [(run_time(run), by_category, fixed) for run, by_category, fixed in history.trend()]
    return {"trend": trend_svg(points), "goals": history.goal_states(), "runs": len(history.runs)}


def _code_order(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 0, code)


def _group(group: Group) -> dict[str, Any]:
    finding = group.first
    before, words, after = split_sentence(finding, trim=False)
    pairs = changes(finding)
    return {"f": finding, "where": describe_location(finding), "before": before, "words": words, "after": after,
            "count": group.count, "elsewhere": elsewhere(group), "fix": describe_changes(pairs) if pairs else ""}


def _top_categories(result: CheckResult) -> list[dict[str, Any]]:
    """The categories that matter most: most errors, then warnings, then findings."""
    counts: dict[str, dict[str, int]] = {}
    for finding in result.findings():
        by_sev = counts.setdefault(finding.category, dict.fromkeys(SEVERITIES, 0))
        by_sev[finding.severity.value] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1]["error"], -item[1]["warning"],
                                                       -sum(item[1].values()), item[0]))
    return [{"category": category, "total": sum(by_sev.values()), **by_sev} for category, by_sev in ordered[:TOP]]


def _top_sections(result: CheckResult) -> list[dict[str, Any]]:
    """The sections (document, section heading, else page) with most findings."""
    counts: dict[tuple[str, str], int] = {}
    for file in result.files:
        for finding in file.findings:
            loc = finding.location
            name = " › ".join(loc.section) if loc.section else (f"page {loc.page}" if loc.page else "(no heading)")
            counts[(file.shown_path, name)] = counts.get((file.shown_path, name), 0) + 1
    ordered = sorted(counts.items(), key=lambda item: -item[1])
    many = len(result.files) > 1
    return [{"section": name, "file": path if many else "", "count": n} for (path, name), n in ordered[:TOP]]


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
