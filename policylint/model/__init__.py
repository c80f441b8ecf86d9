"""The trained sentence classifier that backs the rules up (see README,
"The trained classifier"): ``classifier`` loads and runs the model
(``bow`` reads spaCy's files and scores without spaCy, with ``hashing``
and ``symbols``), ``sentences`` gives it the engine's sentences, ``rules`` describes its
findings as rules (``PL199`` ... ``PL1499``), ``scoring`` turns its scores
into findings. This module itself imports no spaCy (the results cache asks
it what model is installed)."""

from __future__ import annotations

import hashlib
import json
import os
from importlib import resources
from pathlib import Path

META = "classifier.json"


def model_dir() -> Path:
    """The model folder: ``$POLICYLINT_TEXTCAT`` or the one in the package."""
    override = os.environ.get("POLICYLINT_TEXTCAT")
    return Path(override) if override else Path(str(resources.files("policylint.models") / "textcat"))


def read_meta(folder: Path | None = None) -> dict | None:
    """The model's ``classifier.json`` (thresholds, how it was trained), or None when there is no model."""
    try:
        return json.loads(((folder or model_dir()) / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def installed(folder: Path | None = None) -> bool:
    """Whether a classifier is there to load (without loading it)."""
    return ((folder or model_dir()) / META).is_file()


def enabled_categories(folder: Path | None = None) -> list[str]:
    """The categories the model reports (those with a threshold)."""
    meta = read_meta(folder)
    return [c for c, t in (meta or {}).get("thresholds", {}).items() if t is not None]


def fingerprint() -> str | None:
    """What identifies the installed model for the results cache: its folder,
    its metadata (thresholds, weights digest) and the model rule files."""
    folder = model_dir()
    digest = hashlib.sha256(str(folder).encode())
    try:
        digest.update((folder / META).read_bytes())
    except OSError:
        return None
    for path in sorted(Path(__file__).parent.joinpath("rules").glob("*.yaml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()
