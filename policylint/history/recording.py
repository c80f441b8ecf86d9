"""Recording a ``check`` or ``report`` run: where the history is, checking
it before the documents are read, and storing the run when it succeeded."""

from __future__ import annotations

from pathlib import Path

from policylint.config import Settings
from policylint.history.gitinfo import git_state
from policylint.history.snapshot import snapshot_of
from policylint.history.store import open_for_writing, record
from policylint.output import timestamp
from policylint.result import CheckResult


def history_path(settings: Settings) -> Path:
    return settings.path(settings.history_db)


def check_ready(settings: Settings) -> None:
    """Raise ``HistoryError`` now, before any document is read, if the
    history cannot take a run (made or migrated here when needed)."""
    open_for_writing(history_path(settings)).close()


def record_run(result: CheckResult, settings: Settings, command: str, rule_folders: list[Path]) -> int:
    """Store ``result`` as one run (time from ``SOURCE_DATE_EPOCH`` when set)."""
    folder = _documents_folder(result, settings.root)
    snapshot = snapshot_of(result, settings.root, command, timestamp().strftime("%Y-%m-%dT%H:%M:%SZ"),
                           rule_folders, git_state(folder))
    return record(history_path(settings), snapshot)


def _documents_folder(result: CheckResult, root: Path) -> Path:
    """The folder the documents are in (the first one's), for the git commit."""
    for file in result.files:
        if not file.path.startswith("<"):
            return Path(file.path).resolve().parent
    return root


class HistoryLink:
    """What one run does with the history: check it first when recording,
    give the HTML report its trend, and store the run at the end."""

    def __init__(self, settings: Settings, recording: bool, command: str, warn, runs: list | None):
        self.settings = settings
        self.recording = recording
        self.command = command
        self.warn = warn
        #: the stored runs, for the report's trend (None: not wanted)
        self.runs = runs
        self.snapshot = None

    @classmethod
    def open(cls, settings: Settings, recording: bool, command: str, warn, trend: bool = False) -> HistoryLink:
        if recording:
            check_ready(settings)
        runs = None
        if trend:
            from policylint.history.read import load_runs

            runs = load_runs(history_path(settings))
        return cls(settings, recording, command, warn, runs)

    def prepare(self, info, result: CheckResult) -> None:
        """Before the report is written: the trend (stored runs, and this one
        when it is being recorded) and the goals, in ``info.options["history"]``."""
        if not self.runs and not self.recording or self.runs is None:
            return
        runs = list(self.runs)
        if self.recording and not result.errors:
            runs.append(snapshot_of(result, self.settings.root, self.command,
                                    timestamp().strftime("%Y-%m-%dT%H:%M:%SZ"), [], (None, None)))
        if runs:
            from policylint.progress.measure import History

            info.options["history"] = History(runs, self.settings.goals, now=timestamp())

    def record(self, result: CheckResult, rule_folders: list[Path]) -> bool:
        """Store the run; False (after a one-line error) when the history refused it.
        A run in which an input could not be read is not recorded."""
        from policylint.history.store import HistoryError

        if result.errors:
            count = len(result.errors)
            self.warn(f"warning: not recorded in the history: {count} input{'s' if count != 1 else ''} "
                      "could not be read")
            return True
        try:
            record_run(result, self.settings, self.command, self._folders(rule_folders))
        except HistoryError as exc:
            self.warn(str(exc))
            return False
        return True

    @staticmethod
    def _folders(extra: list[Path]) -> list[Path]:
        from policylint.ruleset import builtin_rules_dir

        return [builtin_rules_dir(), *extra]
