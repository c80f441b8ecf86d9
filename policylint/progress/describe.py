"""Short descriptions of goals and findings shared by the progress formats."""

from __future__ import annotations

from policylint.history.snapshot import FindingRow
from policylint.progress.measure import GoalState


def where(path: str, row: FindingRow) -> str:
    """'policies/handbook.md › 9 Complaints, paragraph 41'"""
    place = path + (f" › {row.section}" if row.section else "")
    return place + (f", paragraph {row.paragraph}" if row.paragraph else "")


def finding_line(path: str, row: FindingRow) -> str:
    """'PL1206 manager-only-route: “report it to your manager” (policies/x.md › Complaints, paragraph 2)'"""
    words = f": “{row.text}”" if row.text else ""
    return f"{row.rule} {row.name}{words} ({where(path, row)})"


def number(value: int | None) -> str:
    return "-" if value is None else str(value)


def line_note(state: GoalState) -> str:
    """What the straight line says, for people."""
    if state.expected is None:
        return ""
    return f"the straight line to the target is at {state.expected:.1f} today"
