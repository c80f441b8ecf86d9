"""Absence rules: report what a section or the document does not say.

``scope: section``: every body heading whose text contains one of the rule's
``sections`` words (and whose parent headings do not, so a section is checked
once with its subsections) is checked over all the blocks under it; headings
of more than ``MAX_HEADING_WORDS`` words are not section titles. When
fewer than ``require.at_least`` of the required groups are found there, the
finding sits on the heading. ``scope: document``: the whole document (if it
has at least ``min_words`` words); the finding sits on the first block.

Messages and advice may say ``{section}`` (the heading) and ``{found}`` (the
groups that were found, or "none"). An absence rule's ``unless`` contexts
(found in the heading's section, or anywhere in the document) drop the gap;
its ``when`` contexts must be found there for the gap to count.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from policylint.document import Block, BlockKind, Document, Part
from policylint.engine.base import Role
from policylint.engine.compile import RuleInfo
from policylint.engine.scan import ScanResult
from policylint.rule_patterns import Scope

#: Longer "headings" (questions in an FAQ, whole sentences set in a heading
#: style) are not section titles.
MAX_HEADING_WORDS = 12


@dataclass(frozen=True)
class Gap:
    """Something required that is missing, anchored on one block."""

    rule: int
    block: int
    found: tuple[str, ...]
    section: str


def find_gaps(document: Document, infos: list[RuleInfo], scan: ScanResult) -> Iterator[Gap]:
    found_in: dict[int, set[tuple[int, int]]] = {}
    for key, block in scan.context_blocks:
        if key.role is Role.REQUIRE:
            found_in.setdefault(block, set()).add((key.rule, key.n))
    for index, info in enumerate(infos):
        rule = info.rule
        if not rule.is_absence:
            continue
        if rule.scope == Scope.DOCUMENT:
            if rule.min_words is None or document.words >= rule.min_words:
                gap = _check(index, info, range(len(document.blocks)), found_in, 0, document.title or "")
                if gap:
                    yield gap
            continue
        for heading, members in _sections(document, info):
            gap = _check(index, info, members, found_in, heading, document.blocks[heading].text.strip())
            if gap:
                yield gap


def _sections(document: Document, info: RuleInfo) -> Iterator[tuple[int, list[int]]]:
    blocks = document.blocks
    assert info.sections is not None
    for number, block in enumerate(blocks):
        if not _is_heading(block) or len(block.text.split()) > MAX_HEADING_WORDS:
            continue
        if not info.sections.heading(block.text):
            continue
        path = block.section
        if info.sections.path(path[:-1]):
            continue  # checked with the parent section
        members = [number]
        for later in range(number + 1, len(blocks)):
            other = blocks[later]
            if other.location.part not in (Part.BODY, Part.TEXTBOX):
                continue
            if other.section[: len(path)] != path:
                break
            members.append(later)
        if _is_document_title(document, number, members):
            continue
        yield number, members


def _is_document_title(document: Document, number: int, members: list[int]) -> bool:
    """The document's title, set as a heading with the real sections beside it
    rather than under it ("TTS Handbook: Work Schedules, Leave, Hiring ..."
    over a subtitle, then "Work schedules"): it names the whole document, so
    the few blocks under it are not a section to check."""
    if number != _first_body_block(document) or document.blocks[number].text.strip() != (document.title or "").strip():
        return False
    nested = any(document.blocks[m].kind == BlockKind.HEADING for m in members[1:])
    later = members[-1] + 1 < len(document.blocks)
    return not nested and later


def _is_heading(block: Block) -> bool:
    return block.kind == BlockKind.HEADING and block.location.part == Part.BODY and bool(block.section)


def _check(index: int, info: RuleInfo, members, found_in, anchor: int, section: str) -> Gap | None:
    assert info.rule.require is not None
    names = list(info.rule.require.alternatives())
    found = {n for block in members for rule, n in found_in.get(block, ()) if rule == index}
    if len(found) >= info.rule.require.at_least or (not found and not info.rule.require.flag_if_none):
        return None
    return Gap(index, anchor, tuple(names[n] for n in sorted(found) if names[n]), section)


def _first_body_block(document: Document) -> int | None:
    return next((n for n, block in enumerate(document.blocks) if block.location.part == Part.BODY), None)
