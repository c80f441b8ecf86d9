"""What the reports for people share: repeated findings grouped, the matched
sentence trimmed around the match, and a rewrite shown as the words it changes.

A *group* is every finding of one rule on the same matched words (case and
spacing aside) in one file: "his or her" forty times is one entry with its
count and where the others are. Machine formats (JSON, SARIF, CSV, annotated
copies) never group.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from policylint.finding import Finding, SuggestionAction

#: characters of context kept on each side of the match in a trimmed sentence
CONTEXT = 90
#: how many other places a group names before "and N more"
MAX_PLACES = 8
ELLIPSIS = "…"


@dataclass
class Group:
    """The first finding of a group (shown in full) and the others (listed by place)."""

    first: Finding
    others: list[Finding] = field(default_factory=list)

    @property
    def count(self) -> int:
        return 1 + len(self.others)

    @property
    def findings(self) -> list[Finding]:
        return [self.first, *self.others]


def group_key(finding: Finding) -> tuple:
    return (finding.rule, " ".join(finding.text.casefold().split()), finding.suppression is not None)


def group_findings(findings: Iterable[Finding], enabled: bool = True) -> list[Group]:
    """Groups in document order of their first finding; one group per finding
    when ``enabled`` is false (``--no-group``)."""
    ordered = sorted(findings, key=lambda f: f.sort_key())
    if not enabled:
        return [Group(f) for f in ordered]
    groups: dict[tuple, Group] = {}
    for finding in ordered:
        key = group_key(finding)
        if key in groups:
            groups[key].others.append(finding)
        else:
            groups[key] = Group(finding)
    return list(groups.values())


def place(finding: Finding) -> str:
    """A short place for a list of places: 'paragraph 45 (page 9)'."""
    loc = finding.location
    where = f"{loc.part} " if loc.part != "body" else ""
    where += f"paragraph {loc.paragraph}"
    return where + (f" (page {loc.page})" if loc.page is not None else "")


def elsewhere(group: Group) -> str:
    """'Also in paragraphs 30 and 41 (pages 4–6): 3 in all.' for a group of more than one."""
    others = group.others
    if not others:
        return ""
    counts: dict[str, int] = {}
    for f in others:
        label = str(f.location.paragraph) if f.location.part == "body" else f"{f.location.part} {f.location.paragraph}"
        counts[label] = counts.get(label, 0) + 1
    paragraphs = [label + (f" ({n}×)" if n > 1 else "") for label, n in counts.items()]
    shown = paragraphs[:MAX_PLACES]
    listed = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]
    if len(paragraphs) > MAX_PLACES:
        listed = ", ".join(shown) + f" and {len(paragraphs) - MAX_PLACES} more"
    pages = sorted({f.location.page for f in others if f.location.page is not None})
    span = ""
    if pages:
        span = f" (page {pages[0]})" if len(pages) == 1 else f" (pages {pages[0]}–{pages[-1]})"
    noun = "paragraph" if len(paragraphs) == 1 else "paragraphs"
    return f"Also in {noun} {listed}{span}: {group.count} in all."


def split_sentence(finding: Finding, trim: bool = True) -> tuple[str, str, str]:
    """(before, matched words, after) of the finding's sentence; with ``trim``
    the sides are cut to about ``CONTEXT`` characters at a word boundary, with
    an ellipsis. When the words cannot be placed: (sentence, "", "")."""
    sentence, words = finding.sentence, finding.text
    index = finding.location.start - finding.sentence_start
    if not (0 <= index <= len(sentence) - len(words) and sentence[index:index + len(words)] == words):
        return (_trim_end(sentence, 2 * CONTEXT) if trim else sentence), "", ""
    before, after = sentence[:index], sentence[index + len(words):]
    if trim:
        before, after = _trim_start(before, CONTEXT), _trim_end(after, CONTEXT)
    return before, words, after


def _trim_start(text: str, keep: int) -> str:
    if len(text) <= keep + 10:
        return text
    cut = text[-keep:]
    space = cut.find(" ")
    return ELLIPSIS + (cut[space + 1:] if 0 <= space < 20 else cut)


def _trim_end(text: str, keep: int) -> str:
    if len(text) <= keep + 10:
        return text
    cut = text[:keep]
    space = cut.rfind(" ")
    return (cut[:space] if space > keep - 20 else cut).rstrip(" ,;:") + ELLIPSIS


#: a word (with inner hyphens and apostrophes) or one other visible character
_TOKEN = re.compile(r"\w(?:[\w'’-]*\w)?|[^\w\s]")


def changes(finding: Finding) -> list[tuple[str, str]]:
    """The words a replace or delete suggestion changes, as (old, new) pairs in
    sentence order, each pair once: [("his or her", "their")]. Empty when the
    suggestion is advice rather than a rewrite."""
    suggestion = finding.suggestion
    if suggestion is None or suggestion.action not in (SuggestionAction.REPLACE, SuggestionAction.DELETE) \
            or not suggestion.sentence:
        return []
    old_text, new_text = finding.sentence, suggestion.sentence
    old, new = list(_TOKEN.finditer(old_text)), list(_TOKEN.finditer(new_text))
    pairs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=[m.group() for m in old], b=[m.group() for m in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pair = (old_text[old[i1].start():old[i2 - 1].end()] if i2 > i1 else "",
                new_text[new[j1].start():new[j2 - 1].end()] if j2 > j1 else "")
        if pair not in pairs:
            pairs.append(pair)
    return pairs


def describe_changes(pairs: list[tuple[str, str]]) -> str:
    """'his or her → their; chairman → chair' (a deletion: 'delete “very”')."""
    shown = []
    for old, new in pairs:
        if not new:
            shown.append(f"delete “{old}”")
        elif not old:
            shown.append(f"add “{new}”")
        else:
            shown.append(f"{old} → {new}")
    return "; ".join(shown)


_EXAMPLE = re.compile(r"(?:[,;:.]?\s+(?:for example|for instance|e\.g\.)[,:]?\s+|:\s+(?=[\"“]))", re.I)


def brief(advice: str) -> str:
    """Advice without its worked example: the part before 'for example ...' or
    a quoted model text (the full text is shown with ``--verbose``)."""
    match = _EXAMPLE.search(advice)
    if match is None or match.start() < 20:
        return advice
    return advice[:match.start()].rstrip(" ,;:") + "."
