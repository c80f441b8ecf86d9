"""PDF, step 4: the text and line boxes of each block.

Lines are joined with one space, fragments of one line too. A line that ends
in a hyphen is joined to the next without a space, and the hyphen is

- dropped if it is a soft hyphen (U+00AD);
- kept if the next line starts with a capital ("Anti-" + "Harassment") or
  with something other than a letter ("2023-" + "11-20"), or if it is part
  of a URL, e-mail address or path;
- otherwise decided by the document's own words (every word of every line
  except the halves of line-end hyphenations): kept if the hyphenated form
  ("part-time") occurs elsewhere in the document, dropped if only the joined
  form ("employees") does. With no such evidence for this word, the
  document's habit decides: if its other line-end hyphens all turned out to
  be real (a document that does not hyphenate, as Word and LibreOffice by
  default), keep it; if they all turned out to be breaks, drop it; with no
  or mixed evidence, keep it when both halves are words of the document
  ("full" + "time") and drop it otherwise ("employ" + "ees").

A URL cut at a line end goes on without a space when its line reaches the
right of the column or it was cut after one of ``/?&=#%_.~``.

Each fragment of a line gives one ``LineBox``: the characters of the block
text it produced, its page, and its box in PDF points (pdfium page space,
origin at the bottom left, y up): x from its first to its last glyph, y from
the lowest glyph bottom to the highest glyph top (font ascent and descent).
Inserted spaces between lines and fragments belong to no box, nor does a
stripped list marker or a dropped hyphen.
"""

from __future__ import annotations

import re

from policylint.document import LineBox
from policylint.extract.pdf_blocks import Draft
from policylint.extract.pdf_glyphs import SOFT_HYPHEN, Fragment
from policylint.extract.pdf_layout import Line

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TAIL = re.compile(r"([^\W\d_]*)[-\u00ad]$")
_HEAD = re.compile(r"^[^\W\d_]+")
_COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]+")
# the last word is a URL, address or path ("example.com/a", "/docs", "%20"), not
# a percentage ("15%") or "and/or"
_LINK = re.compile(r"(?:://|www\.|@|#|%[0-9A-Fa-f]{2}|\.[A-Za-z]\S*/|(?:^|\s)/)\S*$")
_LINK_START = re.compile(r"^[^\s/@#%]*[/@#%]")  # the first word of the next line is one
_CUTS = tuple("/?&=#%_.~-")

Segment = tuple[Fragment, int, int]  # fragment, start and end in its text


class Vocabulary:
    """Words (and hyphenated compounds) used in the document, lower-cased, and
    what the document's line-end hyphens say about its hyphenation habit."""

    def __init__(self, drafts: list[Draft]) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()
        pairs: list[tuple[str, str]] = []
        for draft in drafts:
            broken = ""
            for line in draft.lines:
                text = line.text
                words = _WORD.findall(text)
                if broken and words:
                    if text.startswith(words[0]):
                        pairs.append((broken, words[0].lower()))
                    words = words[1:]
                tail = _TAIL.search(text) if text.endswith("-") and not _LINK.search(text) else None
                broken = tail.group(1).lower() if tail else ""
                if text.endswith(("-", SOFT_HYPHEN)) and words:
                    words = words[:-1]
                self.words.update(w.lower() for w in words)
                self.compounds.update(c.lower() for c in _COMPOUND.findall(text))
        evidence = [self._evidence(left, right) for left, right in pairs if left and right]
        real, breaks = evidence.count(True), evidence.count(False)
        self.habit: bool | None = None  # True: keeps hyphens; False: hyphenates words
        if real and not breaks:
            self.habit = True
        elif breaks and not real:
            self.habit = False

    def _evidence(self, left: str, right: str) -> bool | None:
        if f"{left}-{right}" in self.compounds:
            return True
        if left + right in self.words:
            return False
        return None

    def keep_hyphen(self, left: str, right: str) -> bool:
        left, right = left.lower(), right.lower()
        evidence = self._evidence(left, right)
        if evidence is not None:
            return evidence
        if self.habit is not None:
            return self.habit
        return left in self.words and right in self.words


