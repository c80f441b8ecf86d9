"""The coverage table of one document as plain lines, for the text report:
each area of the structural map, whether the document has it (and in how
many sections), the findings in it and what the absence rules found missing."""

from __future__ import annotations

from policylint.coverage import AreaRow


def coverage_lines(rows: list[AreaRow]) -> list[str]:
    """'Area  Has it  Findings  Missing' and one line per area, aligned."""
    table = [("Area", "Has it", "Findings", "Missing")]
    for row in rows:
        has = "" if row.area == "whole-document" else (f"yes ({len(row.sections)})" if row.present else "no")
        findings = "" if row.area == "whole-document" else str(row.findings)
        missing = "; ".join(f"{f.rule} {f.name}" for f in row.missing) or ("" if row.present else "-")
        table.append((row.title, has, findings, missing))
    widths = [max(len(line[i]) for line in table) for i in range(3)]
    return [f"{title:<{widths[0]}}  {has:<{widths[1]}}  {findings:>{widths[2]}}  {missing}".rstrip()
            for title, has, findings, missing in table]
