"""Configuration: ``[tool.policylint]`` in pyproject.toml, or ``policylint.toml``
/ ``.policylint.toml``, found by walking up from the current folder.

Precedence, lowest first: built-in defaults, the project file, ``--config
FILE``, then command-line options. ``--isolated`` ignores every file. Keys are
written in kebab-case (``fail-on``, ``per-file-ignores``). Paths in a file
(``extend-rules``, ``baseline``, ``exclude``, ``per-file-ignores``,
``cache-dir``, ``history-db``) are relative to the folder that holds it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from policylint.finding import Severity
from policylint.goals import Goal

CONFIG_FILES = ("policylint.toml", ".policylint.toml", "pyproject.toml")
FailOn = Literal["error", "warning", "info", "never"]

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1000, "m": 1000**2, "g": 1000**3, "ki": 1024, "mi": 1024**2, "gi": 1024**3}


class ConfigError(Exception):
    """A configuration problem, one line per entry of ``problems``, each naming
    the file and the key."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_size(value: int | str) -> int:
    """Bytes from ``100000``, ``"100MB"``, ``"1.5 GiB"`` (MB = 1000², MiB = 1024²)."""
    if isinstance(value, int):
        return value
    match = _SIZE.match(str(value))
    if not match:
        raise ValueError(f"{value!r} is not a size (write e.g. 100MB, 512KiB or a number of bytes)")
    unit = (match.group(2) or "").lower().removesuffix("b")
    return int(float(match.group(1)) * _UNITS[unit])


class Settings(BaseModel):
    """Every setting, with its default. ``root`` is the folder relative paths
    are resolved against (the config file's folder, else the current one)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True,
                              alias_generator=lambda name: name.replace("_", "-"))

    select: list[str] | None = Field(default=None, description="Only these rules (codes, prefixes, names, categories).")
    ignore: list[str] = Field(default_factory=list, description="Leave out these rules.")
    severity: dict[str, Severity] = Field(default_factory=dict, description="Severity per rule, prefix or category.")
    fail_on: FailOn = "warning"
    exclude: list[str] = Field(default_factory=list, description="Glob patterns of files and folders to skip.")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    extend_rules: list[str] = Field(default_factory=list)
    model: str | None = None
    model_findings: bool = Field(default=True, description="Also report the trained classifier's findings "
                                                           "(PL199 ... PL1499).")
    baseline: str | None = None
    jobs: int | None = Field(default=None, ge=1, le=256)
    scheduler: str | None = Field(default=None, description="A Dask scheduler to check on: tcp://HOST:8786, "
                                                              "'local' (a cluster on this machine) or 'none'.")
    cache: bool = True
    cache_dir: str = ".policylint_cache"
    max_file_size: int = Field(default=100 * 1024**2, ge=0)
    max_pages: int = Field(default=2000, ge=0)
    max_words: int = Field(default=1_000_000, ge=0)
    timeout: float = Field(default=120, ge=0)
    max_memory: int = Field(default=2 * 1024**3, ge=0)
    coverage: bool = Field(default=True, description="Show the structural map (coverage table) in the text report.")
    history: bool = Field(default=False, description="Record every check and report run in the history database.")
    history_db: str = Field(default=".policylint/history.sqlite", description="The history database (SQLite).")
    goals: list[Goal] = Field(default_factory=list, description="Goals per quarter, each with an owner.")

    root: Path = Field(default_factory=Path.cwd, exclude=True)
    source: str | None = Field(default=None, exclude=True, description="The file the settings came from.")
    from_command_line: frozenset[str] = Field(default=frozenset(), exclude=True,
                                              description="The settings given as options, not read from the file.")

    @field_validator("max_file_size", "max_memory", mode="before")
    @classmethod
    def _size(cls, value: Any) -> Any:
        return parse_size(value) if isinstance(value, str) else value

    @field_validator("scheduler")
    @classmethod
    def _scheduler(cls, value: str | None) -> str | None:
        if value is not None and (not value.strip() or any(char.isspace() for char in value.strip())):
            raise ValueError("give a scheduler address such as tcp://10.0.0.5:8786, or 'local' or 'none'")
        return value.strip() if value is not None else None

    @field_validator("select", "ignore", "exclude", "extend_rules", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        """A single string is a list of one (or comma-separated)."""
        return _split(value) if isinstance(value, str) else value

    def path(self, value: str) -> Path:
        """A path from the settings, resolved against ``root``."""
        return (self.root / value) if not Path(value).is_absolute() else Path(value)

    def merged(self, **overrides: Any) -> Settings:
        """These settings with command-line values (``None`` means not given)."""
        given = {key: value for key, value in overrides.items() if value is not None}
        if not given:
            return self
        data = self.model_dump(by_alias=False) | given
        try:
            return Settings.model_validate(data | {"root": self.root, "source": self.source,
                                                   "from_command_line": self.from_command_line | set(given)})
        except ValidationError as exc:
            raise ConfigError(_problems(exc, "command line")) from None

    def origin(self, key: str) -> str:
        """Where the setting ``key`` came from, for messages: "command line"
        (``--select ...``), else the config file's name, else "defaults"."""
        if key in self.from_command_line:
            return "command line"
        return self.source or "defaults"


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` (default: the current folder) up.
    A pyproject.toml counts only if it has a ``[tool.policylint]`` table."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def load_settings(config: Path | None = None, isolated: bool = False) -> Settings:
    """The settings from ``config`` (or the file found by walking up), or the
    defaults with ``isolated``. Raises ``ConfigError``."""
    if isolated:
        return Settings()
    path = config if config is not None else find_config()
    if path is None:
        return Settings()
    data = _read_table(path)
    try:
        return Settings.model_validate(data | {"root": path.resolve().parent, "source": str(path)})
    except ValidationError as exc:
        raise ConfigError(_problems(exc, str(path))) from None


def _has_tool_table(path: Path) -> bool:
    try:
        return "policylint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _read_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{path}: no such file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: cannot read the file ({exc})"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("policylint", {})
    for reserved in ("root", "source"):
        if reserved in data:
            raise ConfigError([f"{path}: unknown key '{reserved}' (allowed: {', '.join(allowed_keys())})"])
    return data


def allowed_keys() -> list[str]:
    return [field.alias or name for name, field in Settings.model_fields.items() if not field.exclude]


def _problems(exc: ValidationError, where: str) -> list[str]:
    problems = []
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden" and error["loc"][0] == "goals":
            problems.append(f"{where}: unknown key '{key}' (a goal has: {', '.join(Goal.model_fields)})")
        elif error["type"] == "extra_forbidden":
            problems.append(f"{where}: unknown key '{key}' (allowed: {', '.join(allowed_keys())})")
        else:
            value = error.get("input")
            shown = f" {value!r}" if isinstance(value, str | int | float | bool) else ""
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{where}: {key}:{shown} {message}")
    return problems
