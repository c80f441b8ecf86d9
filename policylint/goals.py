"""Goals: one improvement a quarter, with a named owner.

A goal lives in the config as ``[[tool.policylint.goals]]`` (``quarter``,
``objective``, ``select``, ``target``, ``owner``) and is validated with the
rest of the settings; that its selectors name at least one rule is checked
when the rules are loaded (``check_goals``). ``policylint progress``
(policylint/progress/) measures each goal against the history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


class Goal(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    quarter: str = Field(description='The quarter the goal is for, written like "2027-Q1".')
    objective: str = Field(min_length=1, description="What should be true at the end of the quarter.")
    select: list[str] = Field(min_length=1, description="The findings the goal is about (same selectors as select).")
    target: int = Field(default=0, ge=0, description="Open findings at the end of the quarter.")
    owner: str = Field(min_length=1, description="Who reports progress every week.")

    @field_validator("quarter")
    @classmethod
    def _quarter(cls, value: str) -> str:
        value = value.strip().upper()
        if not _QUARTER.match(value):
            raise ValueError('must be a quarter written like "2027-Q1"')
        return value

    @field_validator("select", mode="before")
    @classmethod
    def _select(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def start(self) -> dt.datetime:
        return quarter_bounds(self.quarter)[0]

    @property
    def end(self) -> dt.datetime:
        return quarter_bounds(self.quarter)[1]

    def selects(self, rule: str, name: str, category: str) -> bool:
        from policylint.selection import score

        return any(score(s, rule, name, category) is not None for s in self.select)


def quarter_bounds(quarter: str) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of a quarter and of the next one (UTC)."""
    match = _QUARTER.match(quarter)
    if match is None:
        raise ValueError(f"{quarter!r} is not a quarter")
    year, number = int(match.group(1)), int(match.group(2))
    start = dt.datetime(year, 3 * number - 2, 1, tzinfo=dt.timezone.utc)
    end = dt.datetime(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1, tzinfo=dt.timezone.utc)
    return start, end


def quarter_of(moment: dt.datetime) -> str:
    return f"{moment.year}-Q{(moment.month - 1) // 3 + 1}"


def check_goals(goals: Iterable[Goal], rules, where: str) -> list[str]:
    """One problem per goal selector that names no rule: a goal must select
    findings, and a misspelt selector would select none."""
    from policylint.selection import unknown_selectors

    rules = list(rules)
    return [f"{where}: goals.{number}.select: '{name}' names no rule code, prefix, name or category "
            "(see policylint rules)"
            for number, goal in enumerate(goals) for name in unknown_selectors(goal.select, rules)]
