"""``--format json``: one JSON object for the whole run (schema version 1,
documented in the README). Keys that do not apply to a location (table, row,
cell, line) are left out; ``page`` is always there (null outside PDFs)."""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

from policylint.coverage import coverage
from policylint.finding import Finding
from policylint.report.base import Formatter
from policylint.result import CheckResult

SCHEMA_VERSION = 1
_OPTIONAL_LOCATION_KEYS = ("line", "table", "row", "cell")


class JsonFormatter(Formatter):
    def finish(self, result: CheckResult, exit_code: int) -> None:
        self.out.write(dumps(to_dict(result, self.info, exit_code)))
        self.out.write("\n")


def dumps(data: dict[str, Any]) -> str:
    """The report indented by two spaces, each finding on one line of its own
    (encoded by the C encoder: the indenting encoder is pure Python and takes
    seconds on tens of thousands of findings)."""
    marker = f"@finding-{secrets.token_hex(8)}-"
    encoded: list[str] = []
    for file in data["files"]:
        for key in ("findings", "suppressed"):
            if key in file:
                file[key] = [_placeholder(marker, encoded, finding) for finding in file[key]]
    text = json.dumps(data, indent=2, ensure_ascii=False)
    if not encoded:
        return text
    return re.sub(f'"{re.escape(marker)}(\\d+)"', lambda m: encoded[int(m.group(1))], text)


def _placeholder(marker: str, encoded: list[str], finding: dict[str, Any]) -> str:
    encoded.append(json.dumps(finding, ensure_ascii=False))
    return f"{marker}{len(encoded) - 1}"


def to_dict(result: CheckResult, info, exit_code: int) -> dict[str, Any]:
    summary = result.summary().model_dump()
    summary.update(fail_on=info.fail_on, exit_code=exit_code)
    return {
        "version": SCHEMA_VERSION,
        "tool": {
            "name": "policylint",
            "version": info.version,
            "rules": info.rules,
            "model": info.model,
            "skipped_rules": info.skipped_rules,
        },
        "files": [
            {
                "path": file.shown_path,
                "format": file.format,
                "sha256": file.sha256,
                "words": file.words,
                "pages": file.pages,
                "findings": [finding_dict(f) for f in file.findings],
                "coverage": [row.as_dict() for row in coverage(file)] if file.sections else [],
                **({"suppressed": [finding_dict(f) for f in file.suppressed]} if info.show_suppressed else {}),
            }
            for file in result.files
        ],
        "errors": [error.model_dump() for error in result.errors],
        "summary": summary,
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    data = finding.model_dump(mode="json")
    location = data["location"]
    for key in _OPTIONAL_LOCATION_KEYS:
        if location.get(key) is None:
            location.pop(key, None)
    if data["suppression"] is None:
        del data["suppression"]
    if data["suggestion"] is not None:
        data["suggestion"] = {k: v for k, v in data["suggestion"].items() if v is not None}
    return data
