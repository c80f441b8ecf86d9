"""``--format csv``: one row per finding with the JSON fields, for spreadsheets."""

from __future__ import annotations

import csv
import io
import json

from policylint.report.csv import COLUMNS
from tests.auditor import run
from tests.conftest import SAMPLES
from tests.helpers import FLAGGED_SENTENCE


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == COLUMNS
    return list(reader)


def _expected(path: str, finding: dict) -> dict[str, str]:
    def cell(value) -> str:
        return "" if value is None else str(value)

    row = {"path": path, "fingerprint": finding["fingerprint"]}
    for key in ("rule", "name", "category", "severity", "message", "text", "sentence", "sentence_start"):
        row[key] = cell(finding[key])
    for key in ("action", "text", "start", "end", "sentence", "advice"):
        row[f"suggestion.{key}"] = cell((finding["suggestion"] or {}).get(key))
    for key in ("paragraph", "page", "line", "table", "row", "cell", "part", "start", "end"):
        row[f"location.{key}"] = cell(finding["location"].get(key))
    row["location.section"] = " > ".join(finding["location"]["section"])
    return row


def test_one_row_per_finding_with_the_json_fields():
    path = str(SAMPLES / "handbook.docx")
    as_csv = run("check", path, "--format", "csv")
    as_json = run("check", path, "--format", "json")
    assert as_csv.exit_code == as_json.exit_code == 1
    findings = json.loads(as_json.stdout)["files"][0]["findings"]
    rows = _rows(as_csv.stdout)
    assert len(rows) == len(findings) > 20
    assert rows == [_expected(path, f) for f in findings]
    assert any(row["location.table"] for row in rows) and any(" > " in row["location.section"] for row in rows)


def test_rows_end_in_crlf_and_quote_commas_and_quotes(tmp_path):
    doc = tmp_path / "quotes.md"
    doc.write_text('# Pay, "bands" and more\n\nThe chairman, "our boss", signs off every request.\n')
    target = tmp_path / "findings.csv"
    assert run("check", doc, "--format", "csv", "-o", target).exit_code == 1
    out = target.read_bytes().decode("utf-8")
    assert out.endswith("\r\n") and out.count("\r\n") == 2
    (row,) = _rows(out)
    assert row["sentence"] == 'The chairman, "our boss", signs off every request.'
    assert row["location.section"] == 'Pay, "bands" and more'


def test_document_text_cannot_become_a_spreadsheet_formula(tmp_path):
    doc = tmp_path / "formula.txt"
    doc.write_text("=HYPERLINK(\"x\") The chairman of the committee signs off every request.\n")
    (row,) = _rows(run("check", doc, "--format", "csv").stdout)
    assert row["sentence"].startswith("'=HYPERLINK")
    assert row["text"] == "chairman"


def test_unreadable_inputs_are_not_rows(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(f"# Committees\n\n{FLAGGED_SENTENCE}\n")
    result = run("check", good, tmp_path / "missing.md", "--format", "csv")
    assert result.exit_code == 3
    rows = _rows(result.stdout)
    assert [row["path"] for row in rows] == [str(good)]
    assert "missing.md: no such file" in result.stderr
