"""What every match kind reports."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Role(StrEnum):
    MATCH = "m"  #: the rule's ``match``
    UNLESS = "u"  #: the rule's ``unless``


class Key(NamedTuple):
    rule: int  #: index of the rule in the engine's rule list
    role: Role

    def encode(self) -> str:
        return f"{self.rule}|{self.role.value}"

    @classmethod
    def decode(cls, value: str) -> Key:
        rule, role = value.split("|")
        return cls(int(rule), Role(role))


class Hit(NamedTuple):
    key: Key
    start: int  #: character offset in the text that was matched
    end: int
