"""Process exit codes, shared by the CLI and documented in the README."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  #: nothing at or above --fail-on
    FINDINGS = 1  #: findings at or above --fail-on
    USAGE = 2  #: usage, rule or configuration error
    INPUT_ERROR = 3  #: an input could not be read (wins over FINDINGS)


class ModelError(Exception):
    """A spaCy pipeline the user asked for cannot be loaded (exit 2). Defined
    here, not in ``nlp``, so commands can catch it without importing spaCy."""
