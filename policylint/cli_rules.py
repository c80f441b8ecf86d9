"""The commands about rules: ``rules`` (list them), ``rules test DIR`` (check
a folder of your own rules and run their examples) and ``explain CODE``.
They parse arguments and print; the work is in ruledocs.py and examples.py."""

from __future__ import annotations

import difflib
import json
import shutil
from typing import TYPE_CHECKING

import click

from policylint.cli_common import error, extend_rules_option, load_or_exit
from policylint.exitcodes import ExitCode

if TYPE_CHECKING:  # loading rules imports spaCy; only these commands' own code needs it
    from policylint.rule import Rule
    from policylint.ruleset import RuleSet


@click.group("rules", invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="markdown prints the rule table used in the README.")
@extend_rules_option
@click.pass_context
def rules_group(ctx: click.Context, fmt: str, extend_rules: tuple[str, ...]) -> None:
    """List the loaded rules: code, name, category and severity.

    \b
    policylint rules test DIR   checks your own rule files and runs their examples
    policylint explain CODE     explains one rule
    """
    if ctx.invoked_subcommand is not None:
        return
    ruleset = load_or_exit(extend_rules)
    if fmt == "markdown":
        from policylint.ruledocs import markdown_table

        click.echo(markdown_table(ruleset))
        return
    if fmt == "json":
        click.echo(json.dumps([rule_summary(rule) for rule in ruleset], indent=2, ensure_ascii=False))
        return
    width = max((len(rule.name) for rule in ruleset), default=4)
    click.echo(f"{'code':<7} {'name':<{width}}  {'category':<18} severity")
    for rule in ruleset:
        click.echo(f"{rule.id:<7} {rule.name:<{width}}  {rule.category.value:<18} {rule.severity.value}")
    click.echo(f"\n{len(ruleset)} rule{'s' if len(ruleset) != 1 else ''}.")


def rule_summary(rule: Rule) -> dict[str, str]:
    return {"id": rule.id, "name": rule.name, "category": rule.category.value, "severity": rule.severity.value,
            "message": rule.message}


@rules_group.command("test")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--model", metavar="NAME", help="spaCy pipeline for rules that need grammar (as for check).")
def rules_test(folder: str, model: str | None) -> None:
    """Check the rule files in FOLDER and run each rule's flag: and ok: examples.

    The rules are loaded together with the built-in ones, so a code or name
    that is already taken is reported. Exit status: 0 every example behaves
    as declared; 1 some example does not (each is shown); 2 a rule file is
    invalid (each problem on its own line, naming the file and field).
    """
    from policylint.examples import check_rule_folder
    from policylint.nlp import ModelError

    try:
        report = check_rule_folder(folder, model=model)
    except ModelError as exc:
        error(str(exc))
        raise SystemExit(ExitCode.USAGE) from None
    if report.problems:
        for problem in report.problems:
            error(f"rule error: {problem}")
        raise SystemExit(ExitCode.USAGE)
    for outcome in report.failures:
        click.echo(f"FAIL {outcome.rule} {outcome.kind} example ({report.sources[outcome.rule]}):")
        for line in outcome.text.splitlines():
            click.echo(f"       {line}")
        click.echo(f"     expected: {outcome.expected}")
        click.echo(f"     got:      {outcome.got}")
    total, failed = len(report.outcomes), len(report.failures)
    rules = f"{len(report.rules)} rule{'s' if len(report.rules) != 1 else ''}"
    if failed:
        click.echo(f"{rules}, {total} examples: {total - failed} passed, {failed} failed.")
        raise SystemExit(ExitCode.FINDINGS)
    click.echo(f"{rules}, {total} examples: all passed.")


@click.command("explain")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json prints the rule's documentation as one object.")
@extend_rules_option
def explain_command(code: str, fmt: str, extend_rules: tuple[str, ...]) -> None:
    """Explain one rule: what it finds, why it matters, how to fix it, its
    references and examples. CODE is a rule code (PL401) or name
    (gendered-job-titles)."""
    from policylint.ruledocs import explain_dict, explain_text

    ruleset = load_or_exit(extend_rules)
    rule = ruleset.get(code.strip())
    if rule is None:
        error(f"no rule {code!r}{_did_you_mean(code, ruleset)}")
        raise SystemExit(ExitCode.USAGE)
    if fmt == "json":
        source = ruleset.sources.get(rule.id)
        click.echo(json.dumps(explain_dict(rule, str(source) if source else None), indent=2, ensure_ascii=False))
        return
    width = min(shutil.get_terminal_size((80, 24)).columns, 100)
    click.echo(explain_text(rule, width=width))


def _did_you_mean(code: str, ruleset: RuleSet) -> str:
    key = code.strip()
    close = difflib.get_close_matches(key.upper(), [rule.id for rule in ruleset], n=3, cutoff=0.6)
    close += difflib.get_close_matches(key.lower(), [rule.name for rule in ruleset], n=3, cutoff=0.6)
    if not close:
        return " (policylint rules lists them all)"
    return ": did you mean " + ", ".join(dict.fromkeys(close)) + "?"
