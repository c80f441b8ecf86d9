"""``policylint progress --week``: the owner's weekly update, as Markdown to
paste into a status report: per goal of the current quarter, what was fixed
in the last seven days, what is left and what came back; then the same
counts for all documents."""

from __future__ import annotations

import datetime as dt

from policylint.goals import quarter_of
from policylint.progress.describe import finding_line, line_note
from policylint.progress.markdown import cell
from policylint.progress.measure import History, run_time


def _items(title: str, rows: list) -> list[str]:
    lines = [f"**{title} ({len(rows)})**", ""]
    lines += [f"- {cell(finding_line(path, row))}" for path, row in rows] or ["- none"]
    return lines + [""]


def render(history: History, owner: str | None = None) -> str:
    week = history.week()
    if week is None:
        return "No runs are recorded yet (run policylint check --record).\n"
    start, end, change = week
    since = history.now - dt.timedelta(days=7)
    out = [f"# Weekly update: {since:%Y-%m-%d} to {history.now:%Y-%m-%d}", "",
           f"Compared: the run of {run_time(start):%Y-%m-%d} with the run of {run_time(end):%Y-%m-%d}.", ""]
    quarter = quarter_of(history.now)
    goals = [g for g in history.goals if g.quarter == quarter and (owner is None or g.owner == owner)]
    for goal in goals:
        state = history.goal_state(goal)
        note = line_note(state)
        out += [f"## {goal.objective}", "",
                f"Owner: {goal.owner} · {goal.quarter} · {state.state} · open findings: {state.start} at the "
                f"start, {state.now} now, target {goal.target}" + (f" ({note})" if note else ""), ""]

        def mine(found: dict) -> list:
            return sorted(((k[0], row) for k, row in found.items() if goal.selects(row.rule, row.name, row.category)),
                          key=lambda item: (item[0], item[1].paragraph or 0, item[1].rule))

        out += _items("Fixed this week", mine(change.fixed))
        out += _items("Still open", state.still_open)
        out += _items("Came back", mine(change.reopened))
        new = mine(change.new)
        if new:
            out += _items("New this week", new)
    if not goals:
        out += [f"No goals for {quarter}" + (f" owned by {owner}" if owner else "") + ".", ""]
    total_open = sum(1 for d in end.documents for f in d.findings if f.open)
    out += ["## All documents", "",
            f"Fixed {len(change.fixed)}, new {len(change.new)}, came back {len(change.reopened)}; "
            f"{total_open} open.", ""]
    return "\n".join(out)
