"""Inline suppressions, whatever the document format, and ``per-file-ignores``.

Markdown and text files (HTML comments)::

    <!-- policylint-disable PL101, PL205 -->   ... up to ...
    <!-- policylint-enable -->
    <!-- policylint-disable-next-line PL101 -->

``disable`` turns rules off from its line to the matching ``enable`` (or the
end of the file); ``disable-next-line`` covers the paragraph that follows it.
DOCX: a Word comment on one or more paragraphs whose text starts with
``policylint: ignore PL101 — reason`` covers those paragraphs. Without codes a
directive covers every rule; codes may also be prefixes, rule names or
categories. Text after "—", "--" or " - " is the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from policylint.document import Comment
from policylint.finding import Finding, Suppression
from policylint.globs import glob_matches
from policylint.selection import names

_MARKUP = re.compile(r"^policylint-(disable-next-line|disable|enable)\b\s*(.*)$", re.IGNORECASE)
_WORD = re.compile(r"^policylint\s*:\s*(ignore|disable)\b\s*(.*)$", re.IGNORECASE)
_REASON = re.compile(r"\s*(?:—|–|--|\s-\s)\s*")
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@dataclass
class Directive:
    action: str  # "disable", "enable", "next-line" or "ignore" (DOCX)
    selectors: list[str]  # empty: every rule
    comment: Comment
    justification: str | None = None
    used: int = 0

    def covers(self, finding: Finding) -> bool:
        return names(self.selectors, finding.rule, finding.name, finding.category)

    @property
    def where(self) -> str:
        return _where(self.comment)


@dataclass
class Outcome:
    kept: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    #: one line per directive that could not be read or suppressed nothing
    warnings: list[str] = field(default_factory=list)


def parse(comment: Comment) -> Directive | None | str:
    """The directive in a comment; None if it holds none; a string saying
    what is wrong if it looks like one but cannot be read."""
    text = comment.text.strip()
    match = _MARKUP.match(text) if comment.line is not None else _WORD.match(text)
    if not match:
        if text.lower().startswith("policylint"):
            expected = ("policylint-disable, policylint-enable or policylint-disable-next-line"
                        if comment.line is not None else "'policylint: ignore CODES — reason'")
            return f"cannot read the directive '{text}' (expected {expected})"
        return None
    action, rest = match.group(1).lower(), match.group(2)
    parts = _REASON.split(rest, maxsplit=1)
    codes = [code for code in re.split(r"[,\s]+", parts[0].strip()) if code]
    reason = parts[1].strip() if len(parts) > 1 and parts[1].strip() else None
    bad = [code for code in codes if not _CODE.match(code)]
    if bad:
        return f"cannot read the rule code '{bad[0]}' in the directive '{text}'"
    if comment.line is None:  # a Word comment: "ignore" or "disable", both cover its paragraphs
        action = "ignore"
    elif action == "disable-next-line":
        action = "next-line"
    return Directive(action=action, selectors=codes, comment=comment, justification=reason)


def apply(findings: Iterable[Finding], comments: Sequence[Comment], path: str) -> Outcome:
    """Split ``findings`` into kept and suppressed by the directives in ``comments``."""
    outcome = Outcome()
    directives = []
    for comment in comments:
        parsed = parse(comment)
        if isinstance(parsed, str):
            outcome.warnings.append(f"{path}: {_where(comment)}: {parsed}")
        elif parsed is not None:
            directives.append(parsed)
    ranges = _ranges(directives)
    by_paragraph: dict[int, list[Directive]] = {}  # next-line and ignore directives by the paragraph they cover
    for directive in directives:
        if directive.action in ("next-line", "ignore"):
            for paragraph in directive.comment.blocks:
                by_paragraph.setdefault(paragraph, []).append(directive)
    for finding in findings:
        directive = _first_covering(finding, by_paragraph, ranges)
        if directive is None:
            outcome.kept.append(finding)
            continue
        directive.used += 1
        outcome.suppressed.append(finding.model_copy(update={"suppression": Suppression(
            kind="in-source", directive=directive.comment.text, justification=directive.justification)}))
    for directive in directives:
        if directive.action != "enable" and not directive.used:
            outcome.warnings.append(f"{path}: {directive.where}: the directive '{directive.comment.text}' "
                                    "suppressed nothing (remove it or correct the rule code)")
    return outcome


def _where(comment: Comment) -> str:
    return f"line {comment.line}" if comment.line is not None else \
        f"paragraph {comment.blocks[0]}" if comment.blocks else "a comment"


def _ranges(directives: list[Directive]) -> list[tuple[Directive, int, int | None]]:
    """(disable directive, first line, last line or None for the end) for each
    ``disable``, closed by the next ``enable`` that names it or all rules."""
    ranges = []
    open_: list[Directive] = []
    for directive in sorted((d for d in directives if d.action in ("disable", "enable")),
                            key=lambda d: d.comment.line or 0):
        line = directive.comment.line or 0
        if directive.action == "disable":
            open_.append(directive)
            continue
        still = []
        for disable in open_:
            if not directive.selectors or set(disable.selectors) <= set(directive.selectors) and disable.selectors:
                ranges.append((disable, disable.comment.line or 0, line))
            else:
                still.append(disable)
        open_ = still
    ranges.extend((disable, disable.comment.line or 0, None) for disable in open_)
    return ranges


def _first_covering(finding: Finding, by_paragraph: dict[int, list[Directive]],
                    ranges: list[tuple[Directive, int, int | None]]) -> Directive | None:
    """The directive that turns ``finding`` off: one on its paragraph (looked up,
    not searched: a file may hold 100,000 directives), else a disabled range."""
    paragraph, line = finding.location.paragraph, finding.location.line
    for directive in by_paragraph.get(paragraph, ()):
        if directive.covers(finding):
            return directive
    if line is not None:
        for directive, first, last in ranges:
            if first < line and (last is None or line < last) and directive.covers(finding):
                return directive
    return None


def per_file(findings: Iterable[Finding], path: str, patterns: dict[str, list[str]]) -> Outcome:
    """Apply ``per-file-ignores`` (glob -> selectors; ``path`` relative to the
    config's folder, with forward slashes)."""
    matching = [(glob, selectors) for glob, selectors in patterns.items() if glob_matches(glob, path)]
    outcome = Outcome()
    for finding in findings:
        hit = next((glob for glob, selectors in matching
                    if names(selectors, finding.rule, finding.name, finding.category)), None)
        if hit is None:
            outcome.kept.append(finding)
        else:
            outcome.suppressed.append(finding.model_copy(update={"suppression": Suppression(
                kind="external", directive=f"per-file-ignores: {hit}")}))
    return outcome
