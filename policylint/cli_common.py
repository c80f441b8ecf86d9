"""What every command shares: one-line error messages, loading the rules
(exit 2 on a bad rule file) and the ``--extend-rules`` option."""

from __future__ import annotations

import click

from typing import TYPE_CHECKING

from policylint.exitcodes import ExitCode
from policylint.names import shown

if TYPE_CHECKING:  # loading rules imports spaCy: only commands that need rules pay for it
    from policylint.ruleset import RuleSet


def error(message: str) -> None:
    """Print ``policylint: message`` on standard error, as one line: control
    characters and undecodable bytes (from file names) are escaped (``names.shown``)."""
    click.echo(f"policylint: {shown(message)}", err=True)


def load_or_exit(extend_rules: tuple[str, ...]) -> RuleSet:
    """The built-in rules plus those in the config file's ``extend-rules`` and
    in ``extend_rules``; every problem printed on its own line and exit 2 when
    the config or a rule file is invalid."""
    from policylint.config import ConfigError, load_settings
    from policylint.ruleset import RuleLoadError, load_rules

    try:
        settings = load_settings()
        folders = [settings.path(folder) for folder in settings.extend_rules]
        return load_rules([*folders, *extend_rules])
    except ConfigError as exc:
        for problem in exc.problems:
            error(problem)
        raise SystemExit(ExitCode.USAGE) from None
    except RuleLoadError as exc:
        for problem in exc.problems:
            error(f"rule error: {problem}")
        raise SystemExit(ExitCode.USAGE) from None


extend_rules_option = click.option(
    "--extend-rules",
    "extend_rules",
    multiple=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Also load the rule YAML files in DIR (repeatable).",
)
