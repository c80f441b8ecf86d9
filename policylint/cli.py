"""The command line: parse arguments and dispatch; the work happens elsewhere."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from policylint import __version__
from policylint.cli_common import error
from policylint.cli_options import record_options, settings_options, settings_from
from policylint.cli_progress import progress_command
from policylint.cli_rules import explain_command, rules_group
from policylint.exitcodes import ExitCode
from policylint.output import OutputFailed, atomic_output, check_target, is_special, silence_stdout
from policylint.report import FORMATTERS

_error = error


def _use_color(choice: str, stream) -> bool:
    if choice != "auto":
        return choice == "always"
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="policylint", message="%(prog)s %(version)s")
def cli() -> None:
    """Find the wording and rules in HR policy documents that exclude people,
    and say how to rewrite them.

    \b
    Examples:
      policylint check handbook.docx
      policylint check handbook.docx --statistics
      policylint check policies/ --format concise
      policylint check policies/ --format json --fail-on error
      policylint check policies/ --format sarif -o policylint.sarif
      policylint rules
      policylint rules test my-rules/
      policylint explain PL401
      policylint check policies/ --record && policylint progress --week
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE",
              help="Write the report to FILE (atomically) instead of standard output.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text report (auto: only on a terminal, and not when NO_COLOR is set).")
@click.option("--update-baseline", is_flag=True,
              help="Write every current finding to the baseline file (--baseline or the config's) and exit 0.")
@click.option("--stdin-filename", metavar="NAME",
              help="With '-' as a path: the name to report standard input under (its extension gives the format).")
@click.option("--statistics", is_flag=True,
              help="Instead of the findings, count them per rule (code, name, severity, category), most first.")
@click.option("--no-group", is_flag=True,
              help="Text and HTML: list every finding, instead of showing repeats of one rule on the same words "
                   "in a file once with where the others are.")
@click.option("-v", "--verbose", is_flag=True,
              help="Text: whole sentences, the full rewritten sentence and the full advice with its example.")
@record_options
@settings_options()
def check(paths: tuple[str, ...], fmt: str, output: Path | None, color: str, update_baseline: bool,
          stdin_filename: str | None, statistics: bool, no_group: bool, verbose: bool, show_suppressed: bool,
          no_cache: bool, record: bool, **params) -> None:
    """Check documents (.docx, .pdf, .md, .txt) and folders of them; '-' reads
    standard input.

    Folders are searched recursively. A path may be an fsspec URL
    (s3://bucket/policies/, gs://..., abfs://..., file:///...; the s3, gcs
    and azure extras install their packages). --scheduler checks on a Dask
    cluster, with the same report and exit status. Settings come from [tool.policylint] in
    pyproject.toml or a policylint.toml / .policylint.toml found by walking up
    from the current folder; options override them. Exit status: 0 no finding
    at or above --fail-on; 1 findings at or above it; 2 usage, rule or
    configuration error; 3 an input could not be read (the others are still
    checked, and 3 wins over 1).
    """
    from policylint.checking import Request, run_check

    if output is not None:
        check_target(output, [Path(p) for p in paths if p != "-"], what="the report ")
    if statistics and fmt not in ("text", "concise"):
        _error(f"--statistics prints a table for people; it does not go with --format {fmt}")
        raise SystemExit(ExitCode.USAGE)
    settings = settings_from(params, error=_error)
    stdin = _read_stdin(stdin_filename, settings.max_file_size) if "-" in paths else None
    request = Request(paths=list(paths), settings=settings, fmt="statistics" if statistics else fmt,
                      show_suppressed=show_suppressed, update_baseline=update_baseline, stdin=stdin,
                      no_cache=no_cache, progress=_progress_wanted(paths), record=record, command="check",
                      options={"group": not no_group, "verbose": verbose, "coverage": settings.coverage})
    with atomic_output(output) as out:
        request.color = _use_color(color, out)
        code = run_check(request, out, warn=_error)
        if code == ExitCode.USAGE:
            raise SystemExit(code)  # inside: a report file is not left behind
    raise SystemExit(code)


def _read_stdin(name: str | None, max_file_size: int) -> tuple[bytes | Exception, str]:
    """Standard input's bytes, read no further than ``--max-file-size`` (the
    error instead when it is longer), and the name to report it under."""
    from policylint.extract import ExtractError, read_stream
    from policylint.limits import Limits

    try:
        return read_stream(sys.stdin.buffer, Limits(max_file_size=max_file_size)), name or "<stdin>"
    except ExtractError as exc:
        return exc, name or "<stdin>"


def _progress_wanted(paths: tuple[str, ...]) -> bool:
    """A progress bar on a terminal, for more than one file (the batch decides the count)."""
    return sys.stderr.isatty() and "CI" not in os.environ


@cli.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing policylint.toml.")
def init_command(force: bool) -> None:
    """Write a commented policylint.toml with every setting to the current folder."""
    from importlib import resources

    target = Path("policylint.toml")
    if target.exists() and not force:
        _error(f"{target}: already exists (use --force to overwrite it)")
        raise SystemExit(ExitCode.USAGE)
    text = resources.files("policylint.report").joinpath("templates/policylint.toml").read_text(encoding="utf-8")
    with atomic_output(target) as out:
        out.write(text)
    click.echo(f"Wrote {target}. Edit it, then run: policylint check .")


