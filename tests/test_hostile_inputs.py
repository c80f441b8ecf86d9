"""Broken and hostile inputs through ``check``, ``report`` and ``annotate``:
each gives one line on standard error naming the file and the cause, exit 3
and no traceback; the good files of the same run are still checked and
reported with their findings; no input is ever changed; nothing is fetched
and no XML entity is expanded.

All files are made here: small, or sparse (the 200 MB file), or compressed
(the zip bombs)."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from policylint.cli import cli
from policylint.extract import ExtractError, document_from_bytes
from tests.helpers import (
    FLAGGED_SENTENCE,
    make_docx,
    make_image_only_pdf,
    make_pdf,
    truncated,
)
from tests.hostile_files import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    PASSWD_MARK,
    document_xml,
    external_relationships_docx,
    forge_size,
    forged_bomb_docx,
    pages_pdf,
    paragraph,
    ratio_bomb_docx,
    remote_dtd,
    replace_part,
    with_doctype,
    zip_parts,
)

MB = 1024 * 1024
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _corrupt_member(path: Path, source: Path) -> Path:
    """The DOCX ``source`` with the compressed bytes of its document part overwritten."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10 : start + 60] = b"\xa5" * 50
    path.write_bytes(bytes(data))
    return path


def _bzip2_docx(path: Path) -> Path:
    return zip_parts(path, {"[Content_Types].xml": b"<Types/>",
                            "word/document.xml": document_xml(paragraph(FLAGGED_SENTENCE))}, zipfile.ZIP_BZIP2)


def _declared_bomb(path: Path) -> Path:
    """Small on disk, but its entry says it inflates to 3 GB."""
    data = zip_parts(path, {"[Content_Types].xml": b"<Types/>",
                            "word/document.xml": document_xml(paragraph(FLAGGED_SENTENCE))}).read_bytes()
    path.write_bytes(forge_size(data, "word/document.xml", 3 * 1024 * MB))
    return path


