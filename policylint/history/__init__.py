"""The history: each recorded ``check`` or ``report`` run, in an SQLite
database (``.policylint/history.sqlite`` beside the config file by default;
``history-db`` moves it). ``store`` opens, checks, migrates and writes it,
``schema`` holds the layout and its migrations, ``snapshot`` what one run
holds, ``read`` reads the runs back, ``recording`` ties it to a run."""

from policylint.history.store import HistoryError

__all__ = ["HistoryError"]
