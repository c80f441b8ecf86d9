"""What every match kind reports."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Role(StrEnum):
    MATCH = "m"  #: the rule's ``match``
    UNLESS = "u"  #: one of the rule's ``unless`` contexts
    WHEN = "w"  #: one of the rule's ``when`` contexts
    REQUIRE = "r"  #: one alternative (group) of an absence rule's ``require``


class Key(NamedTuple):
    rule: int  #: index of the rule in the engine's rule list
    role: Role
    n: int = 0  #: which context or group of the rule

    def encode(self) -> str:
        return f"{self.rule}|{self.role.value}|{self.n}"

    @classmethod
    def decode(cls, value: str) -> Key:
        rule, role, n = value.split("|")[:3]
        return cls(int(rule), Role(role), int(n))


class Hit(NamedTuple):
    key: Key
    start: int  #: character offset in the text that was matched
    end: int
