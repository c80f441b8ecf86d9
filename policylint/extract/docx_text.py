"""WordprocessingML details for the DOCX extractor: styles and paragraph text.

``Styles`` answers, for a paragraph, whether it is a heading (and of which
level), the title, or a list item, following the ``w:basedOn`` chain.
``paragraph_text`` reads the text of one ``w:p`` run by run and says which
characters each run produced, which notes it references and which text boxes
it anchors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from policylint.extract.docx_package import W_NS

_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_R, W_T, W_TBL, W_TXBX = w("p"), w("r"), w("t"), w("tbl"), w("txbxContent")
W_SDT, W_SDT_CONTENT = w("sdt"), w("sdtContent")
MC_ALTERNATE = f"{{{_MC_NS}}}AlternateContent"
W_VAL = w("val")
MC_CHOICE, MC_FALLBACK = f"{{{_MC_NS}}}Choice", f"{{{_MC_NS}}}Fallback"

# Run children that stand for one character; everything not listed gives no text
# (w:delText, w:instrText, w:sym, w:softHyphen, w:footnoteReference, drawings ...).
_CHAR = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n",
         w("noBreakHyphen"): "-"}
# Containers whose runs are read as if they sat in the paragraph itself.
_TRANSPARENT = {w(t) for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml",
                               "fldSimple", "sdtContent", "dir", "bdo")}
# Anything else (w:del, w:moveFrom, w:pPr, math ...) is counted but gives no text.
_NOTE_REFS = {w("footnoteReference"): "footnote", w("endnoteReference"): "endnote"}
_HEADING_NAME = re.compile(r"heading\s*([1-9])$", re.IGNORECASE)


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    outline: int | None  # w:outlineLvl value, 0..9
    numbered: bool | None  # w:numPr: True, numId 0: False, absent: None


class Styles:
    """Paragraph styles of ``word/styles.xml`` (an empty set when there is none)."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for el in root.iter(w("style")):
            if el.get(w("type"), "paragraph") != "paragraph":
                continue
            sid = el.get(w("styleId"), "")
            self._styles[sid] = _Style(
                name=_val(el.find(w("name"))) or sid,
                based_on=_val(el.find(w("basedOn"))),
                outline=_int(_val(el.find(f"{w('pPr')}/{w('outlineLvl')}"))),
                numbered=_numbered(el.find(f"{w('pPr')}/{w('numPr')}")),
            )
            if el.get(w("default")) in ("1", "true", "on") and self.default is None:
                self.default = sid

    def _chain(self, style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        sid = style_id if style_id in self._styles else self.default
        while sid in self._styles and len(chain) < 20:  # basedOn loops exist in the wild
            chain.append(self._styles[sid])
            sid = self._styles[sid].based_on
        return chain

    def heading_level(self, style_id: str | None) -> int | None:
        """1..9 for a heading style (by name or outline level, itself or a style it
        is based on), 1 for the Title style itself (not for styles based on it, such
        as pandoc's Subtitle), else None."""
        if self.is_title(style_id):
            return 1
        for style in self._chain(style_id):
            if style.outline is not None:
                return style.outline + 1 if 0 <= style.outline < 9 else None
            match = _HEADING_NAME.match(style.name.strip())
            if match:
                return int(match.group(1))
        return None

    def is_title(self, style_id: str | None) -> bool:
        chain = self._chain(style_id)
        return bool(chain) and chain[0].name.strip().lower() == "title"

    def is_list(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            if style.numbered is not None:
                return style.numbered
            if style.name.strip().lower().startswith("list"):
                return True
        return False


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(W_VAL)


def _int(value: str | None) -> int | None:
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def _numbered(num_pr: etree._Element | None) -> bool | None:
    if num_pr is None:
        return None
    num_id = _val(num_pr.find(w("numId")))
    return num_id != "0" if num_id is not None else None


@dataclass
class ParagraphText:
    """What one ``w:p`` says: text, ``(start, end, run index)`` spans, notes, boxes."""

    text: str = ""
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # ("footnote", id)
    boxes: list[etree._Element] = field(default_factory=list)  # w:txbxContent


def own_runs(p: etree._Element) -> list[etree._Element]:
    """The paragraph's runs in document order, leaving out runs of its text boxes."""
    boxed = {r for box in p.iter(W_TXBX) for r in box.iter(W_R)}
    return [r for r in p.iter(W_R) if r not in boxed]


def paragraph_text(p: etree._Element) -> ParagraphText:
    out = ParagraphText()
    index = {r: i for i, r in enumerate(own_runs(p))}
    parts: list[str] = []
    length = 0

    def walk(parent: etree._Element) -> None:
        nonlocal length
        for child in parent:
            tag = child.tag
            if tag == W_R:
                text = _run_text(child, out)
                if text:
                    out.spans.append((length, length + len(text), index[child]))
                    parts.append(text)
                    length += len(text)
            elif tag in _TRANSPARENT:
                walk(child)
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    walk(content)
            elif tag == MC_ALTERNATE:
                chosen = child.find(MC_CHOICE)
                chosen = chosen if chosen is not None else child.find(MC_FALLBACK)
                if chosen is not None:
                    walk(chosen)

    walk(p)
    out.text = "".join(parts)
    out.boxes = text_boxes(p)
    return out


def _run_text(r: etree._Element, out: ParagraphText) -> str:
    chars: list[str] = []
    for child in r:
        tag = child.tag
        if tag == W_T:
            chars.append(child.text or "")
        elif tag in _CHAR:
            chars.append(_CHAR[tag])
        elif tag in _NOTE_REFS:
            out.notes.append((_NOTE_REFS[tag], child.get(w("id"), "")))
    return "".join(chars)


def text_boxes(p: etree._Element) -> list[etree._Element]:
    """The ``w:txbxContent`` a paragraph anchors, each once.

    Boxes nested in other boxes belong to the inner paragraphs; a box in an
    ``mc:Fallback`` (the VML copy of a DrawingML box) is skipped when the
    matching ``mc:Choice`` has a box of its own.
    """
    return [box for box in p.iter(W_TXBX) if _anchored_here(box, p)]


def _anchored_here(box: etree._Element, p: etree._Element) -> bool:
    el = box.getparent()
    while el is not None and el is not p:
        if el.tag == W_TXBX:
            return False
        if el.tag == MC_FALLBACK:
            alternatives = el.getparent()
            if alternatives is not None and any(
                next(choice.iter(W_TXBX), None) is not None
                for choice in alternatives.iterfind(MC_CHOICE)
            ):
                return False
        el = el.getparent()
    return True
