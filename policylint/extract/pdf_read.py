"""PDF, step 1: read the glyphs of one page with pdfium (see ``pdf_glyphs`` for
what becomes of them).

For each character of pdfium's text page, ``read_glyphs`` asks for its loose
box, its origin and its text object; font size and style are asked once per
text object (every glyph of one object has the object's font and size), with
the functions of ``pdf_calls`` (no ctypes argument checks: the per-glyph cost
is most of the extraction). pdfium's *generated* spaces and line breaks are
skipped (``pdf_glyphs`` puts spaces where the geometry says). pdfium reports
a hyphen it found at a line end as U+0002 (or U+FFFE): it becomes "-".
Ligatures (U+FB00..U+FB06) are expanded. Font styles (family, bold, italic,
monospace) come from the font name, its descriptor flags and its weight, once
per name (``FontTable``).
"""

from __future__ import annotations

import ctypes
import re
import unicodedata

import pypdfium2.raw as pdfium_c

from policylint.extract import pdf_calls as calls
from policylint.extract.pdf_glyphs import SPACES, FontStyle, Glyph

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_ITALIC_NAME = re.compile(r"italic|oblique", re.I)
_MONO_NAME = re.compile(r"mono|courier|consol|code", re.I)
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag


class FontTable:
    """Font styles by pdfium font name; looked up once per name."""

    def __init__(self) -> None:
        self._styles: dict[tuple[bytes, int], FontStyle] = {}
        self._buf = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()

    def style(self, textpage, index: int) -> FontStyle:
        n = pdfium_c.FPDFText_GetFontInfo(textpage, index, self._buf, 256, self._flags)
        key = (self._buf.value if n else b"", self._flags.value)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = _font_style(textpage, index, *key)
        return style


def _font_style(textpage, index: int, raw_name: bytes, flags: int) -> FontStyle:
    name = raw_name.decode("latin-1")
    name = re.sub(r"^[A-Z]{6}\+", "", name)  # subset prefix
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    return FontStyle(
        family=re.split(r"[-,]", name, maxsplit=1)[0].lower(),
        bold=bool(_BOLD_NAME.search(name)) or bool(flags & _FORCE_BOLD) or weight >= 600,
        italic=bool(_ITALIC_NAME.search(name)) or bool(flags & 64),
        mono=bool(_MONO_NAME.search(name)) or bool(flags & 1),
    )


# the characters read_glyphs looks at twice: controls, spaces, pdfium's marks, ligatures
_ODD = frozenset([chr(c) for c in range(32)] + list(SPACES) + ["\ufffe", "\ufeff"])
_ODD |= {chr(c) for c in range(0xFB00, 0xFB07)}


def read_glyphs(textpage, fonts: FontTable) -> list[Glyph]:
    """All visible glyphs of a pdfium text page (generated characters skipped).

    Per glyph, pdfium is asked for its loose box, its origin and its text
    object; font size and style are asked once per text object (every glyph of
    one object has the object's font and size)."""
    n = textpage.count_chars()
    if n <= 0:
        return []
    raw = textpage.raw  # the handle itself: ctypes calls are the hot loop
    text = textpage.get_text_range(0, n)
    if len(text) != n or any(_differs(text, raw, k) for k in (0, n // 2, n - 1)):
        # characters outside UCS-2, or left out of the text: ask one by one
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, k)) for k in range(n))
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    rect_p, ox_p, oy_p = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    loose_box, origin, generated = calls.LOOSE_CHAR_BOX, calls.CHAR_ORIGIN, calls.IS_GENERATED
    text_object = calls.TEXT_OBJECT
    objects: dict[int, tuple[float, FontStyle]] = {}  # text object -> font size, style
    glyphs: list[Glyph] = []
    append = glyphs.append
    for k, ch in enumerate(text):
        if ch in _ODD:
            if ch in "\r\n" or (ch in SPACES and generated(raw, k)):
                continue
            if ch in ("\x02", "\ufffe"):
                ch = "-"  # pdfium's mark for a hyphen it found at a line end
            elif ch < " " or ch == "\ufeff":
                continue
            elif "\ufb00" <= ch <= "\ufb06":
                ch = unicodedata.normalize("NFKC", ch)
        if not loose_box(raw, k, rect_p):
            continue
        origin(raw, k, ox_p, oy_p)
        obj = text_object(raw, k) if text_object is not None else None
        known = objects.get(obj) if obj else None
        if known is None:
            known = (calls.FONT_SIZE(raw, k), fonts.style(raw, k))
            if obj:
                objects[obj] = known
        size, font = known
        if size <= 1.0:  # text drawn at size 1 and scaled by the matrix
            size = max(rect.top - rect.bottom, 1.0)
        append(Glyph(ch, rect.left, rect.right, rect.bottom, rect.top, oy.value, size, font, k))
    return glyphs


def _differs(text: str, textpage, k: int) -> bool:
    code = pdfium_c.FPDFText_GetUnicode(textpage, k)
    return text[k] != chr(code) and not (code == 2 and text[k] == "\ufffe")
