"""Builders for broken and hostile input files, made small and fast in the
tests themselves: zip bombs, XML entity tricks, external relationships,
PDFs with very many pages, odd encodings."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

from tests.helpers import FLAGGED_SENTENCE, make_docx

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: the words of /etc/passwd that must never show up in a report
PASSWD_MARK = "root:x:0:0"

BILLION_LAUGHS = (  # nine levels of ten: 10**9 "lol"s if expanded
    b'<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>"
)
EXTERNAL_ENTITY = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def document_xml(body: str, doctype: bytes = b"") -> bytes:
    """A minimal main document part with ``body`` (WordprocessingML) inside ``w:body``."""
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype
            + f'<w:document xmlns:w="{W_MAIN}"><w:body>{body}</w:body></w:document>'.encode())


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def zip_bytes(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_parts(path: Path, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    path.write_bytes(zip_bytes(parts, method))
    return path


def replace_part(path: Path, source: Path, name: str, data: bytes) -> Path:
    """A copy of the DOCX ``source`` with part ``name`` replaced by ``data``."""
    with zipfile.ZipFile(source) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    parts[name] = data
    return zip_parts(path, parts)


def with_doctype(xml: bytes, doctype: bytes, reference: bytes = b"") -> bytes:
    """``xml`` with ``doctype`` after its declaration and ``reference`` (an
    entity reference) just before the root element's end tag."""
    declaration, rest = xml.split(b"?>", 1)
    end = rest.rstrip().rfind(b"</")
    return declaration + b"?>" + doctype + rest[:end] + reference + rest[end:]


def forge_size(data: bytes, member: str, declared: int) -> bytes:
    """A zip whose entry for ``member`` declares ``declared`` bytes, whatever
    its compressed data really holds (local and central headers both)."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    struct.pack_into("<I", raw, info.header_offset + 22, declared)
    at = 0
    while (at := raw.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + length].decode() == member:
            struct.pack_into("<I", raw, at + 24, declared)
        at += 4
    return bytes(raw)


def forged_bomb_docx(path: Path, inflated: int, declared: int) -> Path:
    """A DOCX whose document part inflates to ``inflated`` bytes of zeros but
    declares only ``declared`` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=False) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(inflated // len(chunk)):
                member.write(chunk)
    path.write_bytes(forge_size(buffer.getvalue(), "word/document.xml", declared))
    return path


def ratio_bomb_docx(path: Path, megabytes: int = 20) -> Path:
    """A DOCX whose document part really inflates ``megabytes`` MB of zeros
    (about 1,000 times its compressed size) and says so."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/document.xml", "w", force_zip64=True) as member:
        chunk = bytes(1024 * 1024)
        for _ in range(megabytes):
            member.write(chunk)
    path.write_bytes(buffer.getvalue())
    return path


def remote_dtd(port: int) -> bytes:
    """A DOCTYPE whose external parameter entity is on 127.0.0.1:``port``."""
    return (b'<!DOCTYPE w:document [<!ENTITY %% remote SYSTEM "http://127.0.0.1:%d/evil.dtd"> %%remote;]>' % port)


def external_relationships_docx(path: Path, source_dir: Path, port: int, dangling: bool = False) -> Path:
    """A good DOCX (one flagged sentence and a hyperlink) whose relationships
    point outside the package: an external hyperlink and image at
    127.0.0.1:``port``; with ``dangling``, also an "internal" header part at
    file:///etc/passwd and a footer part at ../../../../etc/passwd."""
    source = make_docx(source_dir / f"{path.stem}-source.docx", [FLAGGED_SENTENCE])
    with zipfile.ZipFile(source) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    source.unlink()
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    extra = (f'<Relationship Id="rIdX1" Type="{kind}hyperlink" Target="http://127.0.0.1:{port}/policy"'
             ' TargetMode="External"/>'
             f'<Relationship Id="rIdX2" Type="{kind}image" Target="http://127.0.0.1:{port}/logo.png"'
             ' TargetMode="External"/>')
    references = ""
    if dangling:
        extra += (f'<Relationship Id="rIdX3" Type="{kind}header" Target="file:///etc/passwd"/>'
                  f'<Relationship Id="rIdX4" Type="{kind}footer" Target="../../../../../../etc/passwd"/>')
        references = ('<w:headerReference w:type="default" r:id="rIdX3"/>'
                      '<w:footerReference w:type="default" r:id="rIdX4"/>')
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", extra + "</Relationships>").encode()
    link = '<w:p><w:hyperlink r:id="rIdX1"><w:r><w:t>See the policy.</w:t></w:r></w:hyperlink></w:p>'
    document, found = re.subn(r"(<w:sectPr\b[^>]*>)", lambda m: link + m.group(1) + references,
                              parts["word/document.xml"].decode(), count=1)
    assert found == 1
    parts["word/document.xml"] = document.encode()
    return zip_parts(path, parts)


# --------------------------------------------------------------------------- PDFs


def pages_pdf(path: Path, pages: int, first_page_text: str | None = None) -> Path:
    """A PDF of ``pages`` blank pages, written by hand (fast even for 100,000
    pages); the first page says ``first_page_text`` in Helvetica if given."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    if first_page_text is not None:
        text = first_page_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content = f"BT /F1 11 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents 4 0 R >>")
        kids.append(len(objects))
    blank = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
    while len(kids) < pages:
        objects.append(blank)
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, b" ".join(b"%d 0 R" % k for k in kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path
