"""``policylint progress`` on a git repository of policies recorded across
commits and fake dates (tests/history_estate.py): goal states, quarter
totals and the weekly update, exactly."""

from __future__ import annotations

import json

import pytest

from tests.history_estate import make_estate


@pytest.fixture(scope="module")
def estate(tmp_path_factory):
    monkeypatch = pytest.MonkeyPatch()
    try:
        yield make_estate(tmp_path_factory.mktemp("estate"), monkeypatch)
    finally:
        monkeypatch.undo()


@pytest.fixture(autouse=True)
def _in_estate(estate, monkeypatch):
    monkeypatch.chdir(estate.root)


def progress_json(estate, day: str) -> dict:
    result = estate.invoke("progress", "--format", "json", day=day)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_goal_states_at_the_end_of_february(estate):
    data = progress_json(estate, "2027-02-24")
    assert data["runs"] == 4
    states = [(g["owner"], g["quarter"], g["start"], g["now"], g["target"], g["state"]) for g in data["goals"]]
    assert states == [
        ("Head of People", "2027-Q1", 3, 0, 0, "done"),       # all three complaint findings fixed
        ("Comms lead", "2027-Q1", 1, 1, 0, "at risk"),        # the foreman came back; the line is at 0.4
        ("Ops director", "2026-Q4", 1, 1, 0, "missed"),       # the quarter ended with the foreman still there
        ("Head of People", "2027-Q2", 0, 0, 0, "not started"),  # measured, not yet begun
    ]
    comms = data["goals"][1]
    assert comms["expected"] == 0.4  # 1 - 1 * (54 days / 90 days)
    assert [(f["path"], f["rule"], f["text"], f["section"]) for f in comms["still_open"]] == [
        ("policies/handbook.md", "PL401", "foreman", "Roles")]


def test_a_goal_is_on_track_below_the_straight_line(estate):
    data = progress_json(estate, "2027-01-12")
    first = data["goals"][0]
    # start 3 (R1), now 1 (R2: only PL1202 left); the line: 3 - 3 * 11/90 = 2.63
    assert (first["start"], first["now"], first["expected"], first["state"]) == (3, 1, 2.63, "on track")
    assert [f["rule"] for f in first["still_open"]] == ["PL1202"]
    assert data["runs"] == 2  # runs after "now" are not counted


def test_quarter_totals(estate):
    quarters = progress_json(estate, "2027-02-24")["quarters"]
    assert quarters == [
        {"quarter": "2026-Q4", "runs": 1, "open": 4, "open_by_category": {"complaints": 3, "gendered-language": 1},
         "fixed": 0, "new": 0, "reopened": 0},
        # R2: PL1201, PL1206 fixed, chairman new; R3: PL1202, foreman, chairman fixed; R4: foreman re-opened
        {"quarter": "2027-Q1", "runs": 3, "open": 1, "open_by_category": {"gendered-language": 1},
         "fixed": 5, "new": 1, "reopened": 1},
    ]


def test_progress_text(estate):
    result = estate.invoke("progress", day="2027-02-24")
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
Progress as of 2027-02-24 00:00 UTC (4 recorded runs)

Goals
  Quarter  Owner           Objective                                              Start  Now  Target  State
  2027-Q1  Head of People  Everyone can report harassment outside their own line  3      0    0       done
  2027-Q1  Comms lead      Job titles fit anyone                                  1      1    0       at risk
  2026-Q4  Ops director    No foremen                                             1      1    0       missed
  2027-Q2  Head of People  Appeals for every decision                             0      0    0       not started

  Job titles fit anyone (Comms lead): 1 still open; the straight line to the target is at 0.4 today
    - PL401 gendered-job-titles: “foreman” (policies/handbook.md › Roles, paragraph 5)

  No foremen (Ops director): 1 still open
    - PL401 gendered-job-titles: “foreman” (policies/handbook.md › Roles, paragraph 4)

