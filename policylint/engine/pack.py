"""The compiled rule pack, kept on disk between runs.

Reading the rule files (YAML, schema checks, concept expansion) and
compiling them takes seconds; loading the compiled engine back takes a
fraction of that, and needs neither spaCy nor the rule schemas. A pack is a
pickled ``Engine`` (without any loaded pipeline) under
``$POLICYLINT_PACK_CACHE`` (default: ``$XDG_CACHE_HOME/policylint/packs``,
else ``~/.cache/policylint/packs``), named by the run key of the result
cache (policylint/cache.py: policylint's version and source, the rule and
concept files, package versions, and the settings that choose rules), so a
changed rule or setting never meets an old pack. ``POLICYLINT_PACK_CACHE=off``
turns it off. Packs are written atomically; an unreadable one is rebuilt;
only the most recent few of each kind are kept. The tokenizer and the
structural map's areas are kept here too, under names of their own.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: packs kept in the folder (the newest by modification time)
KEEP = 8
_OFF = {"0", "off", "false", "no"}


def folder() -> Path | None:
    """Where packs live, or None when the pack cache is off."""
    value = os.environ.get("POLICYLINT_PACK_CACHE", "").strip()
    if value.lower() in _OFF:
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policylint" / "packs"


def cached(key: str, build: Callable[[], T]) -> T:
    """The pack named ``key``, or ``build()`` (then kept for the next run)."""
    where = folder()
    if where is None:
        return build()
    path = where / f"{key}.pickle"
    found = _load(path)
    if found is not None:
        return found
    value = build()
    _store(where, path, value)
    return value


def kept(kind: str, sources: Iterable[tuple[str, bytes]], build: Callable[[], T]) -> T:
    """``cached`` for what policylint builds from files of its own (the
    tokenizer, the structural map's areas): named ``kind`` and a hash of the
    files (name and bytes), policylint's version and this Python's."""
    from policylint import __version__

    digest = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
    for name, data in sources:
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return cached(f"{kind}-{digest.hexdigest()}", build)


def _load(path: Path):
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # unpickling makes many containers; the collector would walk them again and again
    try:
        engine = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a damaged or outdated pack is rebuilt
        return None
    else:
        gc.freeze()  # the pack lives as long as the run: later collections need not walk it
        return engine
    finally:
        if enabled:
            gc.enable()


def _store(where: Path, path: Path, value) -> None:
    """Write the pack atomically; a folder that cannot be written only costs the next run time."""
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".pack-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        _prune(where, path)


def _kind(path: Path) -> str:
    """What a kept file holds: the part of its name before the key ("tokenizer", "areas"; "" for rule packs)."""
    return path.stem.rpartition("-")[0]


def _prune(where: Path, kept: Path) -> None:
    """Keep the newest ``KEEP`` files of the kind just written."""
    kind = _kind(kept)
    packs = sorted((p for p in where.glob("*.pickle") if _kind(p) == kind), key=lambda p: p.stat().st_mtime,
                   reverse=True)
    for old in packs[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
