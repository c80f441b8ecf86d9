"""Turn the bytes of a Markdown or text file into a string."""

from __future__ import annotations

import codecs

from policylint.extract.base import ExtractError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """Decode by byte-order mark, else UTF-8, else UTF-16 (NUL-heavy bytes), else
    Windows-1252/Latin-1. Line endings become ``\\n``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _normalise(_strict(data, codec))
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if data[1::2].count(0) > len(data) * 0.2:
        return _normalise(_strict(data, "utf-16-le"))
    if data[0::2].count(0) > len(data) * 0.2:
        return _normalise(_strict(data, "utf-16-be"))
    try:
        return _normalise(data.decode("cp1252"))
    except UnicodeDecodeError:
        return _normalise(data.decode("latin-1"))


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ExtractError(f"cannot decode the text as {codec}: {exc.reason} at byte {exc.start}") from None


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
