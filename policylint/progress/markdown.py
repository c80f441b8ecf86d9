"""``policylint progress --format markdown``: the goals and quarters as
Markdown tables, to paste into a status page."""

from __future__ import annotations

from policylint.progress.describe import finding_line, line_note, number
from policylint.progress.measure import History


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(history: History) -> str:
    out = [f"# Equity goals: progress as of {history.now:%Y-%m-%d}", ""]
    states = history.goal_states()
    if states:
        out += ["| Quarter | Objective | Owner | Start | Now | Target | State |",
                "| --- | --- | --- | ---: | ---: | ---: | --- |"]
        out += [f"| {s.goal.quarter} | {cell(s.goal.objective)} | {cell(s.goal.owner)} | {number(s.start)} | "
                f"{number(s.now)} | {s.goal.target} | {s.state} |" for s in states]
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
        out += ["| Quarter | Runs | Open | Fixed | New | Re-opened | Open by category |",
                "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
        out += [f"| {q.quarter} | {q.runs} | {q.open} | {q.fixed} | {q.new} | {q.reopened} | "
                f"{', '.join(f'{c} {n}' for c, n in q.open_by_category.items()) or '-'} |" for q in quarters]
    else:
        out.append("No runs are recorded yet.")
    return "\n".join(out) + "\n"
