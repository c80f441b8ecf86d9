"""Opening, checking, migrating and writing the history database.

Every problem is a ``HistoryError`` of one line naming the file. A file that
is not a policylint history, is damaged, or was written by a newer
policylint is never written to. Before a migration the file is copied to
``<name>.v<old>.bak`` (with SQLite's backup API, into a temporary file that
is then renamed). The database runs in WAL mode; each run is stored in one
``BEGIN IMMEDIATE`` transaction, and a writer waits up to ``BUSY_SECONDS`` for
another, so two runs recording at once both land, whole.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3

try:
    import fcntl
except ImportError:  # not on Windows: no lock, SQLite's own waiting only
    fcntl = None
import tempfile
from pathlib import Path

from policylint.history.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, statements
from policylint.history.snapshot import Snapshot

BUSY_SECONDS = 60
_HEADER = b"SQLite format 3\x00"


class HistoryError(Exception):
    """The history database cannot be used (one line, naming the file)."""


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    mode = "rwc" if create else "ro"
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_SECONDS,
                               isolation_level=None)
    except sqlite3.Error as exc:
        raise HistoryError(f"{path}: cannot open the history database ({exc})") from None


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise HistoryError(f"{path}: cannot read the history database ({exc.strerror})") from None
    if head and head != _HEADER:
        raise HistoryError(f"{path}: not an SQLite database (damaged, or not a policylint history); "
                           "it was left as it is")


def _version(connection: sqlite3.Connection, path: Path) -> int:
    """The layout version, after checking the file is ours and readable."""
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        app = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise HistoryError(f"{path}: the history database is damaged ({exc}); it was left as it is") from None
    if (version or tables) and app != APPLICATION_ID:
        raise HistoryError(f"{path}: an SQLite database but not a policylint history; it was left as it is")
    if version > SCHEMA_VERSION:
        raise HistoryError(f"{path}: written by a newer policylint (history schema {version}; this version reads "
                           f"up to {SCHEMA_VERSION}): upgrade policylint")
    return version


def _integrity(connection: sqlite3.Connection, path: Path) -> None:
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        rows = [(str(exc),)]
    if [tuple(r) for r in rows] != [("ok",)]:
        raise HistoryError(f"{path}: the history database is damaged ({rows[0][0]}); it was left as it is")


def open_for_reading(path: Path) -> sqlite3.Connection | None:
    """A read-only connection, or None when there is no history yet."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    _check_header(path)
    connection = _connect(path, create=False)
    version = _version(connection, path)
    if version < SCHEMA_VERSION:
        connection.close()
        connection = open_for_writing(path)  # migrate (with a backup) before reading
    return connection


def open_for_writing(path: Path) -> sqlite3.Connection:
    """A connection to a checked database at the current layout (made or
    migrated as needed), in WAL mode. Runs that start at once take turns to
    make or migrate it (SQLite can refuse a second connection outright while
    the first switches a new file to WAL)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_name(f"{path.name}.lock"), "a") as lock:
            if fcntl is not None:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            return _open_for_writing(path)
    except OSError as exc:
        raise HistoryError(f"{path}: cannot use the history database ({exc.strerror or exc})") from None


def _open_for_writing(path: Path) -> sqlite3.Connection:
    _check_header(path)
    existed = path.exists() and path.stat().st_size > 0
    if not existed:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(f"{path}: cannot create the folder for the history database ({exc.strerror})") \
                from None
    connection = _connect(path, create=True)
    try:
        version = _version(connection, path)
        if existed:
            _integrity(connection, path)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA foreign_keys=ON")
        if version < SCHEMA_VERSION:
            _migrate(connection, path)
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise HistoryError(f"{path}: cannot use the history database ({exc}); it was left as it is") from None
    except HistoryError:
        connection.close()
        raise
    return connection


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    version = _version(connection, path)
    if version > 0:  # the copy is made outside the write transaction (a backup inside one never finishes)
        backup(connection, path, version)
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _version(connection, path)  # another process may have migrated meanwhile
        while version < SCHEMA_VERSION:
            for statement in statements(MIGRATIONS[version]):
                connection.execute(statement)
            version += 1
            connection.execute(f"PRAGMA user_version = {version}")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def backup(connection: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database as it is (layout ``version``) next to it, atomically."""
    target = backup_path(path, version)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        copy = sqlite3.connect(temp)
        try:
            connection.backup(copy)
        finally:
            copy.close()
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return target


def record(path: Path, snapshot: Snapshot) -> int:
    """Store one run; returns its id. All of it or nothing."""
    connection = open_for_writing(path)
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            run_id = _insert(connection, snapshot)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as exc:
        raise HistoryError(f"{path}: could not record the run ({exc}); nothing was recorded") from None
    finally:
        connection.close()
    return run_id


def _insert(connection: sqlite3.Connection, snapshot: Snapshot) -> int:
    cursor = connection.execute(
        "INSERT INTO runs (recorded_at, command, policylint_version, rulepack_version, git_commit, git_branch)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (snapshot.recorded_at, snapshot.command, snapshot.policylint_version, snapshot.rulepack_version,
         snapshot.git_commit, snapshot.git_branch))
    run_id = cursor.lastrowid
    for document in snapshot.documents:
        cursor = connection.execute("INSERT INTO documents (run_id, path, sha256, words) VALUES (?, ?, ?, ?)",
                                    (run_id, document.path, document.sha256, document.words))
        document_id = cursor.lastrowid
        connection.executemany(
            "INSERT INTO findings (document_id, fingerprint, rule, name, category, severity, section, text,"
            " paragraph, suppressed, baselined) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(document_id, f.fingerprint, f.rule, f.name, f.category, f.severity, f.section, f.text, f.paragraph,
              int(f.suppressed), int(f.baselined)) for f in document.findings])
    return run_id
