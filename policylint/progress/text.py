"""``policylint progress`` as plain text: the goals, then each quarter."""

from __future__ import annotations

from policylint.progress.describe import finding_line, line_note, number
from policylint.progress.measure import History


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]


def render(history: History) -> str:
    lines = [f"Progress as of {history.now:%Y-%m-%d %H:%M} UTC ({len(history.runs)} recorded runs)", ""]
    states = history.goal_states()
    if states:
        lines.append("Goals")
        rows = [("Quarter", "Owner", "Objective", "Start", "Now", "Target", "State")]
        rows += [(s.goal.quarter, s.goal.owner, s.goal.objective, number(s.start), number(s.now),
                  str(s.goal.target), s.state) for s in states]
        lines += ["  " + line for line in _table(rows)]
        for state in states:
            if state.still_open or state.expected is not None:
                note = line_note(state)
                lines += ["", f"  {state.goal.objective} ({state.goal.owner}): {len(state.still_open)} still open"
                          + (f"; {note}" if note else "")]
                lines += [f"    - {finding_line(path, row)}" for path, row in state.still_open]
        lines.append("")
    else:
        lines += ["No goals are set (add [[tool.policylint.goals]] to the config).", ""]
    quarters = history.quarters()
    if quarters:
        lines.append("Quarters (all documents)")
        rows = [("Quarter", "Runs", "Open", "Fixed", "New", "Re-opened", "Open by category")]
        rows += [(q.quarter, str(q.runs), str(q.open), str(q.fixed), str(q.new), str(q.reopened),
                  ", ".join(f"{c} {n}" for c, n in q.open_by_category.items()) or "-") for q in quarters]
        lines += ["  " + line for line in _table(rows)]
    else:
        lines.append("No runs are recorded yet (run policylint check --record).")
    return "\n".join(lines) + "\n"
