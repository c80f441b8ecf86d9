"""``policylint progress``: goals with owners and quarter totals, from the history."""

from __future__ import annotations

from pathlib import Path

import click

from policylint.cli_common import error
from policylint.exitcodes import ExitCode
from policylint.output import atomic_output


@click.command("progress")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--week", is_flag=True,
              help="Write the owners' weekly update instead (Markdown): per goal of this quarter, what was fixed "
                   "in the last seven days, what is left and what came back.")
@click.option("--owner", metavar="NAME", help="With --week: only the goals of this owner.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write to FILE (atomically) instead of standard output.")
@click.option("--history-db", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="The history database [default: the config's history-db, else .policylint/history.sqlite "
                   "beside the config file].")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Read the goals from FILE instead of the config found by walking up.")
def progress_command(fmt: str, week: bool, owner: str | None, output: Path | None, history_db: Path | None,
                     config_file: Path | None) -> None:
    """Show each goal's progress and the quarter totals, from the runs
    recorded with `check --record` (or `history = true`).

    \b
    Per goal: owner, open findings at the start of its quarter and now, the
    target, and its state: done, on track or at risk (against a straight
    line from the start to the target at the quarter's end), missed, not
    started. Per quarter: open findings by category, and how many were
    fixed, new and re-opened. Dates honour SOURCE_DATE_EPOCH.

    \b
    Examples:
      policylint progress
      policylint progress --format markdown -o progress.md
      policylint progress --week --owner "Head of People"

    Exit status: 0 written; 2 a configuration or history problem.
    """
    from policylint.config import ConfigError, load_settings
    from policylint.goals import check_goals
    from policylint.history import HistoryError
    from policylint.history.read import load_runs
    from policylint.history.recording import history_path
    from policylint.output import timestamp
    from policylint.progress import render
    from policylint.progress.measure import History
    from policylint.ruleset import RuleLoadError, load_rules

    if owner is not None and not week:
        error("--owner goes with --week")
        raise SystemExit(ExitCode.USAGE)
    try:
        settings = load_settings(config_file)
        if settings.goals:
            rules = load_rules([settings.path(folder) for folder in settings.extend_rules])
            problems = check_goals(settings.goals, rules, settings.source or "command line")
            if problems:
                raise ConfigError(problems)
        runs = load_runs(history_db if history_db is not None else history_path(settings))
    except (ConfigError, RuleLoadError) as exc:
        for problem in exc.problems:
            error(problem)
        raise SystemExit(ExitCode.USAGE) from None
    except HistoryError as exc:
        error(str(exc))
        raise SystemExit(ExitCode.USAGE) from None
    history = History(runs, settings.goals, now=timestamp())
    if week:
        from policylint.progress.week import render as render_week

        text = render_week(history, owner)
    else:
        text = render(fmt, history)
    with atomic_output(output) as out:
        out.write(text)
