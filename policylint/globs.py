"""Glob patterns for ``exclude`` and ``per-file-ignores``."""

from __future__ import annotations

import fnmatch


def glob_matches(pattern: str, path: str) -> bool:
    """gitignore-like: a pattern without "/" matches any part of the path (a file
    or folder name); one with "/" matches the path from the config's folder,
    and a folder pattern matches everything under it."""
    pattern = pattern.strip().removeprefix("./").rstrip("/")
    parts = path.split("/")
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in parts)
    return any(fnmatch.fnmatchcase("/".join(parts[: i + 1]), pattern) for i in range(len(parts)))
