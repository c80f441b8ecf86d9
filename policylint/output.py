"""Writing output files safely: atomically, never over an input, and failing
in one line.

Every problem with an output (its folder is missing, it names a folder, a
named pipe nobody reads, the disk is full, the target cannot be replaced) is
an ``OutputFailed``: Click prints it as one line, ``policylint: ...``, and
exits with 2. Whatever was being written is thrown away, so nothing partial
is left behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click

from policylint.exitcodes import ExitCode


class OutputFailed(click.ClickException):
    """An output cannot be written; shown as one line, exit 2."""

    exit_code = ExitCode.USAGE

    def __init__(self, path: Path | str | None, problem: str):
        where = "standard output" if path is None else str(path)
        super().__init__(f"{where}: {problem}")

    @classmethod
    def from_os(cls, path: Path | str | None, exc: OSError) -> OutputFailed:
        reason = (exc.strerror or str(exc)).lower()
        return cls(path, f"cannot write the report: {reason}")

    def show(self, file=None) -> None:
        from policylint.cli_common import error

        error(self.message)


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_target(path: Path, inputs: list[Path] = (), what: str = "") -> None:
    """Raise ``OutputFailed`` when ``path`` cannot be an output: it is (or leads
    to) an input, it is a folder, or its folder does not exist (``what``, e.g.
    "the report ", names the output in the message). Called before
    any input is checked, so a bad output path costs nothing."""
    for given in inputs:
        with contextlib.suppress(OSError, ValueError):
            if same_file(path, given) or path.resolve() == given.resolve():
                raise OutputFailed(path, f"refusing to write {what}over an input file")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if path.is_dir():
            raise OutputFailed(path, "is a folder: give a file name")
        if not folder.is_dir():
            raise OutputFailed(path, f"the folder {folder} does not exist")
    except OSError as exc:  # a name too long, a loop of links, ...
        raise OutputFailed.from_os(path, exc) from None


class _Guarded:
    """A stream whose write errors (disk full, device gone) are ``OutputFailed``."""

    def __init__(self, stream, path: Path | None):
        self._stream = stream
        self._path = path

    def _call(self, method: str, *args):
        try:
            return getattr(self._stream, method)(*args)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader went away (``| head``): Click ends quietly
            raise OutputFailed.from_os(self._path, exc) from None

    def write(self, data):
        return self._call("write", data)

    def writelines(self, lines):
        return self._call("writelines", lines)

    def flush(self) -> None:
        self._call("flush")

    @property
    def buffer(self):
        return _Guarded(self._stream.buffer, self._path)  # AttributeError when there is none

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def atomic_output(path: Path | None) -> Iterator[TextIO]:
    """Yield standard output, or a temporary file next to ``path`` that
    replaces ``path`` only once everything has been written. A ``path`` that
    is a character device or a pipe (``-o /dev/null``, ``-o /dev/stdout``) is
    written to directly (renaming over it would replace it with a regular
    file); a named pipe is opened without blocking, so one that nobody reads
    is refused instead of waiting for ever. Every failure is ``OutputFailed``."""
    if path is None:
        yield from _to_stdout()
        return
    check_target(path)
    mode = _special_mode(path)
    if mode is not None:
        with _open_special(path, mode) as handle:
            yield _Guarded(handle, path)
            _Guarded(handle, path).flush()
        return
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputFailed.from_os(path, exc) from None
    try:
        os.fchmod(fd, _new_file_mode(path))  # the usual permissions, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield _Guarded(handle, path)
            _Guarded(handle, path).flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise OutputFailed.from_os(path, exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _to_stdout() -> Iterator[TextIO]:
    out = _Guarded(sys.stdout, None)
    try:
        yield out
        out.flush()
    except OutputFailed:
        silence_stdout()  # or Python's own flush at exit prints a second error
        raise


def _new_file_mode(path: Path) -> int:
    """The mode the written file gets: that of the file it replaces, else
    what ``open()`` would give a new file (0666 less the umask). A temporary
    file is created 0600, which would otherwise be kept."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    return 0o666 & ~_umask()


def silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def is_special(path: Path) -> bool:
    """Is ``path`` there and neither a regular file nor a folder (a pipe, a device)?"""
    return _special_mode(path) is not None


def _special_mode(path: Path) -> int | None:
    """The mode of ``path`` when it is there and neither a regular file nor a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else mode


@contextlib.contextmanager
def _open_special(path: Path, mode: int) -> Iterator[TextIO]:
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        kind = "a socket" if stat.S_ISSOCK(mode) else "a block device" if stat.S_ISBLK(mode) else "not a file"
        raise OutputFailed(path, f"cannot write a report to {kind}")
    fd = _open_without_blocking(path)
    os.set_blocking(fd, True)  # written like any file from here on
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
    except OSError as exc:
        raise OutputFailed.from_os(path, exc) from None


def _open_without_blocking(path: Path, patience: float = 1.0) -> int:
    """Open ``path`` for writing without waiting for a reader: a named pipe that
    no one opens for reading within ``patience`` seconds is refused."""
    waited = 0.0
    while True:
        try:
            return os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise OutputFailed.from_os(path, exc) from None
        if waited >= patience:
            raise OutputFailed(path, "a named pipe that nothing is reading from")
        time.sleep(0.05)
        waited += 0.05


def timestamp() -> dt.datetime:
    """The date written into reports and annotations: now (UTC, whole
    seconds), or ``SOURCE_DATE_EPOCH`` when it is set, for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
