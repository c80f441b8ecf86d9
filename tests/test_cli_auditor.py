"""The ``annotate`` command's refusals and exit codes, and the annotated-copy
formatters used through ``check --format``."""

from __future__ import annotations

import subprocess
import sys

from tests.auditor import run
from tests.conftest import SAMPLES
from tests.helpers import FLAGGED_SENTENCE, make_docx, make_pdf, truncated


def test_markdown_and_text_are_not_annotated(tmp_path):
    doc = tmp_path / "policy.md"
    doc.write_text(f"# Committees\n\n{FLAGGED_SENTENCE}\n")
    result = run("annotate", doc, "-o", tmp_path / "out.md")
    assert result.exit_code == 2
    assert "annotate supports .docx and .pdf files" in result.stderr
    assert not (tmp_path / "out.md").exists()


def test_refuses_to_write_over_the_input(tmp_path):
    doc = make_docx(tmp_path / "policy.docx", [FLAGGED_SENTENCE])
    before = doc.read_bytes()
    result = run("annotate", doc, "-o", doc)
    assert result.exit_code == 2 and "refusing to write over an input file" in result.stderr
    assert doc.read_bytes() == before


def test_unreadable_input_is_one_line_and_exit_3(tmp_path):
    missing = run("annotate", tmp_path / "nope.docx", "-o", tmp_path / "out.docx")
    assert missing.exit_code == 3
    assert missing.stderr == f"policylint: {tmp_path / 'nope.docx'}: no such file\n"
    broken = truncated(tmp_path / "broken.docx", SAMPLES / "handbook.docx")
    result = run("annotate", broken, "-o", tmp_path / "out.docx")
    assert result.exit_code == 3 and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.docx"]  # no output, no temp file


def test_no_traceback_from_the_real_program(tmp_path):
    done = subprocess.run([sys.executable, "-m", "policylint", "annotate", str(tmp_path / "nope.pdf"),
                           "-o", str(tmp_path / "out.pdf")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_output_must_match_the_input_format(tmp_path):
    doc = make_docx(tmp_path / "policy.docx", [FLAGGED_SENTENCE])
    result = run("annotate", doc, "-o", tmp_path / "policy.pdf")
    assert result.exit_code == 2 and "must end in .docx" in result.stderr
    pdf = run("annotate", SAMPLES / "handbook.pdf", "-o", tmp_path / "x.pdf", "--suggest-changes")
    assert pdf.exit_code == 2 and "--suggest-changes is for .docx" in pdf.stderr


def test_fail_on_gives_exit_1_and_still_writes_the_copy(tmp_path):
    doc = make_docx(tmp_path / "policy.docx", [FLAGGED_SENTENCE])
    out = tmp_path / "reviewed.docx"
    result = run("annotate", doc, "-o", out, "--fail-on", "warning")
    assert result.exit_code == 1 and out.exists()
    assert "Annotated copy: 1 comment." in result.stderr


def test_check_format_annotated_docx_takes_one_docx(tmp_path):
    doc = make_docx(tmp_path / "policy.docx", [FLAGGED_SENTENCE])
    out = tmp_path / "reviewed.docx"
    one = run("check", doc, "--format", "annotated-docx", "-o", out)
    assert one.exit_code == 1 and out.read_bytes().startswith(b"PK")
    two = run("check", doc, SAMPLES / "handbook.docx", "--format", "annotated-docx", "-o", tmp_path / "two.docx")
    assert two.exit_code == 2 and "give one input file" in two.stderr
    assert not (tmp_path / "two.docx").exists()
    pdf = run("check", SAMPLES / "handbook.pdf", "--format", "annotated-docx", "-o", tmp_path / "three.docx")
    assert pdf.exit_code == 2 and "annotates .docx files; this is pdf" in pdf.stderr


def test_encrypted_pdfs_are_not_annotated(tmp_path):
    owner_only = make_pdf(tmp_path / "owner.pdf", [FLAGGED_SENTENCE], password="")  # readable, but encrypted
    result = run("annotate", owner_only, "-o", tmp_path / "owner.reviewed.pdf")
    assert result.exit_code == 3
    assert result.stderr == f"policylint: {owner_only}: encrypted PDF: remove the password to annotate it\n"
    assert not (tmp_path / "owner.reviewed.pdf").exists()
