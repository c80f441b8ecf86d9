"""Import spaCy without its command line.

``import spacy`` runs ``from .cli.info import info``, which imports spaCy's
whole command line (typer, weasel, requests, httpx, jinja2 ...): about a
quarter of spaCy's import time, on every check that parses a sentence,
for a function policylint never calls. ``load()`` imports spaCy with
stand-ins for ``spacy.cli`` and ``spacy.cli.info`` in ``sys.modules``, then
takes them out again: ``spacy.info`` imports the real one when called, and
a later ``import spacy.cli`` (training, tests) imports the real package.
When anything about this fails, spaCy is imported the usual way.

Call ``load()`` before the first import of any ``spacy`` module.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

_CLI = "spacy.cli"
_INFO = "spacy.cli.info"


def load() -> types.ModuleType:
    """The ``spacy`` package, imported without its command line when it is not imported yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_ins = _stand_ins()
    try:
        import spacy
    except Exception:  # noqa: BLE001 - import it again the usual way (and let that raise)
        _forget_spacy()
        stand_ins = {}
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


def _stand_ins() -> dict[str, types.ModuleType]:
    if _CLI in sys.modules:
        return {}
    try:
        spec = importlib.util.find_spec("spacy")
    except (ImportError, ValueError):
        return {}
    if spec is None or not spec.submodule_search_locations:
        return {}
    cli = types.ModuleType(_CLI, "spaCy's command line (imported on first use)")
    cli.__path__ = [str(Path(next(iter(spec.submodule_search_locations))) / "cli")]
    info = types.ModuleType(_INFO)
    info.info = _info
    made = {_CLI: cli, _INFO: info}
    sys.modules.update(made)
    return made


def _info(*args, **kwargs):
    """``spacy.info``: spaCy's own, imported when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _forget_spacy() -> None:
    for name in [name for name in sys.modules if name == "spacy" or name.startswith("spacy.")]:
        del sys.modules[name]
