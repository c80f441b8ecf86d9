"""Limits that keep one hostile or broken document from stalling a run.

``Limits`` holds the maximum file size, pages, words and seconds per
document (0 means no limit for each). ``read_document`` enforces the first
three; ``runner.check_one`` runs each document under ``deadline(timeout)``.

``deadline`` uses ``SIGALRM`` (``signal.setitimer(ITIMER_REAL)``), so it can
only interrupt code that returns to the Python interpreter now and then:
every extractor and the engine do, but a single C call that never returns
(a library stuck in a loop) is not interrupted. Signals can only be handled
in the main thread of the main interpreter; anywhere else (a worker thread)
``deadline`` does nothing, so run parallel checks in processes, not threads,
to keep the time limit.
"""

from __future__ import annotations

import contextlib
import signal
import time
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

MIB = 1024 * 1024


class Limits(BaseModel):
    """Per-document limits; 0 turns a limit off."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    max_file_size: int = Field(100 * MIB, ge=0, description="Largest input file, in bytes.")
    max_pages: int = Field(2000, ge=0, description="Most pages in a PDF.")
    max_words: int = Field(1_000_000, ge=0, description="Most words in one document.")
    timeout: float = Field(120.0, ge=0, description="Seconds to read and check one document.")
    max_memory: int = Field(2 * 1024 * MIB, ge=0, description="Bytes of memory a worker process may add while "
                                                              "checking one document (``memory``).")


class DocumentTimeout(BaseException):
    """A document took longer than its time limit.

    A ``BaseException`` (like ``KeyboardInterrupt``), because it arrives
    asynchronously, wherever the code happens to be: the ``except Exception``
    handlers that turn library failures into one-line errors must not catch
    it and call it a corrupt file."""

    def __init__(self, seconds: float):
        super().__init__(f"took longer than {format_seconds(seconds)} to check")
        self.seconds = seconds


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the block once ``seconds`` have passed.

    ``seconds`` of 0 (or less) means no limit. Outside the main thread of
    the main interpreter this does nothing (see the module docstring). The
    previous ``SIGALRM`` handler and any timer already running are put back
    afterwards; an outer timer that falls due inside the block calls its own
    handler then (when that is a Python function).
    """
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return
    state = {"active": True, "outer_due": 0.0}
    started = time.monotonic()

    def on_alarm(signum, frame):
        if not state["active"]:
            return
        elapsed = time.monotonic() - started
        if not state["outer_due"] or elapsed >= seconds - 0.001:
            raise DocumentTimeout(seconds)
        state["outer_due"] = 0.0  # the outer timer fell due first: its handler, then on with ours
        signal.setitimer(signal.ITIMER_REAL, seconds - elapsed)
        if callable(previous):
            previous(signum, frame)

    try:
        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not the main thread of the main interpreter: no signals here
        state["active"] = False
    if not state["active"]:
        yield
        return
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, 0)
    state["outer_due"] = outer_delay
    try:
        signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_delay) if outer_delay else seconds)
        yield
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if state["outer_due"]:
            left = state["outer_due"] - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer_interval)
        elif outer_delay and outer_interval:
            signal.setitimer(signal.ITIMER_REAL, outer_interval, outer_interval)


def format_size(size: int) -> str:
    """A file size for people, in binary units: ``512 bytes``, ``12 KB``, ``200 MB``, ``1.5 GB``."""
    if size < 1024:
        return f"{size} byte{'' if size == 1 else 's'}"
    value, unit = size / 1024, "KB"
    for bigger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{value:,.1f}".removesuffix(".0") + f" {unit}"


def format_seconds(seconds: float) -> str:
    return f"{seconds:g} s"
