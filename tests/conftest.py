from pathlib import Path

import pytest

from policylint.engine import Engine
from policylint.ruleset import load_rules
from tests.auditor import browser  # noqa: F401,E402 - one headless Chromium for the whole session

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"


@pytest.fixture(scope="session")
def ruleset():
    return load_rules()


@pytest.fixture(scope="session")
def engine(ruleset):
    return Engine(ruleset)


@pytest.fixture(scope="session")
def _pack_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("packs")


@pytest.fixture(autouse=True)
def _own_results_cache(tmp_path_factory, monkeypatch, _pack_folder):
    """Each test gets an empty results cache outside the repository; compiled
    rule packs (policylint/engine/pack.py) are shared by the session's tests,
    not with the user's own cache."""
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("POLICYLINT_PACK_CACHE", str(_pack_folder))
