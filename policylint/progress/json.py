"""``policylint progress --format json``: the goals and quarters as one
object (``version`` 1)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from policylint.history.snapshot import FindingRow
from policylint.progress.measure import History

VERSION = 1


def _finding(path: str, row: FindingRow) -> dict[str, Any]:
    return {"path": path, **{k: v for k, v in asdict(row).items() if k not in ("suppressed",)}}


def to_dict(history: History) -> dict[str, Any]:
    return {
        "version": VERSION,
        "now": history.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "runs": len(history.runs),
        "goals": [{**state.goal.model_dump(), "state": state.state, "start": state.start, "now": state.now,
                   "expected": None if state.expected is None else round(state.expected, 2),
                   "measured_at": state.measured_at,
                   "still_open": [_finding(path, row) for path, row in state.still_open]}
                  for state in history.goal_states()],
        "quarters": [{"quarter": q.quarter, "runs": q.runs, "open": q.open, "open_by_category": q.open_by_category,
                      "fixed": q.fixed, "new": q.new, "reopened": q.reopened} for q in history.quarters()],
    }


def render(history: History) -> str:
    return json.dumps(to_dict(history), indent=2, ensure_ascii=False) + "\n"
