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
