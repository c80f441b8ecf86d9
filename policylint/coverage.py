"""The coverage table of one document: each area of the structural map
(policylint/structure.py), whether the document has it, the findings in it,
and the structures the absence rules found missing.

A finding belongs to the area of the section it sits in. Missing structures
are the reported findings of the absence rules the area lists (``missing``
in ``structure/areas.yaml``); those about the whole document (no
accommodation route) make a last row of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policylint.finding import Finding
from policylint.result import FileResult
from policylint.structure import area_file

WHOLE_DOCUMENT = "whole-document"


@dataclass
class AreaRow:
    area: str
    title: str
    #: the headings of the sections assigned to it (" › "-joined paths)
    sections: list[str] = field(default_factory=list)
    findings: int = 0
    #: absence-rule findings: what the area (or the document) lacks
    missing: list[Finding] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return bool(self.sections)

    def as_dict(self) -> dict[str, Any]:
        return {"area": self.area, "title": self.title, "present": self.present, "sections": self.sections,
                "findings": self.findings,
                "missing": [{"rule": f.rule, "name": f.name, "message": f.message, "paragraph": f.location.paragraph}
                            for f in self.missing]}


def coverage(result: FileResult) -> list[AreaRow]:
    """The rows of ``result``'s coverage table, in the order of areas.yaml
    (and the whole-document row last, when something is missing there)."""
    spec = area_file()
    rows = {area.name: AreaRow(area.name, area.title) for area in spec.areas}
    area_of: dict[tuple[str, ...], str | None] = {}
    for section in result.sections:
        area_of[section.section] = section.area
        if section.area is not None:
            rows[section.area].sections.append(" › ".join(section.section) or "(untitled)")
    absent_rules = {rule: area.name for area in spec.areas for rule in area.missing}
    absent_rules.update(dict.fromkeys(spec.document_missing, WHOLE_DOCUMENT))
    whole = AreaRow(WHOLE_DOCUMENT, "Whole document")
    for finding in result.findings:
        owner = absent_rules.get(finding.rule)
        if owner is not None:
            (whole if owner == WHOLE_DOCUMENT else rows[owner]).missing.append(finding)
        area = area_of.get(tuple(finding.location.section))
        if area is not None:
            rows[area].findings += 1
    return list(rows.values()) + ([whole] if whole.missing else [])
