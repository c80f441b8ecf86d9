"""Baselines: the findings a team has accepted, so only new ones are reported.

A baseline is a JSON file listing each accepted finding by its file (relative
to the baseline's folder, forward slashes) and fingerprint. A fingerprint
depends on the rule, the sentence and the matched words, never on positions,
so adding or editing a paragraph elsewhere does not change it. The rule, the
matched text and the sentence are stored too, so the file can be read in a
review.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from policylint.output import atomic_output
from policylint.result import FileResult
from policylint.sources import is_url

VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read (one line, naming the file)."""


class Baseline:
    def __init__(self, path: Path, entries: Iterable[tuple[str, str]] = ()):
        self.path = path
        self.entries: set[tuple[str, str]] = set(entries)

    def key(self, file: str) -> str:
        """``file`` as stored: relative to the baseline's folder when it can
        be; a URL (or ``<stdin>``) as it is."""
        if file.startswith("<") or is_url(file):
            return file
        try:
            relative = os.path.relpath(Path(file).resolve(), self.path.resolve().parent)
        except ValueError:  # another drive (Windows)
            relative = str(Path(file).resolve())
        return Path(relative).as_posix()

    def split(self, result: FileResult) -> FileResult:
        """``result`` without the findings in the baseline (counted in ``baselined``)."""
        file = self.key(result.path)
        new = [f for f in result.findings if (file, f.fingerprint) not in self.entries]
        old = [f for f in result.findings if (file, f.fingerprint) in self.entries]
        return result.model_copy(update={"findings": new, "baselined": len(old), "baselined_findings": old})


def load(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --update-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: the baseline is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    try:
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: baseline version {data.get('version')!r} is not supported "
                                f"(expected {VERSION}; recreate it with --update-baseline)")
        entries = [(item["file"], item["fingerprint"]) for item in data["findings"]]
    except (AttributeError, KeyError, TypeError):
        raise BaselineError(f"{path}: not a policylint baseline (expected a 'findings' list of "
                            "objects with 'file' and 'fingerprint')") from None
    return Baseline(path, entries)


def write(path: Path, results: Iterable[FileResult]) -> int:
    """Write every finding of ``results`` to the baseline at ``path``
    (atomically); returns how many were written."""
    baseline = Baseline(path)
    items = sorted(
        ({"file": baseline.key(result.path), "fingerprint": f.fingerprint, "rule": f.rule, "text": f.text,
          "sentence": f.sentence} for result in results for f in result.findings),
        key=lambda item: (item["file"], item["rule"], item["fingerprint"]),
    )
    with atomic_output(path) as out:
        json.dump({"version": VERSION, "tool": "policylint", "findings": items}, out, indent=2, ensure_ascii=False)
        out.write("\n")
    return len(items)
