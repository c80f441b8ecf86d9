"""Per-document limits: file size, pages, words and time (``policylint.limits``),
as ``read_document`` and ``runner.check_one`` apply them."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from pydantic import ValidationError

from policylint.extract import (
    ExtractError,
    document_from_bytes,
    read_bytes,
    read_document,
)
from policylint.limits import DocumentTimeout, Limits, deadline, format_size
from policylint.result import FileError, FileResult
from policylint.runner import check_files, check_one
from tests.helpers import FLAGGED_SENTENCE
from tests.hostile_files import pages_pdf

MB = 1024 * 1024


def _spin(seconds: float) -> None:
    """Busy Python code (the kind a signal interrupts) for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


# --------------------------------------------------------------------------- the model


def test_defaults_and_zero_means_no_limit():
    limits = Limits()
    assert limits.max_file_size == 100 * MB and limits.max_pages == 2000
    assert limits.max_words == 1_000_000 and limits.timeout == 120
    with pytest.raises(ValidationError):
        Limits(max_pages=-1)
    with pytest.raises(ValidationError):
        Limits(max_wrods=3)
    with pytest.raises(ValidationError):
        limits.timeout = 3  # frozen


@pytest.mark.parametrize(("size", "text"), [
    (0, "0 bytes"), (1, "1 byte"), (1023, "1023 bytes"), (1024, "1 KB"), (1536, "1.5 KB"),
    (100 * MB, "100 MB"), (200 * MB, "200 MB"), (int(2.5 * 1024 * MB), "2.5 GB"), (5000 * 1024 * MB, "5,000 GB"),
])
def test_format_size(size, text):
    assert format_size(size) == text


# --------------------------------------------------------------------------- deadline


def test_deadline_interrupts_a_busy_loop():
    started = time.monotonic()
    with pytest.raises(DocumentTimeout, match=r"took longer than 0.2 s"), deadline(0.2):
        _spin(5)
    assert time.monotonic() - started < 2


def test_deadline_is_not_an_exception_that_handlers_swallow():
    """It arrives anywhere, so ``except Exception`` (say, an extractor turning
    library failures into 'corrupt file') must not catch it."""
    with pytest.raises(DocumentTimeout), deadline(0.1):
        try:
            _spin(5)
        except Exception:  # noqa: BLE001 - what extractors do
            pytest.fail("DocumentTimeout was caught as an Exception")


def test_no_deadline_when_zero_and_nothing_left_behind():
    with deadline(0):
        _spin(0.05)
    before = signal.getsignal(signal.SIGALRM)
    with deadline(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_outer_timer_and_handler_are_put_back():
    fired = []

    def outer(signum, frame):
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.6)
        with deadline(5):
            _spin(0.1)
        assert signal.getsignal(signal.SIGALRM) is outer
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0.2 < left < 0.55
        _spin(1)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_an_outer_timer_due_first_still_fires_inside():
    fired = []

    def outer(signum, frame):
        fired.append(time.monotonic())

    previous = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        started = time.monotonic()
        with pytest.raises(DocumentTimeout), deadline(0.4):
            _spin(3)
        assert len(fired) == 1 and fired[0] - started < 0.35  # the outer handler ran, then ours
        assert time.monotonic() - started < 2
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_nested_deadlines_the_shorter_wins():
    with pytest.raises(DocumentTimeout) as caught, deadline(0.2), deadline(10):
        _spin(5)
    assert caught.value.seconds == 0.2


def test_outside_the_main_thread_the_deadline_does_nothing():
    outcome = []

    def work():
        try:
            with deadline(0.05):
                _spin(0.3)
            outcome.append("finished")
        except BaseException as exc:  # noqa: BLE001
            outcome.append(type(exc).__name__)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["finished"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --------------------------------------------------------------------------- size, pages, words


def _refuse_open(monkeypatch, path, exc: BaseException) -> None:
    real_open = os.open

    def guarded(name, *args, **kwargs):
        if os.fspath(name) == str(path):
            raise exc
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * MB)  # sparse: quick to make
    _refuse_open(monkeypatch, path, AssertionError("the file was opened"))
    with pytest.raises(ExtractError) as caught:
        read_bytes(path)
    assert str(caught.value) == "file is too large: 200 MB (limit 100 MB; see --max-file-size)"


