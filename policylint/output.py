"""Writing output files safely: atomically, and never over an input."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


@contextlib.contextmanager
def atomic_output(path: Path | None) -> Iterator[TextIO]:
    """Yield standard output, or a temporary file next to ``path`` that
    replaces ``path`` only once everything has been written. A ``path`` that
    is a device or a pipe (``-o /dev/null``, ``-o /dev/stdout``) is written
    to directly: renaming over it would replace it with a regular file."""
    if path is None:
        yield sys.stdout
        return
    if _is_special(path):
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        return
    directory = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, _new_file_mode(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _new_file_mode(path: Path) -> int:
    """The mode the written file gets: that of the file it replaces, else
    what ``open()`` would give a new file (0666 less the umask). A temporary
    file is created 0600, which would otherwise be kept."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _is_special(path: Path) -> bool:
    """Is ``path`` there and neither a regular file nor a folder?"""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def timestamp() -> dt.datetime:
    """The date written into reports and annotations: now (UTC, whole
    seconds), or ``SOURCE_DATE_EPOCH`` when it is set, for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
