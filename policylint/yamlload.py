"""The YAML loader for rule and concept files.

PyYAML follows YAML 1.1, where an unquoted ``on``, ``off``, ``yes``, ``no``,
``y`` and ``n`` are booleans, so a word list such as ``[for, on, about]`` or
``preposition: [on]`` would silently hold ``True``. Rule files are lists of
words far more often than switches, so only ``true`` and ``false`` (any case)
are booleans here, as in YAML 1.2.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class RuleLoader(_BASE):  # type: ignore[misc, valid-type]
    pass


RuleLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
RuleLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=RuleLoader)