def _entity_docx(path: Path, doctype: bytes, reference: bytes) -> Path:
    xml = with_doctype(document_xml(paragraph(FLAGGED_SENTENCE)), doctype, reference)
    return zip_parts(path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": xml})


def _deep_docx(path: Path) -> Path:
    body = "<w:sdt><w:sdtContent>" * 15_000 + paragraph(FLAGGED_SENTENCE) + "</w:sdtContent></w:sdt>" * 15_000
    return zip_parts(path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": document_xml(body)})


def _newline_part_docx(path: Path) -> Path:
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="r1" Target="word/evil&#10;name.xml" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/officeDocument"/></Relationships>')
    return zip_parts(path, {"_rels/.rels": rels, "word/document.xml": document_xml(paragraph(FLAGGED_SENTENCE)),
                            "word/evil\nname.xml": b"<broken"})


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _unreadable(path: Path) -> Path:
    path.write_text(FLAGGED_SENTENCE)
    path.chmod(0)
    return path


def _text(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _doctype_in_content_types(path: Path, source: Path) -> Path:
    """A good DOCX but for billion laughs in [Content_Types].xml, a part that
    only annotating reads (python-docx reads every part)."""
    with zipfile.ZipFile(source) as archive:
        types = archive.read("[Content_Types].xml")
    return replace_part(path, source, "[Content_Types].xml", with_doctype(types, BILLION_LAUGHS))


def _scan_folder_with_a_directory_link(folder: Path) -> Path:
    """A folder whose ``dir-link.docx`` is a link to a folder: picked up as a
    file by the folder search, it is refused when read."""
    (folder / "inside").mkdir(parents=True)
    (folder / "dir-link.docx").symlink_to(folder / "inside")
    return folder


# file name -> (builder, what the one-line message says)
BAD = {
    "truncated.docx": (lambda p, src: truncated(p, src["docx"]), "corrupt or truncated"),
    "corrupt.docx": (lambda p, src: _corrupt_member(p, src["docx"]), "corrupt or truncated DOCX file"),
    "truncated.pdf": (lambda p, src: truncated(p, src["pdf"]), "corrupt or truncated PDF"),
    "corrupt.pdf": (lambda p, src: _text(p, b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"),
                    "corrupt or truncated PDF"),
    "bomb-declared.docx": (lambda p, src: _declared_bomb(p), "zip bomb"),
    "bomb-ratio.docx": (lambda p, src: ratio_bomb_docx(p), "zip bomb"),
    "bomb-forged-size.docx": (lambda p, src: forged_bomb_docx(p, 64 * MB, 1000), "corrupt or truncated DOCX file"),
    "bzip2.docx": (lambda p, src: _bzip2_docx(p), "uses zip compression method 12"),
    "entity-file.docx": (lambda p, src: _entity_docx(p, EXTERNAL_ENTITY, b"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"),
                         "a DOCTYPE is not allowed"),
    "entity-http.docx": (lambda p, src: _entity_docx(p, remote_dtd(src["port"]), b""), "a DOCTYPE is not allowed"),
    # (libxml2 stops it as it parses: "Maximum entity amplification factor exceeded")
    "billion-laughs.docx": (lambda p, src: _entity_docx(p, BILLION_LAUGHS, b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"),
                            "invalid XML in /word/document.xml"),
    "deeply-nested.docx": (lambda p, src: _deep_docx(p), "invalid XML in /word/document.xml"),
    # a part name with a line break (from the package's own relationships) stays on one line
    "newline-in-part-name.docx": (lambda p, src: _newline_part_docx(p), "invalid XML in /word/evil name.xml (line 1"),
    "empty.docx": (lambda p, src: zip_parts(p, {"word/document.xml": document_xml("")}), "empty document"),
    "encrypted.pdf": (lambda p, src: make_pdf(p, [FLAGGED_SENTENCE], password="secret"), "encrypted PDF"),
    "image-only.pdf": (lambda p, src: make_image_only_pdf(p), "no text layer: run OCR first"),
    "empty-pages.pdf": (lambda p, src: pages_pdf(p, 1999), "no text layer: run OCR first"),
    "too-many-empty-pages.pdf": (lambda p, src: pages_pdf(p, 5000),
                                 "PDF has too many pages: 5,000 (limit 2,000; see --max-pages)"),
    "too-many-pages.pdf": (lambda p, src: pages_pdf(p, 100_000),
                           "PDF has too many pages: 100,000 (limit 2,000; see --max-pages)"),
    "zero-bytes.txt": (lambda p, src: _text(p, b""), "empty file"),
    "blank.md": (lambda p, src: _text(p, b" \n\n\t\n"), "empty file"),
    "huge.txt": (lambda p, src: _sparse(p, 200 * MB),
                 "file is too large: 200 MB (limit 100 MB; see --max-file-size)"),
    "binary.md": (lambda p, src: _text(p, bytes(range(256)) * 8), "unknown format"),
    "legacy.doc": (lambda p, src: _text(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)), "legacy Word .doc"),
    "rich.docx": (lambda p, src: _text(p, rb"{\rtf1\ansi " + FLAGGED_SENTENCE.encode() + b"}"), "RTF is not supported"),
    "broken-link.md": (lambda p, src: p.symlink_to(p.parent / "gone.md"), "broken symbolic link"),
    "pipe.txt": (lambda p, src: _fifo(p), "not a regular file: a named pipe (FIFO)"),
    "unreadable.txt": (lambda p, src: _unreadable(p), "permission denied"),
    "scan/dir-link.docx": (lambda p, src: _scan_folder_with_a_directory_link(p.parent), "is a directory"),
}

# Files that look odd but are good: read (by their bytes, whatever their
# name) and checked. file name -> (builder, format read)
GOOD = {
    "good.md": (lambda p, src: _text(p, f"# Committees\n\n{FLAGGED_SENTENCE}\n".encode()), "markdown"),
    "docx-named.pdf": (lambda p, src: _text(p, src["docx"].read_bytes()), "docx"),
    "pdf-named.md": (lambda p, src: _text(p, src["pdf"].read_bytes()), "pdf"),
    "utf16-bom.md": (lambda p, src: _text(p, f"# Café rules\n\n{FLAGGED_SENTENCE}\n".encode("utf-16")), "markdown"),
    "utf16-no-bom.txt": (lambda p, src: _text(p, f"Café rules.\n\n{FLAGGED_SENTENCE}\n".encode("utf-16-le")), "text"),
    "latin1.txt": (lambda p, src: _text(p, f"Café rôle.\n\n{FLAGGED_SENTENCE}\n".encode("latin-1")), "text"),
    "utf8-bom.md": (lambda p, src: _text(p, f"# Café\n\n{FLAGGED_SENTENCE}\n".encode("utf-8-sig")), "markdown"),
    "external-links.docx": (lambda p, src: external_relationships_docx(p, p.parent, src["port"]), "docx"),
    "dangling-parts.docx": (lambda p, src: external_relationships_docx(p, p.parent, src["port"], dangling=True),
                            "docx"),
    "mostly-empty-pages.pdf": (lambda p, src: pages_pdf(p, 1999, FLAGGED_SENTENCE), "pdf"),
    "doctype-in-content-types.docx": (lambda p, src: _doctype_in_content_types(p, src["docx"]), "docx"),
}

#: the files ``annotate`` refuses: every bad one, and two that ``check``
#: reads: a DOCX whose [Content_Types].xml has a DOCTYPE (only annotating
#: reads that part) and one whose relationships name parts it does not have
ANNOTATE_REFUSED = {**{name: cause for name, (_, cause) in BAD.items()},
                    "doctype-in-content-types.docx": "a DOCTYPE is not allowed",
                    # python-docx cannot open a package whose parts are missing
                    "dangling-parts.docx": "cannot open this DOCX file for writing (KeyError"}


def _sha(path: Path) -> str:
    """The SHA-256 of a file, with its size, time and mode (which are all a
    FIFO, a link, a folder or the sparse 200 MB file have to compare)."""
    info = path.lstat()
    stamp = f"{info.st_size}:{info.st_mtime_ns}:{info.st_mode:o}"
    if path.is_file() and not path.is_symlink() and 0 < info.st_size < 10 * MB and os.access(path, os.R_OK):
        return stamp + ":" + hashlib.sha256(path.read_bytes()).hexdigest()
    return stamp


class Listener:
    """A TCP port on 127.0.0.1 that nothing should connect to."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]

    def connected(self) -> bool:
        self.sock.settimeout(0.2)
        try:
            self.sock.accept()[0].close()
            return True
        except (TimeoutError, BlockingIOError):
            return False


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Every file of BAD and GOOD, made once, and the port that must stay silent."""
    folder = tmp_path_factory.mktemp("hostile")
    sources = tmp_path_factory.mktemp("sources")
    src = {"docx": make_docx(sources / "source.docx", [FLAGGED_SENTENCE] * 20),
           "pdf": make_pdf(sources / "source.pdf", [FLAGGED_SENTENCE] * 20)}
    listener = Listener()
    src["port"] = listener.port
    paths = {}
    for name, (build, _) in {**BAD, **GOOD}.items():
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        build(path, src)
        paths[name] = path
    yield {"folder": folder, "paths": paths, "listener": listener}
    paths["unreadable.txt"].chmod(0o600)


def _arguments(paths: dict[str, Path]) -> list[str]:
    """Each file once: the scan folder for the directory link, every other file by name."""
    return [str(paths[name].parent) if name.startswith("scan/") else str(paths[name]) for name in {**BAD, **GOOD}]


@pytest.fixture(scope="module")
def guarded():
    """No Python-level network access, and (when running as root, who can read
    anything) ``unreadable.txt`` refused as it would be for anyone else."""
    with pytest.MonkeyPatch.context() as patch:
        def no_network(*args, **kwargs):
            raise AssertionError("policylint tried to open a network connection")

        patch.setattr(socket.socket, "connect", no_network)
        patch.setattr(socket, "create_connection", no_network)
        if IS_ROOT:
            real_open = os.open

            def guarded_open(path, flags, *args, **kwargs):
                if os.fspath(path).endswith("unreadable.txt"):
                    raise PermissionError(13, "Permission denied", os.fspath(path))
                return real_open(path, flags, *args, **kwargs)

            patch.setattr(os, "open", guarded_open)
        yield


def _hashes(paths: dict[str, Path]) -> dict[str, str | None]:
    return {name: _sha(path) for name, path in paths.items()}


@pytest.fixture(scope="module")
def check_run(inputs, guarded, tmp_path_factory):
    """One ``check`` over every file at once, as JSON."""
    before = _hashes(inputs["paths"])
    cache = tmp_path_factory.mktemp("cache")
    result = CliRunner(env={"POLICYLINT_CACHE_DIR": str(cache)}).invoke(
        cli, ["check", *_arguments(inputs["paths"]), "--format", "json"], catch_exceptions=False)
    return {"result": result, "before": before, "after": _hashes(inputs["paths"])}


def _lines_naming(stderr: str, path: Path) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"policylint: {path}:")]


def test_check_exits_3_without_a_traceback(check_run):
    result = check_run["result"]
    assert result.exit_code == 3, result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("name", sorted(BAD))
def test_check_gives_one_line_naming_the_file_and_the_cause(check_run, inputs, name):
    path = inputs["paths"][name]
    lines = _lines_naming(check_run["result"].stderr, path)
    assert len(lines) == 1, check_run["result"].stderr
    assert BAD[name][1] in lines[0]
    errors = [e for e in json.loads(check_run["result"].stdout)["errors"] if e["path"] == str(path)]
    assert len(errors) == 1 and BAD[name][1] in errors[0]["message"]


def test_check_prints_nothing_else_on_standard_error(check_run):
    # no library warnings (pdfminer, pypdf), no second line for any file
    assert len(check_run["result"].stderr.splitlines()) == len(BAD), check_run["result"].stderr


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_files_in_the_same_run_are_checked(check_run, inputs, name):
    data = json.loads(check_run["result"].stdout)
    (entry,) = [f for f in data["files"] if f["path"] == str(inputs["paths"][name])]
    assert entry["format"] == GOOD[name][1]
    assert [f["text"] for f in entry["findings"] if f["rule"] == "PL401"] == ["chairman"] * (
        20 if name in ("docx-named.pdf", "pdf-named.md", "doctype-in-content-types.docx") else 1)


def test_check_changes_no_input(check_run):
    assert check_run["after"] == check_run["before"]


def test_nothing_is_fetched_and_no_entity_is_expanded(check_run, inputs):
    assert not inputs["listener"].connected()
    out = check_run["result"].stdout + check_run["result"].stderr
    if PASSWD_MARK in Path("/etc/passwd").read_text(errors="replace"):
        assert PASSWD_MARK not in out
    assert "lollollol" not in out


def test_report_survives_every_file(inputs, guarded, tmp_path):
    before = _hashes(inputs["paths"])
    out = tmp_path / "audit.html"
    result = CliRunner(env={"POLICYLINT_CACHE_DIR": str(tmp_path / "cache")}).invoke(
        cli, ["report", *_arguments(inputs["paths"]), "--html", str(out)], catch_exceptions=False)
    assert result.exit_code == 3 and "Traceback" not in result.stderr
    for name, (_, cause) in BAD.items():
        lines = _lines_naming(result.stderr, inputs["paths"][name])
        assert len(lines) == 1 and cause in lines[0], (name, result.stderr)
    html = out.read_text()
    for name in GOOD:
        assert inputs["paths"][name].name in html
    assert html.count("chairman") >= len(GOOD)
    assert _hashes(inputs["paths"]) == before
    assert not inputs["listener"].connected()


@pytest.mark.parametrize("name", sorted(ANNOTATE_REFUSED))
def test_annotate_refuses_with_one_line_and_writes_nothing(inputs, guarded, tmp_path, name):
    path = inputs["paths"][name]
    if name.startswith("scan/"):
        path = path.parent / "inside"  # annotate takes one file: a folder is refused
        cause = "is a directory"
    else:
        cause = ANNOTATE_REFUSED[name]
    before = _hashes(inputs["paths"])
    out = tmp_path / "out" / ("copy.pdf" if path.suffix == ".pdf" else "copy.docx")
    out.parent.mkdir()
    result = CliRunner(env={"POLICYLINT_CACHE_DIR": str(tmp_path / "cache")}).invoke(
        cli, ["annotate", str(path), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"policylint: {path}")
    assert cause in result.stderr
    assert list(out.parent.iterdir()) == []  # no copy, no temporary file
    assert _hashes(inputs["paths"]) == before


def test_annotate_copies_a_docx_with_external_links_without_fetching(inputs, guarded, tmp_path):
    path = inputs["paths"]["external-links.docx"]
    before = _sha(path)
    out = tmp_path / "copy.docx"
    result = CliRunner(env={"POLICYLINT_CACHE_DIR": str(tmp_path / "cache")}).invoke(
        cli, ["annotate", str(path), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        content = b"".join(archive.read(info) for info in archive.infolist())
    assert PASSWD_MARK.encode() not in content and b"w:comment " in content
    assert _sha(path) == before
    assert not inputs["listener"].connected()


def test_the_real_program_never_prints_a_traceback(inputs, tmp_path):
    """The console program (no test runner around it), on every file at once."""
    env = {**os.environ, "POLICYLINT_CACHE_DIR": str(tmp_path / "cache")}
    arguments = [a for a in _arguments(inputs["paths"]) if not a.endswith("unreadable.txt") or not IS_ROOT]
    done = subprocess.run([sys.executable, "-m", "policylint", "check", *arguments], capture_output=True,
                          text=True, timeout=600, env=env, check=False)
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    bad = [name for name in BAD if not (IS_ROOT and name == "unreadable.txt")]
    assert len(done.stderr.splitlines()) == len(bad), done.stderr
    assert done.stdout.count("«chairman»") >= len(GOOD)


# --------------------------------------------------------------------------- zip bombs in detail


def test_a_forged_size_is_never_inflated_past_what_it_declares(tmp_path):
    """A member that declares 1,000 bytes but inflates to 200 MB: read a
    piece at a time, so memory stays small, and refused by its checksum.
    (``zipfile.ZipFile.read`` would inflate all 200 MB at once.)"""
    data = forged_bomb_docx(tmp_path / "bomb.docx", 200 * MB, 1000).read_bytes()
    tracemalloc.start()
    try:
        with pytest.raises(ExtractError, match=r"corrupt or truncated DOCX file \(Bad CRC-32"):
            document_from_bytes(data, "bomb.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MB


def test_annotate_refuses_a_docx_with_a_forged_part_that_check_never_reads(tmp_path):
    """The image part is forged; checking never reads it, annotating would
    (python-docx reads every part whole), so annotate refuses first."""
    source = make_docx(tmp_path / "source.docx", [FLAGGED_SENTENCE])
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["word/media/image1.png"] = bytes(50 * MB)
    packed = zip_parts(tmp_path / "packed.docx", parts).read_bytes()
    path = tmp_path / "forged.docx"
    path.write_bytes(forge_size(packed, "word/media/image1.png", 100))
    checked = CliRunner().invoke(cli, ["check", str(path), "--no-cache", "--format", "json"], catch_exceptions=False)
    assert checked.exit_code == 1 and json.loads(checked.stdout)["files"][0]["findings"]
    out = tmp_path / "copy.docx"
    result = CliRunner().invoke(cli, ["annotate", str(path), "-o", str(out), "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 3
    assert result.stderr == (f"policylint: {path}: corrupt or truncated DOCX file "
                             "(Bad CRC-32 for file 'word/media/image1.png')\n")
    assert not out.exists()


def test_bzip2_members_are_refused_before_inflating(tmp_path):
    """zipfile inflates a bzip2 member in one go, however large: refused by method."""
    data = _bzip2_docx(tmp_path / "bzip2.docx").read_bytes()
    with pytest.raises(ExtractError, match=r"uses zip compression method 12 \(Word only uses stored or deflated\)"):
        document_from_bytes(data, "x.docx")


# --------------------------------------------------------------------------- outputs never replace an input


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
@pytest.mark.parametrize("command", ["check", "report", "annotate"])
def test_no_output_is_written_over_an_input_even_by_another_name(tmp_path, command, link):
    source = make_docx(tmp_path / "policy.docx", [FLAGGED_SENTENCE])
    alias = tmp_path / "alias.docx"
    alias.symlink_to(source) if link == "symlink" else os.link(source, alias)
    before = _sha(source)
    arguments = {"check": ["check", str(source), "-o", str(alias)],
                 "report": ["report", str(source), "--html", str(alias)],
                 "annotate": ["annotate", str(source), "-o", str(alias)]}[command]
    result = CliRunner().invoke(cli, [*arguments, "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 2 and "refusing to write" in result.stderr and "over an input" in result.stderr
    assert _sha(source) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.docx", "policy.docx"]  # no temporary file left


def test_an_output_that_is_a_pipe_or_a_device_is_written_to_not_replaced(tmp_path):
    """``-o /dev/null`` once replaced the device with a regular file (the
    output was written next to it and renamed over it)."""
    import stat
    import threading

    good = tmp_path / "good.md"
    good.write_text(f"# Committees\n\n{FLAGGED_SENTENCE}\n")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()), daemon=True)
    reader.start()
    result = CliRunner().invoke(cli, ["check", str(good), "--no-cache", "--format", "json", "-o", str(pipe)],
                                catch_exceptions=False)
    reader.join(30)
    assert result.exit_code == 1 and stat.S_ISFIFO(pipe.lstat().st_mode)
    assert json.loads(received[0])["summary"]["findings"] == 1
    if IS_ROOT:  # a device of our own, like /dev/null
        null = tmp_path / "null"
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        result = CliRunner().invoke(cli, ["report", str(good), "--no-cache", "--html", str(null)],
                                    catch_exceptions=False)
        assert result.exit_code == 1 and stat.S_ISCHR(null.lstat().st_mode)
