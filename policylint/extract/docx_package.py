"""Safe access to the parts of a DOCX package (a zip of XML parts).

Opens the zip once, refuses zip bombs before inflating anything, parses XML
without resolving entities or touching the network, and follows the package
relationships to the parts the DOCX extractor reads. Every zip or XML failure
becomes an ``ExtractError`` with a one-line cause.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from policylint.extract.base import ExtractError

#: Refuse a package whose members declare more than this many bytes in total.
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
#: Refuse a package with a member compressed more than this many times ...
MAX_RATIO = 200
#: ... once that member is at least this large (tiny parts compress absurdly well).
RATIO_MIN_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024  # inflate members this much at a time
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_DOCTYPES = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
               NotImplementedError, RuntimeError, KeyError)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


class Package:
    """The zip, indexed by part name (``/word/document.xml``, case-insensitive)."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except _ZIP_ERRORS as exc:
            raise ExtractError(f"corrupt or truncated DOCX file ({_one_line(exc)})") from None
        _refuse_bombs(infos)
        self._members = {"/" + info.filename.lstrip("/").lower(): info for info in infos}

    def has(self, partname: str) -> bool:
        return partname.lower() in self._members

    def xml(self, partname: str) -> etree._Element:
        """The parsed root element of one part (which must exist)."""
        raw = self._read(self._members[partname.lower()])
        try:
            tree = etree.parse(io.BytesIO(raw), _PARSER)
        except etree.XMLSyntaxError as exc:
            where = f"line {exc.lineno}: " if exc.lineno else ""
            raise ExtractError(
                f"invalid XML in {partname} ({where}{_one_line(exc.msg or exc)})"
            ) from None
        if tree.docinfo.doctype:
            raise ExtractError(f"invalid XML in {partname} (a DOCTYPE is not allowed)")
        return tree.getroot()

    def _read(self, info: zipfile.ZipInfo) -> bytes:
        """A member's bytes, inflated a piece at a time. ``ZipFile.read`` would
        inflate all the compressed data at once, however much it holds;
        reading pieces stops at the declared size (checked already), and a
        member that holds more fails its checksum."""
        chunks = []
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(_CHUNK):
                    chunks.append(chunk)
        except _ZIP_ERRORS as exc:
            raise ExtractError(f"corrupt or truncated DOCX file ({_one_line(exc)})") from None
        return b"".join(chunks)

    def check_members(self) -> None:
        """Inflate every member once, one at a time, so that a member whose
        data does not match its entry (a forged size, a bad checksum) or an
        XML part with a DOCTYPE (entities, external DTDs) is refused before a
        library that reads whole members and every part opens the package."""
        for info in self._zip.infolist():
            raw = self._read(info)
            if info.filename.lower().endswith((".xml", ".rels")) and any(mark in raw for mark in _DOCTYPES):
                raise ExtractError(f"invalid XML in /{info.filename.lstrip('/')} (a DOCTYPE is not allowed)")

    def rels(self, partname: str) -> dict[str, tuple[str, str]]:
        """Internal relationships of a part: ``{rId: (type suffix, target part name)}``.

        The type suffix is the last path segment of the relationship type, e.g.
        ``header``, ``footnotes``, ``officeDocument``.
        """
        folder, name = posixpath.split(partname)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels_name):
            return {}
        out: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels_name).iter(f"{{{_PKG_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External" or not rel.get("Target"):
                continue
            target = rel.get("Target", "")
            if not target.startswith("/"):
                target = posixpath.join(folder, target)
            target = posixpath.normpath(target)
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
        return out

    def related(self, partname: str, kind: str) -> str | None:
        """The first existing part related to ``partname`` with type suffix ``kind``."""
        for rel_kind, target in self.rels(partname).values():
            if rel_kind == kind and self.has(target):
                return target
        return None

    def main_document(self) -> str:
        """The main document part's name: from ``/_rels/.rels``, else ``/word/document.xml``."""
        main = self.related("/", "officeDocument")
        if main is None and self.has("/word/document.xml"):
            main = "/word/document.xml"
        if main is None:
            raise ExtractError("not a Word document: the zip has no word/document.xml")
        return main

    def core_title(self) -> str | None:
        """The title from the core properties (``docProps/core.xml``), if any."""
        core = self.related("/", "core-properties")
        if core is None:
            return None
        try:
            root = self.xml(core)
        except ExtractError:
            return None  # the title is a nicety: a broken core part is not fatal
        title = root.find(_DC_TITLE)
        text = " ".join((title.text or "").split()) if title is not None else ""
        return text or None


def _refuse_bombs(infos: list[zipfile.ZipInfo]) -> None:
    odd = next((info for info in infos if info.compress_type not in _COMPRESSIONS), None)
    if odd is not None:  # bzip2 and lzma cannot be inflated a piece at a time by zipfile
        raise ExtractError(f"unsupported DOCX file: {odd.filename} uses zip compression method "
                           f"{odd.compress_type} (Word only uses stored or deflated)")
    total = sum(info.file_size for info in infos)
    suspicious = any(
        info.file_size >= RATIO_MIN_BYTES
        and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if total > MAX_UNZIPPED_BYTES or suspicious:
        megabytes = total / (1024 * 1024)
        raise ExtractError(
            f"DOCX expands to {megabytes:,.0f} MB when unzipped: refusing (zip bomb?)"
        )
