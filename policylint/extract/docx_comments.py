"""DOCX: the Word comments of the body and the blocks each one is anchored on.

A comment covers the paragraphs from the one holding its
``w:commentRangeStart`` to the one holding its ``w:commentRangeEnd`` (or, when
it has no range, the paragraph holding its ``w:commentReference``). Only
comments whose text starts with "policylint" are kept: they are the ones that
may hold directives (``policylint.suppress`` reads them).
"""

from __future__ import annotations

from lxml import etree

from policylint.document import Block, Comment
from policylint.extract.docx_package import Package
from policylint.extract.docx_text import W_P, W_T, w

_MARKS = {w("commentRangeStart"): 0, w("commentRangeEnd"): 1, w("commentReference"): 2}
_ID = w("id")


def body_comments(package: Package, main: str, root: etree._Element, blocks: list[Block]) -> list[Comment]:
    part = package.related(main, "comments")
    if part is None:
        return []
    texts = {c.get(_ID): _text(c) for c in package.xml(part).iter(w("comment"))}
    texts = {key: text for key, text in texts.items() if text.lower().startswith("policylint")}
    if not texts:
        return []
    spans = _paragraph_spans(root, set(texts))
    numbers = {b.source.index: b.location.paragraph for b in blocks if b.source and b.source.part == main}
    comments = []
    for key, (first, last) in sorted(spans.items(), key=lambda item: item[1]):
        covered = tuple(numbers[i] for i in range(first, last + 1) if i in numbers)
        if covered:
            comments.append(Comment(text=texts[key], blocks=covered))
    return comments


def _text(comment: etree._Element) -> str:
    paragraphs = ("".join(t.text or "" for t in p.iter(W_T)) for p in comment.iter(W_P))
    return " ".join(" ".join(paragraphs).split())


def _paragraph_spans(root: etree._Element, wanted: set[str]) -> dict[str, tuple[int, int]]:
    """comment id -> (first, last) ``w:p`` index (document order) it covers. A
    mark between paragraphs belongs to the next one (a start) or the one
    before (an end or a reference)."""
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    index = -1
    for el in root.iter(W_P, *_MARKS):
        if el.tag == W_P:
            index += 1
            continue
        key = el.get(_ID)
        if key not in wanted:
            continue
        inside = next(el.iterancestors(W_P), None) is not None
        if _MARKS[el.tag] == 0:
            starts.setdefault(key, index if inside else index + 1)
        else:
            ends[key] = max(ends.get(key, index), index)
    spans = {}
    for key in starts.keys() | ends.keys():
        first, last = starts.get(key, ends.get(key)), ends.get(key, starts.get(key))
        spans[key] = (min(first, last), max(first, last))
    return spans
