"""``policylint progress --format markdown``: the goals and quarters as
Markdown tables, to paste into a status page."""

from __future__ import annotations

from policylint.progress.describe import finding_line, line_note, number
from policylint.progress.measure import History


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(header: list[str], numeric: set[int], rows: list[list[object]]) -> list[str]:
    """A Markdown table; the columns in ``numeric`` are right-aligned."""
    rule = ["---:" if i in numeric else "---" for i in range(len(header))]
    return ["| " + " | ".join(cell(str(c)) for c in row) + " |" for row in [header, rule, *rows]]


def render(history: History) -> str:
    out = [f"# Equity goals: progress as of {history.now:%Y-%m-%d}", ""]
    states = history.goal_states()
    if states:
        out += table(["Quarter", "Objective", "Owner", "Start", "Now", "Target", "State"], {3, 4, 5},
                     [[s.goal.quarter, s.goal.objective, s.goal.owner, number(s.start), number(s.now), s.goal.target,
                       s.state] for s in states])
        for state in states:
            if not state.still_open:
                continue
            note = line_note(state)
            out += ["", f"## {state.goal.objective}", "",
                    f"{state.goal.owner} · {state.goal.quarter} · {state.state}" + (f" ({note})" if note else ""),
                    "", f"Still open ({len(state.still_open)}):", ""]
            out += [f"- {cell(finding_line(path, row))}" for path, row in state.still_open]
    else:
        out.append("No goals are set.")
    out += ["", "## Quarters", ""]
    quarters = history.quarters()
    if quarters:
        out += table(["Quarter", "Runs", "Open", "Fixed", "New", "Re-opened", "Open by category"], {1, 2, 3, 4, 5},
                     [[q.quarter, q.runs, q.open, q.fixed, q.new, q.reopened,
                       ", ".join(f"{c} {n}" for c, n in q.open_by_category.items()) or "-"] for q in quarters])
    else:
        out.append("No runs are recorded yet.")
    return "\n".join(out) + "\n"
