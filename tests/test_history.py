"""The history database: what a run records, runs that record nothing,
damaged and newer databases, migrations with a backup, and two runs
recording at once."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from policylint.history import schema
from policylint.history.snapshot import DocumentRow, FindingRow, Snapshot
from policylint.history.store import backup_path, record
from tests.history_estate import Estate, epoch, git

HANDBOOK = ("# Complaints\n\nIf you experience harassment, report it to your manager.\n\n# Roles\n\n"
            "<!-- policylint-disable-next-line PL401 -- historic title in a quote -->\n"
            "The old guide called the lead a foreman.\n\nEach shift is led by a foreman.\n\n"
            "The chairman signs the plan.\n")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Estate:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "handbook.md").write_text(HANDBOOK, encoding="utf-8")
    (tmp_path / "policylint.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Estate(tmp_path)


def rows(db: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_a_recorded_run_holds_time_versions_git_documents_and_findings(project):
    from policylint import __version__

    git(project.root, "init", "-q", "-b", "equity-q1")
    git(project.root, "add", "policies")
    git(project.root, "commit", "-q", "-m", "policies")
    head = git(project.root, "rev-parse", "HEAD")
    # accept the chairman finding into a baseline first (a run that records nothing)
    result = project.invoke("check", "policies", "--format", "json", day="2027-01-05")
    checked = json.loads(result.stdout)["files"][0]
    chairman = next(f for f in checked["findings"] if f["text"] == "chairman")
    words = checked["words"]
    (project.root / "baseline.json").write_text(json.dumps({"version": 1, "tool": "policylint", "findings": [
        {"file": "policies/handbook.md", "fingerprint": chairman["fingerprint"]}]}), encoding="utf-8")
    assert not project.db.exists()

    result = project.invoke("check", "policies", "--record", "--baseline", "baseline.json", day="2027-01-05")
    assert result.exit_code == 0, result.output

    [run] = rows(project.db, "SELECT recorded_at, command, policylint_version, rulepack_version, git_commit, "
                             "git_branch FROM runs")
    assert run[:3] == ("2027-01-05T00:00:00Z", "check", __version__)
    assert run[3].startswith(__version__ + "+") and len(run[3]) == len(__version__) + 13
    assert run[4:] == (head, "equity-q1")
    data = (project.root / "policies" / "handbook.md").read_bytes()
    assert rows(project.db, "SELECT path, sha256, words FROM documents") == [
        ("policies/handbook.md", hashlib.sha256(data).hexdigest(), words)]
    findings = rows(project.db, "SELECT rule, category, severity, section, text, suppressed, baselined, "
                                "length(fingerprint) FROM findings ORDER BY paragraph, rule")
    assert findings == [
        ("PL1201", "complaints", "warning", "Complaints", "Complaints", 0, 0, 20),
        ("PL1202", "complaints", "warning", "Complaints", "Complaints", 0, 0, 20),
        ("PL1206", "complaints", "warning", "Complaints", "report it to your manager", 0, 0, 20),
        ("PL401", "gendered-language", "warning", "Roles", "foreman", 1, 0, 20),
        ("PL401", "gendered-language", "warning", "Roles", "foreman", 0, 0, 20),
        ("PL401", "gendered-language", "warning", "Roles", "chairman", 0, 1, 20),
    ]
    assert rows(project.db, "PRAGMA journal_mode") == [("wal",)]
    assert rows(project.db, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]


def test_history_true_in_the_config_and_history_db_elsewhere(project):
    (project.root / "policylint.toml").write_text('fail-on = "never"\nhistory = true\nhistory-db = "audit/h.db"\n',
                                                  encoding="utf-8")
    for day in ("2027-01-05", "2027-01-06"):
        assert project.invoke("report", "policies", "--html", "r.html", day=day).exit_code == 0
    db = project.root / "audit" / "h.db"
    assert rows(db, "SELECT recorded_at, command, git_commit FROM runs ORDER BY id") == [
        ("2027-01-05T00:00:00Z", "report", None), ("2027-01-06T00:00:00Z", "report", None)]
    assert not project.db.exists()


def test_a_failed_run_records_nothing(project):
    # a configuration error: exit 2 before anything is checked
    result = project.invoke("check", "policies", "--record", "--select", "PL9999", day="2027-01-05")
    assert result.exit_code == 2
    assert not project.db.exists() or rows(project.db, "SELECT count(*) FROM runs") == [(0,)]
    # an input that cannot be read: exit 3, the others are checked, nothing is recorded
    (project.root / "policies" / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = project.invoke("check", "policies", "--record", day="2027-01-05")
    assert result.exit_code == 3
    assert "not recorded in the history: 1 input could not be read" in result.stderr
    assert rows(project.db, "SELECT count(*) FROM runs") == [(0,)]


def test_a_run_that_breaks_while_recording_leaves_no_part_behind(project, monkeypatch):
    from policylint.history import store

    assert project.invoke("check", "policies", "--record", day="2027-01-05").exit_code == 0
    real = store._insert

    def half(connection, snapshot):
        real(connection, snapshot)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_insert", half)
    result = project.invoke("check", "policies", "--record", day="2027-01-06")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("could not record the run (disk I/O error); nothing was recorded")
    assert rows(project.db, "SELECT count(*) FROM runs") == [(1,)]
    assert rows(project.db, "SELECT count(*) FROM documents") == [(1,)]
    assert rows(project.db, "SELECT count(*) FROM findings") == [(6,)]


# --------------------------------------------------------------------------- damaged and newer databases


def _recorded(project) -> bytes:
    assert project.invoke("check", "policies", "--record", day="2027-01-05").exit_code == 0
    connection = sqlite3.connect(project.db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return project.db.read_bytes()


def _refused(project, expected: str) -> None:
    before = project.db.read_bytes()
    for args in (("check", "policies", "--record"), ("progress",), ("report", "policies", "--html", "r.html")):
        result = project.invoke(*args, day="2027-01-06")
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"policylint: {project.db}: ") and expected in lines[0], \
            (args, result.stderr)
        assert "Traceback" not in result.output
        assert project.db.read_bytes() == before
    assert not Path(f"{project.db}-wal").exists() or Path(f"{project.db}-wal").stat().st_size == 0
    assert not (project.root / "r.html").exists()  # no report is left behind


def test_a_file_that_is_not_a_database_is_refused_and_kept(project):
    project.db.parent.mkdir()
    project.db.write_bytes(b"these are somebody's notes, not a database\n" * 100)
    _refused(project, "not an SQLite database")


def test_a_damaged_database_is_refused_and_kept(project):
    data = bytearray(_recorded(project))
    page = 4096
    assert len(data) >= 3 * page
    data[page:2 * page] = bytes(range(256)) * (page // 256)  # the second page is garbage
    project.db.write_bytes(bytes(data))
    _refused(project, "damaged")


def test_a_database_from_a_newer_policylint_is_refused_and_kept(project):
    _recorded(project)
    connection = sqlite3.connect(project.db)
    connection.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    connection.close()
    _refused(project, f"written by a newer policylint (history schema {schema.SCHEMA_VERSION + 1}")


def test_another_programs_database_is_refused_and_kept(project):
    project.db.parent.mkdir()
    connection = sqlite3.connect(project.db)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    _refused(project, "not a policylint history")


# --------------------------------------------------------------------------- migrations


def _version_1(db: Path) -> None:
    """A history as the first layout wrote it, with one run."""
    db.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(db)
    for statement in schema.statements(schema.MIGRATIONS[0]):
        connection.execute(statement)
    connection.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    connection.execute("PRAGMA user_version = 1")
    connection.execute("INSERT INTO runs VALUES (1, '2026-12-01T00:00:00Z', '0.1.0', '0.1.0+abc', NULL, NULL)")
    connection.execute("INSERT INTO documents VALUES (1, 1, 'policies/handbook.md', 'ff', 30)")
    connection.execute("INSERT INTO findings VALUES (1, 1, 'e753ecc177216436fc0c', 'PL401', 'gendered-language', "
                       "'warning', 'Roles', 0, 0)")
    connection.commit()
    connection.close()


def test_a_migration_keeps_a_backup_and_the_old_runs(project):
    _version_1(project.db)
    old = project.db.read_bytes()
    result = project.invoke("check", "policies", "--record", day="2027-01-05")
    assert result.exit_code == 0, result.output
    backup = backup_path(project.db, 1)
    assert backup == project.db.with_name("history.sqlite.v1.bak")
    assert rows(backup, "PRAGMA user_version") == [(1,)]
    assert rows(backup, "SELECT * FROM findings") == rows(backup, "SELECT * FROM findings") == [
        (1, 1, "e753ecc177216436fc0c", "PL401", "gendered-language", "warning", "Roles", 0, 0)]
    assert len(old) > 0
    assert rows(project.db, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]
    assert rows(project.db, "SELECT id, recorded_at, command FROM runs ORDER BY id") == [
        (1, "2026-12-01T00:00:00Z", "check"), (2, "2027-01-05T00:00:00Z", "check")]
    assert rows(project.db, "SELECT rule, name, text FROM findings WHERE document_id = 1") == [("PL401", "", "")]
    # the old run counts in the progress: the foreman was there in December and is still there
    result = project.invoke("progress", "--format", "json", day="2027-01-06")
    quarters = json.loads(result.stdout)["quarters"]
    assert [(q["quarter"], q["open"], q["new"]) for q in quarters] == [("2026-Q4", 1, 0), ("2027-Q1", 5, 4)]


def test_progress_migrates_an_old_history_before_reading_it(project):
    _version_1(project.db)
    result = project.invoke("progress", "--format", "json", day="2027-01-06")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["runs"] == 1
    assert backup_path(project.db, 1).exists()
    assert rows(project.db, "PRAGMA user_version") == [(schema.SCHEMA_VERSION,)]


# --------------------------------------------------------------------------- two recorders at once


def _snapshot(label: str, documents: int, findings: int) -> Snapshot:
    return Snapshot(recorded_at="2027-01-05T00:00:00Z", command=label, policylint_version="0", rulepack_version="0",
                    git_commit=None, git_branch=None, documents=tuple(
                        DocumentRow(f"doc-{d}.md", "0" * 64, 100, tuple(
                            FindingRow(f"{label}-{d}-{n}", "PL401", "gendered-job-titles", "gendered-language",
                                       "warning", "Roles", "foreman", n) for n in range(findings)))
                        for d in range(documents)))


_WRITER = """
import sys
from pathlib import Path
from tests.test_history import _snapshot
from policylint.history.store import record
for n in range(int(sys.argv[3])):
    record(Path(sys.argv[1]), _snapshot(f"{sys.argv[2]}{n}", 20, 250))
