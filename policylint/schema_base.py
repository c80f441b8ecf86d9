"""Base pieces of every schema model: strict, frozen models and non-empty text."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    #: schemas are built on first validation: a run that loads a compiled pack validates no rule
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
