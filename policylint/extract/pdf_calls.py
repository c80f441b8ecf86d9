"""pdfium functions for the per-glyph and per-path-segment loops, called without
ctypes' argument conversion.

pypdfium2's raw functions declare their argument types, so ctypes checks and
converts every argument of every call: about 1.2 µs a call, more than pdfium
spends answering. The same functions with no declared argument types cost about
0.5 µs. Arguments must then already be what C expects: handles as returned by
pdfium (pointer objects), ``ctypes.byref`` of the output variables, and Python
ints for C ``int`` parameters. Return types are declared as pypdfium2 declares
them (a handle comes back as the same pointer type, so it can be passed on).

Only the functions the hot loops use are here; everything else goes through
``pypdfium2.raw`` as usual.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c


def _unchecked(name: str, restype=None):
    """pypdfium2's ``name`` without argument types (None if this pdfium lacks it)."""
    fn = getattr(pdfium_c, name, None)
    if fn is None:
        return None
    fast = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)  # same library and calling convention
    fast.restype = restype or fn.restype
    return fast


# text page: (textpage, index, ...)
LOOSE_CHAR_BOX = _unchecked("FPDFText_GetLooseCharBox")
CHAR_ORIGIN = _unchecked("FPDFText_GetCharOrigin")
FONT_SIZE = _unchecked("FPDFText_GetFontSize")
IS_GENERATED = _unchecked("FPDFText_IsGenerated")
# the text object of a character, as an address (int) or None; None where this pdfium lacks it
TEXT_OBJECT = _unchecked("FPDFText_GetTextObject", ctypes.c_void_p)

# path objects
OBJECT_TYPE = _unchecked("FPDFPageObj_GetType")
COUNT_SEGMENTS = _unchecked("FPDFPath_CountSegments")
PATH_SEGMENT = _unchecked("FPDFPath_GetPathSegment")
SEGMENT_POINT = _unchecked("FPDFPathSegment_GetPoint")
SEGMENT_TYPE = _unchecked("FPDFPathSegment_GetType")
SEGMENT_CLOSE = _unchecked("FPDFPathSegment_GetClose")
