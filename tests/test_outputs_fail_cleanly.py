"""Every output that cannot be written is one line and exit 2, with nothing
partial left behind: a missing folder, a folder named as the file, a full
disk (``/dev/full``), a named pipe nobody reads, a target that cannot be
replaced; standard output on a full disk too."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from policylint.cli import cli
from reliability import GOOD_FINDINGS, digests, one_error, only_lines, run, write_good
from helpers import FLAGGED_SENTENCE, make_docx

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
HAS_DEV_FULL = Path("/dev/full").exists()


def _outputs(tmp_path: Path, target: str) -> dict[str, list[str]]:
    return {"check": ["check", "good.txt", "-o", target],
            "report": ["report", "good.txt", "--html", target],
            "annotate": ["annotate", "policy.docx", "-o", target + (".docx" if not target.startswith("/") else "")]}


@pytest.fixture
def inputs(tmp_path):
    make_docx(tmp_path / "policy.docx", [FLAGGED_SENTENCE])
    write_good(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", ["check", "report", "annotate"])
def test_an_output_in_a_folder_that_does_not_exist(inputs, command):
    before = digests(inputs / "good.txt", inputs / "policy.docx")
    done = run(_outputs(inputs, "missing/out")[command] + ["--no-cache"], inputs)
    assert done.returncode == 2
    assert one_error(done, "missing/out", "the folder missing does not exist")
    assert only_lines(done) == [one_error(done)]
    assert not (inputs / "missing").exists()
    assert digests(inputs / "good.txt", inputs / "policy.docx") == before


@pytest.mark.parametrize("command", ["check", "report", "annotate"])
def test_an_output_that_names_a_folder_is_one_line(inputs, command):
    (inputs / "out").mkdir()
    (inputs / "out.docx").mkdir()
    done = run(_outputs(inputs, "out")[command] + ["--no-cache"], inputs)
    assert done.returncode == 2
    assert len(only_lines(done)) == 1, done.stderr
    one_error(done, "is a folder")
    assert list((inputs / "out").iterdir()) == []


@pytest.mark.skipif(not HAS_DEV_FULL, reason="this system has no /dev/full")
@pytest.mark.parametrize("command", ["check", "report", "annotate"])
def test_an_output_on_a_full_disk(inputs, command):
    before = digests(inputs / "good.txt", inputs / "policy.docx")
    done = run(_outputs(inputs, "/dev/full")[command] + ["--no-cache"], inputs)
    assert done.returncode == 2, done.stderr
    one_error(done, "/dev/full", "no space left on device")
    assert len(only_lines(done)) == 1, done.stderr
    assert digests(inputs / "good.txt", inputs / "policy.docx") == before


@pytest.mark.skipif(not HAS_DEV_FULL, reason="this system has no /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_standard_output_on_a_full_disk(inputs, fmt):
    with open("/dev/full", "w") as full:
        done = run(["check", "good.txt", "--no-cache", "--format", fmt], inputs, stdout=full)
    assert done.returncode == 2, done.stderr
    one_error(done, "standard output", "no space left on device")
    assert len(only_lines(done)) == 1, done.stderr


def test_a_named_pipe_that_nobody_reads_is_refused_at_once(inputs):
    os.mkfifo(inputs / "pipe")
    started = time.monotonic()
    done = run(["check", "good.txt", "--no-cache", "-o", "pipe"], inputs, timeout=120)
    assert done.returncode == 2
    one_error(done, "pipe", "a named pipe that nothing is reading from")
    assert len(only_lines(done)) == 1
    assert stat.S_ISFIFO((inputs / "pipe").lstat().st_mode)
    assert time.monotonic() - started < 100


def test_annotate_onto_a_named_pipe_nobody_reads(inputs):
    os.mkfifo(inputs / "copy.docx")
    done = run(["annotate", "policy.docx", "-o", "copy.docx", "--no-cache"], inputs, timeout=120)
    assert done.returncode == 2
    one_error(done, "copy.docx", "a named pipe that nothing is reading from")


def test_a_socket_is_no_output(inputs):
    import socket

    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(inputs / "sock"))
        done = run(["check", "good.txt", "--no-cache", "-o", "sock"], inputs)
    assert done.returncode == 2
    one_error(done, "sock", "cannot write a report to a socket")


def _listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_target_that_cannot_be_replaced_is_kept_and_no_temporary_file_is_left(inputs, monkeypatch):
    """An immutable file (``chattr +i``) cannot be renamed over: simulated, since
    only root may set the attribute and not every file system has it."""
    target = inputs / "copy.docx"
    target.write_bytes(b"the previous copy")
    listing = _listing(inputs)

    def refuse(source, destination):
        raise PermissionError(1, "Operation not permitted", str(destination))

    monkeypatch.setattr(os, "replace", refuse)
    result = CliRunner().invoke(cli, ["annotate", str(inputs / "policy.docx"), "-o", str(target), "--no-cache"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("policylint:")]
    assert lines == [f"policylint: {target}: cannot write the report: operation not permitted"]
    assert target.read_bytes() == b"the previous copy"
    assert _listing(inputs) == listing


@pytest.mark.skipif(IS_ROOT, reason="root may write into a read-only folder")
def test_a_read_only_folder(inputs):
    folder = inputs / "locked"
    folder.mkdir()
    (folder / "copy.docx").write_bytes(b"kept")
    folder.chmod(0o555)
    try:
        done = run(["annotate", "policy.docx", "-o", "locked/copy.docx", "--no-cache"], inputs)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2
    one_error(done, "locked/copy.docx", "permission denied")
    assert _listing(folder) == ["copy.docx"] and (folder / "copy.docx").read_bytes() == b"kept"


def test_a_written_report_has_the_usual_permissions(inputs):
    old = os.umask(0o022)
    os.umask(old)
    done = run(["check", "good.txt", "--no-cache", "--format", "json", "-o", "out.json"], inputs)
    assert done.returncode == 1, done.stderr
    assert stat.S_IMODE((inputs / "out.json").stat().st_mode) == 0o666 & ~old
    assert json.loads((inputs / "out.json").read_text())["summary"]["findings"] == GOOD_FINDINGS
