"""Reading every recorded run back, oldest first (by time, then id)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from policylint.history.snapshot import DocumentRow, FindingRow, Snapshot
from policylint.history.store import HistoryError, open_for_reading


def load_runs(path: Path) -> list[Snapshot]:
    """Every run in the history at ``path`` ([] when there is none yet)."""
    connection = open_for_reading(path)
    if connection is None:
        return []
    try:
        return _runs(connection)
    except sqlite3.DatabaseError as exc:
        raise HistoryError(f"{path}: the history database is damaged ({exc}); it was left as it is") from None
    finally:
        connection.close()


def _runs(connection: sqlite3.Connection) -> list[Snapshot]:
    findings: dict[int, list[FindingRow]] = {}
    for row in connection.execute(
            "SELECT document_id, fingerprint, rule, name, category, severity, section, text, paragraph,"
            " suppressed, baselined FROM findings ORDER BY id"):
        findings.setdefault(row[0], []).append(FindingRow(*row[1:9], suppressed=bool(row[9]),
                                                          baselined=bool(row[10])))
    documents: dict[int, list[DocumentRow]] = {}
    for doc_id, run_id, path, sha, words in connection.execute(
            "SELECT id, run_id, path, sha256, words FROM documents ORDER BY path"):
        documents.setdefault(run_id, []).append(DocumentRow(path, sha, words, tuple(findings.get(doc_id, ()))))
    return [Snapshot(recorded_at=r[1], command=r[2], policylint_version=r[3], rulepack_version=r[4],
                     git_commit=r[5], git_branch=r[6], documents=tuple(documents.get(r[0], ())), id=r[0])
            for r in connection.execute(
                "SELECT id, recorded_at, command, policylint_version, rulepack_version, git_commit, git_branch"
                " FROM runs ORDER BY recorded_at, id")]
