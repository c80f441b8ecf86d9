"""Turn the paths a user gives into the list of files to check."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath

from policylint.extract import FOLDER_SUFFIXES
from policylint.globs import glob_matches
from policylint.sources import is_url, list_url


def collect(paths: Iterable[str | Path], exclude: Sequence[str] = (),
            root: Path | None = None) -> tuple[list[Path | str], list[str]]:
    """Files to check, in a stable order, and warnings for folders with none.

    A file named on the command line is checked (its format is sniffed from
    its bytes) unless an ``exclude`` pattern matches it. A folder is searched
    recursively for .docx, .pdf, .md and .txt files; hidden files and folders
    (names starting with ".") and Word's lock files ("~$...") are skipped, and
    so is whatever an ``exclude`` glob matches (relative to ``root``, the
    config file's folder). A path that does not exist is kept, so that reading
    it reports the problem.

    A path that is an fsspec URL (``s3://bucket/policies/``) is listed and
    filtered the same way by ``policylint.sources`` and kept as a string;
    ``sources.ProtocolError`` if its protocol cannot be read here.
    """
    files: list[Path | str] = []
    warnings: list[str] = []
    seen: set[Path | str] = set()
    root = (root or Path.cwd()).resolve()
    for raw in paths:
        if is_url(raw):
            listed, warning = list_url(raw, wanted, exclude)
            warnings += [warning] if warning else []
            files += [item.name for item in listed if item.name not in seen]
            seen.update(item.name for item in listed)
            continue
        path = Path(raw)
        folder = _is_dir(path)
        found = _folder_files(path) if folder else [path]
        if folder and not found:
            warnings.append(f"{path}: no .docx, .pdf, .md or .txt files found in this folder")
        found = [file for file in found if not _excluded(file, exclude, root)]
        for file in found:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, warnings


def _is_dir(path: Path) -> bool:
    """Like ``Path.is_dir``, but False for a name the system refuses (too long:
    ENAMETOOLONG): reading the file then reports the problem for it alone."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _identity(path: Path) -> Path:
    """What tells two names of one file apart from two files (links resolved)."""
    try:
        return path.resolve() if path.exists() else path
    except (OSError, RuntimeError):  # too long, a loop of links
        return path


def _excluded(path: Path, patterns: Sequence[str], root: Path) -> bool:
    if not patterns:
        return False
    try:
        relative = path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError, RuntimeError):
        relative = path.as_posix()
    return any(glob_matches(pattern, relative) for pattern in patterns)


def wanted(relative: Sequence[str]) -> bool:
    """Whether a folder search keeps a file, from its path parts below the
    folder: a known extension; no hidden part (".name"), no Word lock file ("~$")."""
    return bool(relative) and not any(part.startswith(".") for part in relative) \
        and not relative[-1].startswith("~$") and PurePath(relative[-1]).suffix.lower() in FOLDER_SUFFIXES


def _folder_files(folder: Path) -> list[Path]:
    return [path for path in sorted(folder.rglob("*"))
            if wanted(path.relative_to(folder).parts) and (_is_file(path) or path.is_symlink())]


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False
