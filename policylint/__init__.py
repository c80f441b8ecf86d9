"""policylint: find the structures in HR policy documents that exclude people.

The Python API (see ``policylint.api``): ``check_path``, ``check_paths``,
``check_many`` (also on a Dask cluster), ``check_text``, ``load_settings`` and
``Settings``. They are imported on first
use, so ``import policylint`` stays cheap.
"""

__version__ = "0.1.0"

_API = {
    "check_path": "policylint.api",
    "check_paths": "policylint.api",
    "check_many": "policylint.api",
    "check_text": "policylint.api",
    "CheckError": "policylint.api",
    "Settings": "policylint.config",
    "ConfigError": "policylint.config",
    "load_settings": "policylint.config",
    "Finding": "policylint.finding",
    "FileResult": "policylint.result",
    "FileError": "policylint.result",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'policylint' has no attribute {name!r}")