Quarters (all documents)
  Quarter  Runs  Open  Fixed  New  Re-opened  Open by category
  2026-Q4  1     4     0      0    0          complaints 3, gendered-language 1
  2027-Q1  3     1     5      1    1          gendered-language 1
"""


def test_progress_markdown(estate):
    result = estate.invoke("progress", "--format", "markdown", day="2027-02-24")
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
# Equity goals: progress as of 2027-02-24

| Quarter | Objective | Owner | Start | Now | Target | State |
| --- | --- | --- | ---: | ---: | ---: | --- |
| 2027-Q1 | Everyone can report harassment outside their own line | Head of People | 3 | 0 | 0 | done |
| 2027-Q1 | Job titles fit anyone | Comms lead | 1 | 1 | 0 | at risk |
| 2026-Q4 | No foremen | Ops director | 1 | 1 | 0 | missed |
| 2027-Q2 | Appeals for every decision | Head of People | 0 | 0 | 0 | not started |

## Job titles fit anyone

Comms lead · 2027-Q1 · at risk (the straight line to the target is at 0.4 today)

Still open (1):

- PL401 gendered-job-titles: “foreman” (policies/handbook.md › Roles, paragraph 5)

## No foremen

Ops director · 2026-Q4 · missed

Still open (1):

- PL401 gendered-job-titles: “foreman” (policies/handbook.md › Roles, paragraph 4)

## Quarters

| Quarter | Runs | Open | Fixed | New | Re-opened | Open by category |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
| 2026-Q4 | 1 | 4 | 0 | 0 | 0 | complaints 3, gendered-language 1 |
| 2027-Q1 | 3 | 1 | 5 | 1 | 1 | gendered-language 1 |
"""


def test_weekly_update_with_a_finding_that_came_back(estate):
    result = estate.invoke("progress", "--week", day="2027-02-24")
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
# Weekly update: 2027-02-17 to 2027-02-24

Compared: the run of 2027-02-01 with the run of 2027-02-20.

## Everyone can report harassment outside their own line

Owner: Head of People · 2027-Q1 · done · open findings: 3 at the start, 0 now, target 0

**Fixed this week (0)**

- none

**Still open (0)**

- none

**Came back (0)**

- none

## Job titles fit anyone

Owner: Comms lead · 2027-Q1 · at risk · open findings: 1 at the start, 1 now, target 0 (the straight line to the target is at 0.4 today)

**Fixed this week (0)**

- none

**Still open (1)**

- PL401 gendered-job-titles: “foreman” (policies/handbook.md › Roles, paragraph 5)

**Came back (1)**

- PL401 gendered-job-titles: “foreman” (policies/handbook.md › Roles, paragraph 5)

## All documents

Fixed 0, new 0, came back 1; 1 open.
"""


def test_weekly_update_of_one_owner_with_fixes(estate):
    result = estate.invoke("progress", "--week", "--owner", "Comms lead", day="2027-02-05")
    assert result.exit_code == 0, result.output
    assert result.stdout == """\
# Weekly update: 2027-01-29 to 2027-02-05

Compared: the run of 2027-01-10 with the run of 2027-02-01.

## Job titles fit anyone

Owner: Comms lead · 2027-Q1 · done · open findings: 1 at the start, 0 now, target 0

**Fixed this week (2)**

- PL401 gendered-job-titles: “foreman” (policies/handbook.md › Roles, paragraph 4)
- PL401 gendered-job-titles: “chairman” (policies/leave.md › Leave, paragraph 2)

**Still open (0)**

- none

**Came back (0)**

- none

## All documents

Fixed 3, new 0, came back 0; 0 open.
"""


def test_progress_writes_a_file_atomically(estate):
    out = estate.root / "progress.md"
    result = estate.invoke("progress", "--format", "markdown", "-o", str(out), day="2027-02-24")
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Equity goals: progress as of 2027-02-24\n")


def test_owner_without_week_is_a_usage_error(estate):
    result = estate.invoke("progress", "--owner", "x", day="2027-02-24")
    assert result.exit_code == 2
    assert result.stderr == "policylint: --owner goes with --week\n"