def _join(text: str, following: str, vocab: Vocabulary, full: bool) -> tuple[int, str]:
    """How a line ending in ``text`` meets the next line ``following``:
    (characters to drop from the end of ``text``, separator). ``full``: the
    line reaches the right of its column."""
    if text.endswith(SOFT_HYPHEN):
        return 1, ""
    cut = text.endswith(_CUTS)
    if _LINK.search(text) and following[:1].isalnum() and (cut or (full and not following[0].isupper())):
        return 0, ""  # a URL, address or path goes on; a hyphen in it is real
    tail = _TAIL.search(text)
    if not tail or text[:-1].endswith(" ") or text == "-":
        return 0, " "  # no hyphen, or a dash standing alone
    head = _HEAD.match(following)
    if not tail.group(1) or not head or _LINK_START.match(following):
        return 0, ""  # "2023-" + "11-20", "people-" + "ops@example.com"
    if head.group(0)[0].isupper() or vocab.keep_hyphen(tail.group(1), head.group(0)):
        return 0, ""
    return 1, ""


def _end(frag: Fragment, line: Line) -> int:
    """Where the fragment's text ends (a soft hyphen inside a line is dropped)."""
    return len(frag.text) - (frag.text.endswith(SOFT_HYPHEN) and frag is not line.frags[-1])


def _segments(draft: Draft) -> list[list[Segment]]:
    """Per line, the fragment text ranges that go into the block (marker stripped)."""
    out = [[(f, 0, _end(f, line)) for f in line.frags if f.text] for line in draft.lines]
    skip = draft.marker
    first = out[0] if out else []
    while skip > 0 and first:
        frag, a, b = first[0]
        if skip >= b - a:
            skip -= b - a + 1  # the fragment and the space after it
            first.pop(0)
        else:
            a += skip
            while a < b and frag.text[a] == " ":
                a += 1
            first[0] = (frag, a, b)
            skip = 0
    return out


def _box(frag: Fragment, a: int, b: int, start: int, page: int) -> LineBox:
    xs = frag.xs[a:b]
    return LineBox(
        start=start,
        end=start + (b - a),
        page=page,
        x0=round(min([x for x, _ in xs]), 2),
        y0=round(frag.bottom, 2),
        x1=round(max([x for _, x in xs]), 2),
        y1=round(frag.top, 2),
    )


def block_text(draft: Draft, vocab: Vocabulary) -> tuple[str, tuple[LineBox, ...]]:
    """The block's text and one box per fragment it came from."""
    lines = _segments(draft)
    texts = [" ".join(f.text[a:b] for f, a, b in segs) for segs in lines]
    parts: list[str] = []
    boxes: list[LineBox] = []
    length = 0
    carry = ""  # the start of a word (or URL) that runs on from the previous lines
    for i, segs in enumerate(lines):
        drop, sep = 0, ""
        if i + 1 < len(lines) and texts[i]:
            nxt = next((t for t in texts[i + 1 :] if t), "")
            line = draft.lines[i]
            full = line.x1 >= line.col[1] - 1.5 * line.size
            here = texts[i] if " " in texts[i] else carry + texts[i]
            drop, sep = _join(here, nxt, vocab, full)
            carry = "" if sep else here[: len(here) - drop].rsplit(" ", 1)[-1]
        for j, (frag, a, b) in enumerate(segs):
            if j + 1 == len(segs):
                b -= drop
            if j and parts and not parts[-1].endswith(" "):
                parts.append(" ")
                length += 1
            if b <= a:
                continue
            parts.append(frag.text[a:b])
            boxes.append(_box(frag, a, b, length, draft.lines[i].page))
            length += b - a
        if sep and parts and not parts[-1].endswith(" "):
            parts.append(sep)
            length += len(sep)
    text = "".join(parts).rstrip()
    return text, tuple(boxes)
