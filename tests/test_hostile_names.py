"""File names that are not plain text: bytes that are not UTF-8, control
characters (terminal escapes), new lines, and names longer than the system
allows. Each is shown in one escaped form in every output, every error stays
one line, and the other files are still checked."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from policylint.names import shown
from reliability import GOOD_FINDINGS, GOOD_TEXT, digests, one_error, only_lines, run, write_good

NON_UTF8 = b"\xff\xfe.txt"
ESCAPES = b"\x1b[31mRED\x1b]0;pwned\x07.txt"
NEWLINE = b"two\nlines.txt"

pytestmark = pytest.mark.skipif(os.name == "nt", reason="these names are POSIX file names")


def _make(folder: Path, raw: bytes) -> bytes:
    path = os.path.join(os.fsencode(folder), raw)
    with open(path, "wb") as handle:
        handle.write(GOOD_TEXT.encode())
    return raw


def test_shown_escapes_what_is_not_visible_text():
    assert shown(os.fsdecode(NON_UTF8)) == "\\xff\\xfe.txt"
    assert shown(os.fsdecode(ESCAPES)) == "\\x1b[31mRED\\x1b]0;pwned\\x07.txt"
    assert shown("two\nlines\t.txt") == "two\\nlines\\t.txt"
    assert shown("right-to-left \u202etxt.exe") == "right-to-left \\u202etxt.exe"
    assert shown("Überstunden – Regeln.md") == "Überstunden – Regeln.md"


@pytest.mark.parametrize("raw, visible", [(NON_UTF8, "\\xff\\xfe.txt"),
                                          (ESCAPES, "\\x1b[31mRED\\x1b]0;pwned\\x07.txt"),
                                          (NEWLINE, "two\\nlines.txt")])
@pytest.mark.parametrize("fmt", ["text", "json", "csv", "sarif"])
def test_every_format_shows_the_name_escaped(tmp_path, raw, visible, fmt):
    _make(tmp_path, raw)
    write_good(tmp_path)
    before = digests(os.path.join(os.fsencode(tmp_path), raw), tmp_path / "good.txt")
    done = run(["check", raw, "good.txt", "--no-cache", "--format", fmt, "-o", "out"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr.decode()
    out = (tmp_path / "out").read_bytes()
    assert b"\x1b" not in out and b"\xff" not in out and b"\x07" not in out
    text = out.decode("utf-8")
    if fmt == "json":
        paths = [file["path"] for file in json.loads(text)["files"]]
        assert paths == sorted([visible, "good.txt"], key=lambda p: [visible, "good.txt"].index(p))
        assert all(len(file["findings"]) == GOOD_FINDINGS for file in json.loads(text)["files"])
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert sorted({row["path"] for row in rows}) == sorted({visible, "good.txt"})
    elif fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(text)["runs"][0]["results"]}
        assert "good.txt" in uris and len(uris) == 2
    else:
        assert visible in text.splitlines()
    assert digests(os.path.join(os.fsencode(tmp_path), raw), tmp_path / "good.txt") == before


@pytest.mark.parametrize("raw", [NON_UTF8, ESCAPES, NEWLINE])
def test_the_html_report_shows_the_name_escaped(tmp_path, raw):
    _make(tmp_path, raw)
    write_good(tmp_path)
    done = run(["report", raw, "good.txt", "--no-cache", "--html", "audit.html"], tmp_path)
    assert done.returncode == 1, done.stderr
    html = (tmp_path / "audit.html").read_bytes()
    assert b"\x1b" not in html and b"\xff" not in html and b"\x07" not in html
    assert shown(os.fsdecode(raw)).encode() in html and b"good.txt" in html


@pytest.mark.parametrize("raw", [b"missing-\xff.txt", b"missing-\x1b]0;pwned\x07.txt", b"missing\nsecond line.txt",
                                 b"missing\r\nthird.txt"])
def test_an_error_about_a_hostile_name_is_one_escaped_line(tmp_path, raw):
    write_good(tmp_path)
    done = run(["check", raw, "good.txt", "--no-cache"], tmp_path)
    assert done.returncode == 3
    assert b"\x1b" not in done.stderr and b"\x07" not in done.stderr and b"\xff" not in done.stderr
    line = one_error(done, "no such file")
    assert line == f"policylint: {shown(os.fsdecode(raw))}: no such file"
    assert len(only_lines(done)) == 1
    assert b"good.txt" in done.stdout  # the good file is still reported


def test_the_terminal_never_gets_a_control_character_from_a_name(tmp_path):
    _make(tmp_path, ESCAPES)
    done = run(["check", ESCAPES, "--no-cache", "--color", "never"], tmp_path)
    assert done.returncode == 1
    assert b"\x1b" not in done.stdout + done.stderr and b"\x07" not in done.stdout + done.stderr


def test_a_name_longer_than_the_system_allows_is_reported_for_that_file_alone(tmp_path):
    write_good(tmp_path)
    long_name = "a" * 300 + ".txt"
    nested = "folder/" + "b" * 300 + ".md"
    (tmp_path / "folder").mkdir()
    done = run(["check", long_name, "good.txt", nested, "--no-cache", "--format", "json"], tmp_path)
    assert done.returncode == 3
    one_error(done, long_name, "longer than the system allows")
    one_error(done, "b" * 300, "longer than the system allows")
    assert len(only_lines(done)) == 2
    data = json.loads(done.stdout)
    assert [file["path"] for file in data["files"]] == ["good.txt"]
    assert len(data["files"][0]["findings"]) == GOOD_FINDINGS


def test_an_output_name_longer_than_the_system_allows(tmp_path):
    write_good(tmp_path)
    done = run(["check", "good.txt", "--no-cache", "-o", "c" * 300 + ".json"], tmp_path)
    assert done.returncode == 2
    one_error(done, "file name too long")
    assert len(only_lines(done)) == 1