cli.add_command(rules_group)
cli.add_command(explain_command)
cli.add_command(progress_command)


def main() -> None:
    try:
        cli.main(prog_name="policylint", standalone_mode=True)
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(130)
    finally:
        _flush_stdout()


def _flush_stdout() -> None:
    """Whatever is still buffered for standard output, written now: a full disk
    (``> /dev/full``) is one error line and exit 2, not a traceback at exit."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        failure = OutputFailed.from_os(None, exc)
        silence_stdout()
        failure.show()
        sys.exit(failure.exit_code)


# --------------------------------------------------------------------------- auditor outputs


def _summary_to_stderr(line: str) -> None:
    click.echo(line, err=True)


def _input_format(path: Path, max_file_size: int) -> str:
    """The sniffed format of one input file; exit 3 with one line if it cannot be read."""
    from policylint.extract import ExtractError, read_bytes
    from policylint.extract.sniff import sniff
    from policylint.limits import Limits

    try:
        return sniff(read_bytes(path, Limits(max_file_size=max_file_size)), path.suffix.lower())
    except ExtractError as exc:
        reason = str(exc) + (": annotate takes one file" if path.is_dir() else "")
    _error(f"{path}: {reason}")
    raise SystemExit(ExitCode.INPUT_ERROR)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), metavar="OUT",
              help="Where to write the annotated copy (same format as FILE; written atomically).")
@click.option("--suggest-changes", is_flag=True,
              help="DOCX: also write each direct replacement (chairman -> chair) as a tracked change.")
@settings_options(fail_on_default="never")
def annotate(file: Path, output: Path, suggest_changes: bool, show_suppressed: bool, no_cache: bool,
             **params) -> None:
    """Write a copy of FILE (.docx or .pdf) with every finding marked where it is.

    \b
    DOCX: a Word comment on the matched words (rule, message, suggestion);
          with --suggest-changes, replacements also as tracked changes.
    PDF:  a highlight over the matched words, with the same note.

    FILE itself is never changed. Exit status: 0 the copy was written (1 with
    --fail-on and findings at or above it); 2 usage error (unsupported format,
    OUT is FILE); 3 FILE could not be read.
    """
    from policylint.checking import Request, run_check

    settings = settings_from(params, fail_on_default="never", error=_error)
    fmt = _input_format(file, settings.max_file_size)
    if fmt not in ("docx", "pdf"):
        _error(f"{file}: annotate supports .docx and .pdf files; this is a {fmt} file (use check or report)")
        raise SystemExit(ExitCode.USAGE)
    check_target(output, [file])
    if output.suffix.lower() != f".{fmt}" and not is_special(output):  # a pipe or a device takes any name
        _error(f"{output}: the annotated copy of a {fmt.upper()} file must end in .{fmt}")
        raise SystemExit(ExitCode.USAGE)
    if suggest_changes and fmt != "docx":
        _error("--suggest-changes is for .docx files (PDF highlights carry the suggestion in their note)")
        raise SystemExit(ExitCode.USAGE)
    request = Request(paths=[str(file)], settings=settings, fmt=f"annotated-{fmt}", no_cache=no_cache,
                      command="annotate",
                      show_suppressed=show_suppressed, options={"suggest_changes": suggest_changes})
    with atomic_output(output) as out:
        code = run_check(request, out, warn=_error, summary=_summary_to_stderr)
    raise SystemExit(code)


@cli.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--html", "html_out", required=True, type=click.Path(path_type=Path),
              metavar="OUT.html", help="Write a self-contained HTML audit report to OUT.html (atomically).")
@click.option("--no-group", is_flag=True,
              help="List every finding, instead of showing repeats of one rule on the same words in a file once.")
@record_options
@settings_options()
def report_command(paths: tuple[str, ...], html_out: Path, no_group: bool, show_suppressed: bool, no_cache: bool,
                   record: bool,
                   **params) -> None:
    """Check documents and folders and write an audit report for people.

    The HTML file needs nothing else to be read (styles and script are
    inside it; it loads nothing from the network), can be sent by e-mail
    and prints cleanly. It lists what was checked (files, SHA-256, words,
    rule pack version, date), totals by category and severity, and every
    finding with its evidence, rationale and references. The one-line
    summary goes to standard error; exit status as for check.
    """
    from policylint.checking import Request, run_check

    check_target(html_out, [Path(p) for p in paths])
    settings = settings_from(params, error=_error)
    request = Request(paths=list(paths), settings=settings, fmt="html", show_suppressed=show_suppressed,
                      no_cache=no_cache, progress=_progress_wanted(paths), record=record, command="report",
                      options={"group": not no_group, "coverage": settings.coverage})
    with atomic_output(html_out) as out:
        code = run_check(request, out, warn=_error, summary=_summary_to_stderr)
        if code == ExitCode.USAGE:
            raise SystemExit(code)  # inside: a half-made report is not left behind
    raise SystemExit(code)
