"""Inputs that are fsspec URLs: ``s3://bucket/policies/``, ``gs://…``,
``abfs://…``, ``file:///…``, ``memory://…``.

A folder URL is listed recursively and filtered as a local folder is (the
same extensions, hidden names and Word lock files skipped, ``exclude``
globs); a file URL is read as bytes and sniffed as a local file is. Every
name keeps the URL as the user wrote it, with the path below the folder
appended, so reports, baselines and ``per-file-ignores`` see URLs.

The size each file had in the listing is remembered, so ``max-file-size``
refuses a file before a byte of it is fetched. The protocol packages (s3fs,
gcsfs, adlfs) are optional: a URL whose package is missing is a
``ProtocolError`` naming the extra to install. Credentials and options come
from where each package reads them (environment variables, the cloud's own
configuration) and from fsspec's configuration (``FSSPEC_S3_ENDPOINT_URL`` and
the like).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from policylint.config import ConfigError
from policylint.extract import ExtractError, read_bytes
from policylint.extract import _refuse_size as refuse_size
from policylint.globs import glob_matches
from policylint.limits import Limits
from policylint.text import one_line

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+(://|::)")

#: the pip extra that brings each protocol's package
EXTRAS = {"s3": "s3", "s3a": "s3", "gs": "gcs", "gcs": "gcs", "abfs": "azure", "abfss": "azure", "az": "azure"}
_PACKAGES = {"s3": "s3fs", "gcs": "gcsfs", "azure": "adlfs"}

#: sizes from the listing, by name (so limits apply before a remote file is read)
_SIZES: dict[str, int] = {}


class ProtocolError(ConfigError):
    """A URL that cannot be opened at all here: its protocol is unknown or its
    package is not installed (a usage error, exit 2)."""

    def __init__(self, message: str):
        super().__init__([message])


@dataclass(frozen=True)
class Listed:
    """One file found under a URL: its name (a URL) and its size, if known."""

    name: str
    size: int | None = None


def is_url(path: object) -> bool:
    """True for ``protocol://…`` (and fsspec's chained ``a::b://…``) strings."""
    return isinstance(path, str) and bool(_URL.match(path))


def protocol(url: str) -> str:
    return _URL.match(url).group(0).rstrip(":/").lower()


def url_path(url: str) -> str:
    """The URL without its protocol (``bucket/policies/a.docx``), for glob patterns."""
    return url.split("://", 1)[-1].lstrip("/")


def url_suffix(url: str) -> str:
    """The extension of the file a URL names (``.docx``), lower case."""
    return PurePosixPath(url_path(url).split("?", 1)[0]).suffix.lower()


