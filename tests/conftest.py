from pathlib import Path

import pytest

from policylint.engine import Engine
from policylint.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"


@pytest.fixture(scope="session")
def ruleset():
    return load_rules()


@pytest.fixture(scope="session")
def engine(ruleset):
    return Engine(ruleset)


@pytest.fixture(autouse=True)
def _own_results_cache(tmp_path_factory, monkeypatch):
    """Each test gets an empty results cache outside the repository."""
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