"""


def test_two_processes_recording_at_once_both_land_whole(tmp_path):
    db = tmp_path / "history.sqlite"
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(db), name, "6"], cwd=root, env=env,
                                stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    for writer in writers:
        _, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
    assert rows(db, "SELECT count(*) FROM runs") == [(12,)]
    per_run = rows(db, "SELECT r.command, count(DISTINCT d.id), count(f.id) FROM runs r JOIN documents d ON "
                       "d.run_id = r.id JOIN findings f ON f.document_id = d.id GROUP BY r.id ORDER BY r.command")
    assert per_run == [(f"{name}{n}", 20, 5000) for name in ("a", "b") for n in range(6)]


def test_two_check_runs_recording_at_once(project):
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch("2027-01-05"), "POLICYLINT_CACHE_DIR": str(project.root / "c")}
    command = [sys.executable, "-m", "policylint", "check", "policies", "--record", "--fail-on", "never",
               "--format", "json", "--no-cache"]
    runs = [subprocess.Popen(command, cwd=project.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    assert rows(project.db, "SELECT count(*) FROM runs") == [(2,)]
    assert rows(project.db, "SELECT d.run_id, count(f.id) FROM documents d JOIN findings f ON f.document_id = d.id "
                            "GROUP BY d.run_id") == [(1, 6), (2, 6)]


def test_record_makes_the_folder_and_returns_the_run_id(tmp_path):
    db = tmp_path / "deep" / "er" / "history.sqlite"
    assert record(db, _snapshot("x", 1, 2)) == 1
    assert record(db, _snapshot("y", 1, 2)) == 2