def filesystem(url: str):
    """``(fs, path)`` for ``url``; ``ProtocolError`` if it cannot be opened here."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:  # pragma: no cover - fsspec is a dependency
        raise ProtocolError(f"{url}: reading URLs needs fsspec: pip install fsspec") from None
    try:
        return url_to_fs(url)
    except ImportError as exc:
        raise ProtocolError(missing_package(url, str(exc))) from None
    except ValueError as exc:
        raise ProtocolError(f"{url}: {one_line(str(exc))} (not a URL policylint can read)") from None


def missing_package(url: str, detail: str = "") -> str:
    scheme = protocol(url).split("::")[-1]
    extra = EXTRAS.get(scheme)
    if extra is not None:
        return (f"{url}: reading {scheme}:// URLs needs the {_PACKAGES[extra]} package: "
                f"pip install 'policylint[{extra}]'")
    return f"{url}: reading {scheme}:// URLs needs a package that is not installed ({one_line(detail)})"


# -- listing -------------------------------------------------------------------


def list_url(url: str, wanted, exclude: Sequence[str] = ()) -> tuple[list[Listed], str | None]:
    """The files to check under ``url`` and a warning for a folder with none.

    ``wanted(relative_parts)`` is the folder filter shared with local folders.
    A URL that is not a folder is one file, kept even if it does not exist
    (or cannot be listed), so that reading it reports the problem."""
    fs, root = filesystem(url)
    try:
        info = fs.info(root)
    except Exception:  # noqa: BLE001 - missing, forbidden, offline: reading it says which
        return [Listed(url)], None
    if info.get("type") != "directory":
        return _keep([Listed(url, info.get("size"))], exclude, prefix=""), None
    try:
        found = fs.find(root, detail=True)
    except Exception:  # noqa: BLE001
        return [Listed(url)], None
    base = root.rstrip("/")
    prefix = url.rstrip("/")
    files = []
    for name, detail in sorted(found.items()):
        relative = name[len(base):].lstrip("/") if name.startswith(base) else name
        if detail.get("type") == "directory" or not relative or not wanted(PurePosixPath(relative).parts):
            continue
        files.append(Listed(f"{prefix}/{relative}", detail.get("size")))
    files = _keep(files, exclude, prefix)
    warning = None if files else f"{url}: no .docx, .pdf, .md or .txt files found under this URL"
    return files, warning


def _keep(files: Iterable[Listed], exclude: Sequence[str], prefix: str) -> list[Listed]:
    """``files`` less those an ``exclude`` glob matches: the URL's path without
    its protocol (``bucket/policies/drafts/a.docx``), or the part below the
    folder given (``drafts/a.docx``)."""
    kept = []
    for item in files:
        candidates = [url_path(item.name)]
        if prefix and item.name.startswith(prefix + "/"):
            candidates.append(item.name[len(prefix) + 1:])
        if not any(glob_matches(pattern, path) for pattern in exclude for path in candidates):
            kept.append(item)
            if item.size is not None:
                _SIZES[item.name] = item.size
    return kept


def remember_sizes(sizes: dict[str, int]) -> None:
    """Sizes from a listing made elsewhere (a Dask worker gets its batch's)."""
    _SIZES.update(sizes)


def listed_size(name: str) -> int | None:
    return _SIZES.get(name)


# -- reading -------------------------------------------------------------------


def read_url(url: str, limits: Limits | None = None) -> bytes:
    """The bytes of the file at ``url``, refused before reading when its size
    (from the listing, else from the store) is over ``limits.max_file_size``.
    ``ExtractError`` with a one-line cause for anything else."""
    limit = (limits if limits is not None else Limits()).max_file_size
    try:
        fs, path = filesystem(url)
    except ProtocolError as exc:
        raise ExtractError(str(exc).removeprefix(f"{url}: ")) from None
    if "file" in _protocols(fs):
        return read_bytes(path, limits)  # the local reader refuses pipes and devices without opening them
    try:
        size = _SIZES.get(url)
        if size is None:
            info = fs.info(path)
            if info.get("type") == "directory":
                raise IsADirectoryError(path)
            size = info.get("size")
        if size is not None:
            refuse_size(size, limit)
        with fs.open(path, "rb") as handle:
            data = handle.read(limit + 1) if limit else handle.read()
    except ExtractError:
        raise
    except IsADirectoryError:
        raise ExtractError("is a directory") from None
    except FileNotFoundError:
        raise ExtractError("no such file") from None
    except PermissionError:
        raise ExtractError("permission denied: cannot read the file") from None
    except Exception as exc:  # noqa: BLE001 - network, credentials, throttling: one line, never a traceback
        raise ExtractError(f"cannot read the file: {one_line(str(exc)) or type(exc).__name__}") from None
    refuse_size(len(data), limit)
    return data


def _protocols(fs) -> tuple[str, ...]:
    names = fs.protocol
    return (names,) if isinstance(names, str) else tuple(names)



def url_sha256(url: str, limits: Limits | None = None) -> str | None:
    """The SHA-256 of the file at ``url`` (for a cache look-up), or None if it
    cannot be read within ``limits`` (checking it then reports why)."""
    try:
        return hashlib.sha256(read_url(url, limits)).hexdigest()
    except ExtractError:
        return None