def test_the_size_limit_is_configurable_and_zero_turns_it_off(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text(FLAGGED_SENTENCE * 100)
    with pytest.raises(ExtractError, match=r"file is too large: 5.3 KB \(limit 1 KB; see --max-file-size\)"):
        read_bytes(path, Limits(max_file_size=1024))
    assert read_bytes(path, Limits(max_file_size=0)) == path.read_bytes()
    assert len(read_bytes(path, Limits(max_file_size=len(path.read_bytes())))) == len(path.read_bytes())


def test_data_from_standard_input_has_the_same_size_limit():
    with pytest.raises(ExtractError, match="file is too large"):
        document_from_bytes(FLAGGED_SENTENCE.encode() * 100, "<stdin>", limits=Limits(max_file_size=1000))


@pytest.mark.parametrize(("name", "make", "message"), [
    ("pipe.txt", lambda p: os.mkfifo(p), "not a regular file: a named pipe (FIFO)"),
    ("folder.txt", lambda p: p.mkdir(), "is a directory"),
])
def test_what_is_not_a_regular_file_is_refused_without_blocking(tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    # (opening a FIFO for reading would block until a writer comes)
    with deadline(10), pytest.raises(ExtractError) as caught:
        read_document(path)
    assert str(caught.value) == message


def test_a_device_is_refused():
    with pytest.raises(ExtractError, match="not a regular file: a character device"):
        read_bytes(os.devnull)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(FLAGGED_SENTENCE)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for anyone else
        _refuse_open(monkeypatch, path, PermissionError(13, "Permission denied"))
    with pytest.raises(ExtractError, match="^permission denied: cannot read the file$"):
        read_bytes(path)


def test_the_word_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("word " * 1000)
    assert read_document(path, Limits(max_words=1000)).words == 1000
    with pytest.raises(ExtractError) as caught:
        read_document(path, Limits(max_words=999))
    assert str(caught.value) == "document is too long: 1,000 words (limit 999; see --max-words)"
    assert read_document(path, Limits(max_words=0)).words == 1000


def test_the_page_limit_is_checked_before_any_text_is_read(tmp_path, monkeypatch):
    from policylint.extract import pdf

    path = pages_pdf(tmp_path / "many.pdf", 100_000, FLAGGED_SENTENCE)
    monkeypatch.setattr(pdf, "read_glyphs", lambda *a: pytest.fail("text was read"))
    started = time.monotonic()
    with pytest.raises(ExtractError) as caught:
        read_document(path)
    assert str(caught.value) == "PDF has too many pages: 100,000 (limit 2,000; see --max-pages)"
    assert time.monotonic() - started < 10


def test_page_limit_edges(tmp_path):
    path = pages_pdf(tmp_path / "three.pdf", 3, FLAGGED_SENTENCE)
    assert read_document(path, Limits(max_pages=3)).pages == 3
    assert read_document(path, Limits(max_pages=0)).pages == 3
    with pytest.raises(ExtractError, match=r"PDF has too many pages: 3 \(limit 2; see --max-pages\)"):
        read_document(path, Limits(max_pages=2))


def test_thousands_of_empty_pages_are_quick(tmp_path):
    """5,000 empty pages (allowed by a raised limit): no text, said quickly;
    the same with text on the first page: read quickly."""
    limits = Limits(max_pages=10_000)
    blank = pages_pdf(tmp_path / "blank.pdf", 5000)
    started = time.monotonic()
    with pytest.raises(ExtractError, match="no text layer"):
        read_document(blank, limits)
    text = pages_pdf(tmp_path / "text.pdf", 5000, FLAGGED_SENTENCE)
    document = read_document(text, limits)
    assert document.pages == 5000 and [b.text for b in document.blocks] == [FLAGGED_SENTENCE]
    assert time.monotonic() - started < 15  # about 1 s on the 2-core development machine


# --------------------------------------------------------------------------- check_one


class _Stuck:
    """An engine that never finishes a document."""

    def check(self, document):
        _spin(60)
        return []


class _Broken:
    def __init__(self, exc: BaseException):
        self.exc = exc

    def check(self, document):
        raise self.exc


@pytest.fixture
def good_md(tmp_path):
    path = tmp_path / "good.md"
    path.write_text(f"# Committees\n\n{FLAGGED_SENTENCE}\n")
    return path


def test_a_document_over_the_time_limit_becomes_a_one_line_error(good_md):
    started = time.monotonic()
    result = check_one(_Stuck(), good_md, Limits(timeout=0.5))
    assert result == FileError(path=str(good_md), message="took longer than 0.5 s to check (limit: --timeout)")
    assert time.monotonic() - started < 5
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_slow_extractor_is_stopped_too_and_the_next_file_is_checked(engine, good_md, tmp_path, monkeypatch):
    from policylint.extract import text

    slow = tmp_path / "slow.txt"
    slow.write_text(FLAGGED_SENTENCE)
    real_extract = text.extract
    monkeypatch.setattr(text, "extract", lambda data: _spin(60) or real_extract(data))
    results = list(check_files(engine, [slow, good_md], Limits(timeout=1)))
    assert results[0] == FileError(path=str(slow), message="took longer than 1 s to check (limit: --timeout)")
    assert isinstance(results[1], FileResult) and [f.text for f in results[1].findings] == ["chairman"]


@pytest.mark.parametrize(("exc", "message"), [
    (RuntimeError("boom\nsecond line"), "internal error while checking (RuntimeError: boom second line)"),
    (MemoryError(), "the document is too large to check"),
    (RecursionError("deep"), "the document is nested too deeply to check"),
])
def test_unexpected_failures_become_a_one_line_error(good_md, exc, message):
    assert check_one(_Broken(exc), good_md) == FileError(path=str(good_md), message=message)


def test_keyboard_interrupt_is_not_swallowed(good_md):
    with pytest.raises(KeyboardInterrupt):
        check_one(_Broken(KeyboardInterrupt()), good_md)


def test_check_one_reads_standard_input_bytes(engine):
    result = check_one(engine, "<stdin>.md", data=f"# Committees\n\n{FLAGGED_SENTENCE}\n".encode())
    assert isinstance(result, FileResult) and result.path == "<stdin>.md" and result.format == "markdown"
    assert [f.text for f in result.findings] == ["chairman"]
