"""Helpers for the tests of the auditor outputs (annotated DOCX/PDF, HTML, CSV):
fixtures for LibreOffice and headless Chromium, a small DOCX with findings in
every kind of place, and readers for what the annotated files contain."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part as OpcPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from policylint.cli import cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def check_json(path: Path) -> list[dict]:
    """The findings of ``policylint check --format json`` on one file."""
    result = run("check", path, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["files"][0]["findings"]


# --------------------------------------------------------------------------- programs


#: how to get the programs the auditor tests drive (they are never installed by the tests)
INSTALL_HINT = "install it with: apt-get install chromium libreoffice-writer (as .ci/run does)"


def find_chromium() -> str | None:
    """Debian's headless Chromium, if it is installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def libreoffice() -> str:
    """The libreoffice program; the test is skipped when it is not installed."""
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if found is None:
        pytest.skip(f"LibreOffice is not installed; {INSTALL_HINT}")
    return found


def convert_to_pdf(office: str, source: Path, outdir: Path) -> Path:
    """Convert with LibreOffice, exporting comments as PDF notes."""
    options = '{"ExportNotes":{"type":"boolean","value":"true"}}'
    done = subprocess.run(
        [office, f"-env:UserInstallation=file://{outdir}/profile", "--headless",
         "--convert-to", f"pdf:writer_pdf_Export:{options}", "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    target = outdir / (source.stem + ".pdf")
    assert done.returncode == 0 and target.exists(), done.stdout + done.stderr
    return target


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's), driven by Playwright; the test is skipped
    when Chromium is not installed."""
    chromium = find_chromium()
    if chromium is None:
        pytest.skip(f"Chromium is not installed; {INSTALL_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


# --------------------------------------------------------------------------- a small DOCX


def make_rich_docx(path: Path) -> Path:
    """A DOCX with findings in split runs, one run holding two findings, a table
    cell, a header, a footer and a footnote (all PL401, gendered job titles)."""
    doc = docx.Document()
    doc.add_heading("Committees", level=1)
    p = doc.add_paragraph("The ")
    p.add_run("chair").bold = True  # "chairman" spans two runs with different formatting
    p.add_run("man of the committee signs off every request.")
    p = doc.add_paragraph()
    p.add_run("Each foreman records the man-hours worked by the crew.").italic = True
    p = doc.add_paragraph("Questions go to your line manager")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                          '<w:footnoteReference w:id="1"/></w:r>'))
    p.add_run(" as a first step.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Role", "Band"
    table.cell(1, 0).text, table.cell(1, 1).text = "Senior Salesman", "B2"
    doc.add_paragraph("Everyone is welcome at the annual meeting.")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Approved by the chairman of the board"
    section.footer.paragraphs[0].text = "Ask a foreman for a printed copy"
    add_footnotes(doc, {1: "The chairman answers questions about this policy."})
    doc.save(path)
    return path


def add_footnotes(doc, notes: dict[int, str]) -> None:
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for i, text in notes.items()
    )
    xml = (f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
           '<w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0">'
           f'<w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{body}</w:footnotes>')
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = OpcPart(PackURI("/word/footnotes.xml"), content_type, xml.encode(), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


# --------------------------------------------------------------------------- reading DOCX XML


def docx_parts(path: Path) -> dict[str, etree._Element]:
    """Every XML part of a DOCX, by name (``word/document.xml`` ...)."""
    with zipfile.ZipFile(path) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith(".xml") and name.startswith("word/")}


def comments(parts: dict[str, etree._Element]) -> dict[str, str]:
    """Comment id -> comment text (paragraphs joined with newlines)."""
    root = parts.get("word/comments.xml")
    if root is None:
        return {}
    return {c.get(w("id")): "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in c.iter(w("p")))
            for c in root.iter(w("comment"))}


def anchored(root: etree._Element) -> dict[str, dict]:
    """For each comment range in a part: the text between its start and end
    (``text``: as the document reads without the tracked changes, i.e. deleted
    text counted and inserted text left out; the text of a text box only when
    the range is inside it), the paragraphs its runs are in, and its start
    marker (``start``)."""
    open_ranges: dict[str, dict] = {}
    done: dict[str, dict] = {}
    for el in root.iter():
        tag = el.tag
        if tag == w("commentRangeStart"):
            open_ranges[el.get(w("id"))] = {"text": "", "paragraphs": set(), "start": el}
        elif tag == w("commentRangeEnd"):
            done[el.get(w("id"))] = open_ranges.pop(el.get(w("id")))
        elif tag in (w("t"), w("delText")) and not _inside(el, w("ins")):
            boxed = _inside(el, w("txbxContent"))
            for item in open_ranges.values():
                if not boxed or _inside(item["start"], w("txbxContent")):
                    item["text"] += el.text or ""
        elif tag in (w("r"),) and open_ranges:
            p = next(el.iterancestors(w("p")), None)
            for item in open_ranges.values():
                item["paragraphs"].add(p)
    return done


def _inside(el: etree._Element, tag: str) -> bool:
    return any(a.tag == tag for a in el.iterancestors())


def reject_all(source: Path, target: Path) -> Path:
    """A copy of a DOCX with every tracked change rejected: insertions removed,
    deletions restored."""
    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    for name, data in members.items():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        root = etree.fromstring(data)
        for ins in list(root.iter(w("ins"))):
            if ins.getparent() is not None and ins.getparent().tag != w("rPr"):
                ins.getparent().remove(ins)
        for deletion in list(root.iter(w("del"))):
            parent = deletion.getparent()
            if parent is None or parent.tag == w("rPr"):
                continue
            index = list(parent).index(deletion)
            for child in reversed(list(deletion)):
                parent.insert(index, child)
            parent.remove(deletion)
        for text in root.iter(w("delText")):
            text.tag = w("t")
        members[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def tracked(findings: list[dict]) -> list[dict]:
    """The findings ``--suggest-changes`` writes as tracked changes: a direct
    replacement that overlaps no other finding of its block."""
    def overlaps(a: dict, b: dict) -> bool:
        return (a["location"]["paragraph"] == b["location"]["paragraph"]
                and a["location"]["start"] < b["location"]["end"] and b["location"]["start"] < a["location"]["end"])

    return [f for f in findings
            if f["suggestion"] and f["suggestion"]["action"] == "replace"
            and not any(overlaps(f, g) for g in findings if g is not f)]


def apply_replacements(text: str, findings: list[dict]) -> str:
    """``text`` with the replacements of ``findings`` (all in this block) made."""
    for finding in sorted(findings, key=lambda f: -f["suggestion"]["start"]):
        s = finding["suggestion"]
        text = text[:s["start"]] + s.get("text", "") + text[s["end"]:]
    return text
