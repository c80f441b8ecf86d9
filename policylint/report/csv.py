"""``--format csv``: one row per finding, for spreadsheets.

The columns are the fields of a finding in the JSON output, flattened:
``path`` (the file), then ``rule`` ... ``sentence_start``, then
``suggestion.action`` ... ``suggestion.advice``, then ``location.paragraph``
... ``location.end``, then ``fingerprint``. ``location.section`` is the
heading path joined with " > "; fields that do not apply are empty. The
first row names the columns. Quoting and line ends follow RFC 4180 (the
``csv`` module's Excel dialect), in UTF-8.

Document text is untrusted: a cell that would start with ``=``, ``+``,
``-``, ``@`` or a tab or carriage return is prefixed with ``'`` so that a
spreadsheet shows it as text and never runs it as a formula.

Inputs that could not be read are not rows; they are reported on standard
error as always.
"""

from __future__ import annotations

import csv
from typing import Any

from policylint.report.base import Formatter
from policylint.report.json import finding_dict
from policylint.result import FileError, FileResult

FINDING_FIELDS = ("rule", "name", "category", "severity", "message", "text", "sentence", "sentence_start")
SUGGESTION_FIELDS = ("action", "text", "start", "end", "sentence", "advice")
LOCATION_FIELDS = ("paragraph", "section", "page", "line", "table", "row", "cell", "part", "start", "end")
COLUMNS = (
    ("path",) + FINDING_FIELDS
    + tuple(f"suggestion.{key}" for key in SUGGESTION_FIELDS)
    + tuple(f"location.{key}" for key in LOCATION_FIELDS)
    + ("fingerprint",)
)
SECTION_SEPARATOR = " > "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CsvFormatter(Formatter):
    def start(self) -> None:
        self.writer = csv.writer(self.out)
        self.writer.writerow(COLUMNS)

    def handle(self, item: FileResult | FileError) -> None:
        if isinstance(item, FileError):
            return
        for finding in item.findings:
            self.writer.writerow(_cell(value) for value in row(item.shown_path, finding_dict(finding)))


def row(path: str, data: dict[str, Any]) -> list[Any]:
    """The values of one finding (as ``json.finding_dict`` gives it), in ``COLUMNS`` order."""
    suggestion = data.get("suggestion") or {}
    location = dict(data["location"])
    location["section"] = SECTION_SEPARATOR.join(location.get("section") or ())
    return (
        [path] + [data[key] for key in FINDING_FIELDS]
        + [suggestion.get(key) for key in SUGGESTION_FIELDS]
        + [location.get(key) for key in LOCATION_FIELDS]
        + [data["fingerprint"]]
    )


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
