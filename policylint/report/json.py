"""``--format json``: one JSON object for the whole run (schema version 1,
documented in the README). Keys that do not apply to a location (table, row,
cell, line) are left out; ``page`` is always there (null outside PDFs)."""

from __future__ import annotations

import json
from typing import Any

from policylint.finding import Finding
from policylint.report.base import Formatter
from policylint.result import CheckResult

SCHEMA_VERSION = 1
_OPTIONAL_LOCATION_KEYS = ("line", "table", "row", "cell")


class JsonFormatter(Formatter):
    def finish(self, result: CheckResult, exit_code: int) -> None:
        json.dump(to_dict(result, self.info, exit_code), self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")


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
                "path": file.path,
                "format": file.format,
                "sha256": file.sha256,
                "words": file.words,
                "pages": file.pages,
                "findings": [finding_dict(f) for f in file.findings],
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
