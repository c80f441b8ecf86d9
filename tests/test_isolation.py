"""One document's crash or memory blow-up loses nothing else: every document
is parsed in a forked process (never in the one that collects the results),
``--max-memory`` limits each, and a process that dies is one error line."""

from __future__ import annotations

import json
import os
import signal

import pytest
from click.testing import CliRunner

from benchmarks.pathological import content_stream_bomb
from policylint import batch, runner
from policylint.cli import cli
from policylint.isolation import Death, describe_death, run_alone
from reliability import GOOD_FINDINGS, digests, one_error, only_lines, run, write_good

pytestmark = pytest.mark.skipif(not batch._FORK, reason="crash isolation needs fork")


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    """A 0.1 MB PDF that draws a 128 MiB stream eight times (1 GiB inflated)."""
    folder = tmp_path_factory.mktemp("bomb")
    (folder / "bomb.pdf").write_bytes(content_stream_bomb(128))
    return folder / "bomb.pdf"


@pytest.mark.parametrize("others", [0, 1, 2])
def test_a_decompression_bomb_under_a_memory_limit_is_one_line(tmp_path, bomb, others):
    """Alone, beside one file (still one process per file) and beside two (a pool)."""
    (tmp_path / "bomb.pdf").write_bytes(bomb.read_bytes())
    names = [write_good(tmp_path, f"good{i}.txt").name for i in range(others)]
    before = digests(tmp_path / "bomb.pdf", *(tmp_path / n for n in names))
    done = run(["check", "bomb.pdf", *names, "--no-cache", "--format", "json", "--max-memory", "300MiB",
                "--jobs", "2"], tmp_path)
    assert done.returncode == 3
    line = one_error(done, "bomb.pdf")
    assert "--max-memory" in line or "too large" in line, line
    assert len(only_lines(done)) == 1
    data = json.loads(done.stdout)
    assert [f["path"] for f in data["files"]] == names
    assert all(len(f["findings"]) == GOOD_FINDINGS for f in data["files"])
    assert digests(tmp_path / "bomb.pdf", *(tmp_path / n for n in names)) == before


def test_the_bomb_is_lost_alone_when_the_other_files_come_from_the_cache(tmp_path, bomb):
    (tmp_path / "bomb.pdf").write_bytes(bomb.read_bytes())
    write_good(tmp_path)
    assert run(["check", "good.txt"], tmp_path).returncode == 1  # now in the cache
    done = run(["check", "good.txt", "bomb.pdf", "--format", "json", "--max-memory", "300MiB"], tmp_path)
    assert done.returncode == 3
    one_error(done, "bomb.pdf")
    assert len(only_lines(done)) == 1
    assert [f["path"] for f in json.loads(done.stdout)["files"]] == ["good.txt"]


def _crash_on(name: str, how: int):
    real = runner.check_one

    def check_one(engine, path, limits=None, data=None):
        if str(path).endswith(name):
            os.kill(os.getpid(), how)  # what a C library that crashes does to its process
        return real(engine, path, limits, data=data)

    return check_one


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("how", [signal.SIGSEGV, signal.SIGABRT])
def test_a_crashing_library_loses_only_its_file(tmp_path, monkeypatch, jobs, how):
    for name in ("a.txt", "crash.txt", "c.txt"):
        write_good(tmp_path, name)
    monkeypatch.setattr(runner, "check_one", _crash_on("crash.txt", how))
    result = CliRunner().invoke(cli, ["check", *(str(tmp_path / n) for n in ("a.txt", "crash.txt", "c.txt")),
                                      "--no-cache", "--format", "json", "--jobs", jobs, "--max-memory", "0"])
    assert result.exit_code == 3, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("policylint:")]
    assert errors == [f"policylint: {tmp_path / 'crash.txt'}: the process checking this file stopped unexpectedly "
                      f"(killed by {signal.Signals(how).name}; a library crashed on it)"]
    data = json.loads(result.stdout)
    assert [os.path.basename(f["path"]) for f in data["files"]] == ["a.txt", "c.txt"]


def test_a_single_file_is_never_parsed_in_the_main_process(tmp_path, monkeypatch):
    write_good(tmp_path)
    main = os.getpid()
    real = runner.check_one
    seen = []

    def check_one(*args, **kwargs):
        seen.append(os.getpid())
        assert os.getpid() != main
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "check_one", check_one)
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "good.txt"), "--no-cache"])
    assert result.exit_code == 1, result.output
    assert seen == []  # it ran in the child, whose list is its own


def test_run_alone_hands_back_a_result_or_how_the_child_died():
    assert run_alone(lambda n: n * 2, 21, 0) == 42
    died = run_alone(lambda n: os.kill(os.getpid(), signal.SIGSEGV), 0, 0)
    assert isinstance(died, Death) and died.signal == signal.SIGSEGV
    with pytest.raises(MemoryError):  # past the child's limit; raised again here, as a pool does
        run_alone(lambda n: bytearray(n).count(1), 256 << 20, 32 << 20)
    with pytest.raises(ValueError, match="a bug"):
        run_alone(lambda n: int("a bug"), 0, 0)


def test_describe_death():
    assert "--max-memory" in describe_death(Death(signal=signal.SIGABRT, exit_code=None, grown=900 << 20), 1 << 30)
    assert describe_death(Death(signal=signal.SIGSEGV, exit_code=None, grown=0), 1 << 30) == \
        "the process checking this file stopped unexpectedly (killed by SIGSEGV; a library crashed on it)"
    assert "exit status 70" in describe_death(Death(signal=None, exit_code=70, grown=0), 0)
