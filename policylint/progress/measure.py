"""What the history says: goal states, quarter totals and the week's changes.

A finding is known by its document's path and its fingerprint. It is *open*
in a run when the run reported it or held it back as baselined (a finding
suppressed in the document or the config was judged fine and is not open).
Between one run and the next:

- *fixed*: open before, gone after, in a document both runs checked (a
  document that was not checked again is not counted either way);
- *new*: open after and never open in any earlier run;
- *re-opened*: open after, not before, but open in some earlier run.

The first run is where the history starts: its findings are not "new".

A goal's *start* is the number of its open findings at the last run before
its quarter (else the quarter's first run); *now* is the number at the last
run up to ``now`` within the quarter. Its state is ``done`` when now is at or
below the target; else ``missed`` once the quarter is over, ``not started``
before it begins, and otherwise ``on track`` when now is at or below the
straight line from start (at the quarter's first day) to the target (at its
end), read at ``now``, and ``at risk`` when it is above it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from policylint.goals import Goal, quarter_bounds, quarter_of
from policylint.history.snapshot import FindingRow, Snapshot

Key = tuple[str, str]  # (path, fingerprint)

DONE, ON_TRACK, AT_RISK, MISSED, NOT_STARTED, NO_DATA = "done", "on track", "at risk", "missed", "not started", \
    "no data"


def run_time(run: Snapshot) -> dt.datetime:
    return dt.datetime.strptime(run.recorded_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def open_findings(run: Snapshot) -> dict[Key, FindingRow]:
    return {(d.path, f.fingerprint): f for d in run.documents for f in d.findings if f.open}


@dataclass
class Change:
    """What changed from one run to the next (or over a window)."""

    fixed: dict[Key, FindingRow] = field(default_factory=dict)
    new: dict[Key, FindingRow] = field(default_factory=dict)
    reopened: dict[Key, FindingRow] = field(default_factory=dict)


def compare(before: Snapshot, after: Snapshot, seen: set[Key]) -> Change:
    """``after`` against ``before``; ``seen``: every key open in a run up to ``before``."""
    old, current = open_findings(before), open_findings(after)
    kept_paths = {d.path for d in before.documents} & {d.path for d in after.documents}
    change = Change()
    for key, row in old.items():
        if key not in current and key[0] in kept_paths:
            change.fixed[key] = row
    for key, row in current.items():
        if key not in old:
            (change.reopened if key in seen else change.new)[key] = row
    return change


@dataclass
class GoalState:
    goal: Goal
    state: str
    start: int | None = None
    now: int | None = None
    #: where the straight line says it should be now
    expected: float | None = None
    measured_at: str | None = None
    still_open: list[tuple[str, FindingRow]] = field(default_factory=list)


@dataclass
class QuarterTotals:
    quarter: str
    runs: int
    open_by_category: dict[str, int]
    fixed: int
    new: int
    reopened: int

    @property
    def open(self) -> int:
        return sum(self.open_by_category.values())


class History:
    """The recorded runs (oldest first), the goals, and the moment asked about."""

    def __init__(self, runs: list[Snapshot], goals: list[Goal], now: dt.datetime):
        self.runs = sorted(runs, key=lambda r: (r.recorded_at, r.id or 0))
        self.goals = list(goals)
        self.now = now
        upto = [r for r in self.runs if run_time(r) <= now]
        self.runs = upto
        self.changes: list[Change] = []
        seen: set[Key] = set()
        for index, run in enumerate(self.runs):
            if index:
                self.changes.append(compare(self.runs[index - 1], run, seen))
            seen |= open_findings(run).keys()

    # -- goals -------------------------------------------------------------

    def goal_states(self) -> list[GoalState]:
        return [self.goal_state(goal) for goal in self.goals]

    def goal_state(self, goal: Goal) -> GoalState:
        start_at, end_at = quarter_bounds(goal.quarter)
        before = [r for r in self.runs if run_time(r) < start_at]
        within = [r for r in self.runs if start_at <= run_time(r) < end_at]
        first = before[-1] if before else (within[0] if within else None)
        if first is None:
            return GoalState(goal, NOT_STARTED if self.now < start_at else NO_DATA)
        last = within[-1] if within else first
        start, current = self._count(goal, first), self._count(goal, last)
        state = GoalState(goal, "", start, current, measured_at=last.recorded_at,
                          still_open=sorted(((k[0], row) for k, row in open_findings(last).items()
                                             if goal.selects(row.rule, row.name, row.category)),
                                            key=lambda item: (item[0], item[1].paragraph or 0, item[1].rule)))
        if self.now < start_at:
            state.state = NOT_STARTED
        elif current <= goal.target:
            state.state = DONE
        elif self.now >= end_at:
            state.state = MISSED
        else:
            fraction = (self.now - start_at) / (end_at - start_at)
            state.expected = start - (start - goal.target) * fraction
            state.state = ON_TRACK if current <= state.expected + 1e-9 else AT_RISK
        return state

    @staticmethod
    def _count(goal: Goal, run: Snapshot) -> int:
        return sum(1 for row in open_findings(run).values() if goal.selects(row.rule, row.name, row.category))

    # -- quarters ----------------------------------------------------------

    def quarters(self) -> list[QuarterTotals]:
        totals: dict[str, QuarterTotals] = {}
        for index, run in enumerate(self.runs):
            quarter = quarter_of(run_time(run))
            entry = totals.setdefault(quarter, QuarterTotals(quarter, 0, {}, 0, 0, 0))
            entry.runs += 1
            entry.open_by_category = dict(sorted(Counter(r.category for r in open_findings(run).values()).items()))
            if index:
                change = self.changes[index - 1]
                entry.fixed += len(change.fixed)
                entry.new += len(change.new)
                entry.reopened += len(change.reopened)
        return list(totals.values())

    # -- the trend, for the HTML report --------------------------------------

    def trend(self) -> list[tuple[Snapshot, dict[str, int], int]]:
        """Each run with its open findings by category and the findings fixed so far."""
        points = []
        fixed = 0
        for index, run in enumerate(self.runs):
            if index:
                fixed += len(self.changes[index - 1].fixed)
            points.append((run, dict(Counter(r.category for r in open_findings(run).values())), fixed))
        return points

    # -- the week ------------------------------------------------------------

    def week(self, days: int = 7) -> tuple[Snapshot, Snapshot, Change] | None:
        """The runs at the start and end of the ``days`` before ``now``, and what changed."""
        if not self.runs:
            return None
        since = self.now - dt.timedelta(days=days)
        before = [r for r in self.runs if run_time(r) <= since]
        start = before[-1] if before else self.runs[0]
        end = self.runs[-1]
        seen: set[Key] = set()
        for run in self.runs:
            seen |= open_findings(run).keys()
            if run is start:
                break
        return start, end, compare(start, end, seen)
