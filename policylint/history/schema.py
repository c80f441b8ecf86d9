"""The history database's layout and its migrations.

The layout's version is SQLite's ``user_version``; ``application_id`` marks
the file as policylint's. ``MIGRATIONS[n]`` turns version ``n`` into
``n + 1``; a new database is made at version 1 and migrated like any other,
so every database passes through the same steps.

- 1: runs (time, versions, git commit and branch), documents (path, SHA-256,
  words) and findings (fingerprint, rule, category, severity, section,
  suppressed, baselined).
- 2: findings also keep the rule's name, the matched words and the
  paragraph, and runs the command that recorded them (for the weekly update
  and the report's goals table).
"""

from __future__ import annotations

#: "PLnt" as a 32-bit integer
APPLICATION_ID = 0x504C6E74
SCHEMA_VERSION = 2

_V1 = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    policylint_version TEXT NOT NULL,
    rulepack_version TEXT NOT NULL,
    git_commit TEXT,
    git_branch TEXT
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    words INTEGER NOT NULL,
    UNIQUE (run_id, path)
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    rule TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    section TEXT NOT NULL,
    suppressed INTEGER NOT NULL CHECK (suppressed IN (0, 1)),
    baselined INTEGER NOT NULL CHECK (baselined IN (0, 1))
);
CREATE INDEX runs_time ON runs (recorded_at, id);
CREATE INDEX documents_run ON documents (run_id);
CREATE INDEX findings_document ON findings (document_id);
"""

_V2 = """
ALTER TABLE runs ADD COLUMN command TEXT NOT NULL DEFAULT 'check';
ALTER TABLE findings ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN text TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN paragraph INTEGER;
"""

#: version -> the statements that bring it to version + 1 (0 is an empty file)
MIGRATIONS: dict[int, str] = {0: _V1, 1: _V2}


def statements(script: str) -> list[str]:
    """The statements of a migration, to run one by one inside a transaction
    (``executescript`` would commit first)."""
    return [part.strip() for part in script.split(";") if part.strip()]
