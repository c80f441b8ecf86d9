"""Regular expressions that are kept compiled between runs.

spaCy's prefix, suffix and infix expressions list thousands of characters;
``re.compile`` spends about 0.2 s on them, more than the rest of a one-line
check. ``Kept`` holds a pattern together with the program ``re`` compiled
it to (the same list of codes ``re.compile`` hands to the regular
expression engine), and pickles as that program, so a tokenizer loaded from
disk rebuilds its patterns without parsing them again.

The program is particular to the Python that made it: it is used only
under the same Python version and regular-expression engine, and any
problem falls back to ``re.compile``, which gives the same pattern.
"""

from __future__ import annotations

import re
import sys

try:  # CPython's engine and compiler; elsewhere patterns are simply compiled again
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - other Pythons
    _sre = _compiler = _parser = None

#: what a kept program is valid for
_RUNTIME = (sys.implementation.name, sys.version, getattr(_sre, "MAGIC", None))


class Kept:
    """A compiled pattern (``.pattern``) that pickles as its compiled program."""

    __slots__ = ("pattern", "_program")

    def __init__(self, source: str, flags: int = 0):
        self._program = _program(source, flags)
        self.pattern = _from_program(source, flags, self._program)

    def __reduce__(self):
        return (_restore, (self.pattern.pattern, self.pattern.flags, _RUNTIME, self._program))


def _program(source: str, flags: int) -> tuple | None:
    """What ``re._compiler.compile`` passes to the engine for ``source``, or None."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(source, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # plain ints: the named opcodes do not pickle
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))
    except Exception:  # noqa: BLE001 - a changed compiler: compile the usual way
        return None


def _from_program(source: str, flags: int, program: tuple | None) -> re.Pattern:
    if program is not None and _sre is not None:
        try:
            all_flags, code, groups, groupindex, indexgroup = program
            return _sre.compile(source, all_flags, code, groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - the engine refused the program: compile the usual way
            pass
    return re.compile(source, flags)


def _restore(source: str, flags: int, runtime: tuple, program: tuple | None) -> Kept:
    kept = Kept.__new__(Kept)
    kept._program = program if runtime == _RUNTIME else _program(source, flags)
    kept.pattern = _from_program(source, flags, kept._program)
    return kept
