"""The fast paths give the same findings as the plain path (issue 12).

- an engine loaded from a compiled pack (policylint/engine/pack.py: a
  pickled engine, no rule files read, spaCy loaded on first need) against
  one compiled from the rule files, on the bundled samples, the sentence
  corpus and, when ../shared is beside the repository, every real document
  in ../shared/corpus;
- the command line with a warm pack, and with worker processes that share a
  warmed engine (``--jobs 2``), against a run with an empty pack folder and
  one job, byte for byte.

(policylint/tokenizer against spaCy's tokenizer is tests/test_tokenizer.py;
the two-stage scan against parsing every sentence is tests/test_context.py.)
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import load_corpus
from policylint.engine import Engine
from policylint.extract import read_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"
SHARED = ROOT.parent / "shared" / "corpus"
_FORMATS = (".docx", ".pdf", ".md", ".txt")


@pytest.fixture(scope="module")
def engines(ruleset):
    plain = Engine(ruleset)
    return plain, pickle.loads(pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL))


def _same_on(paths, engines) -> int:
    plain, packed = engines
    for path in paths:
        document = read_document(path)
        assert plain.check(document) == packed.check(document), path.name
    return len(paths)


def test_packed_engine_on_samples(engines):
    assert _same_on(sorted(p for p in SAMPLES.iterdir() if p.suffix in _FORMATS), engines) >= 6


def test_packed_engine_on_sentence_corpus(engines):
    plain, packed = engines
    entries = load_corpus()
    assert len(entries) > 400
    for entry in entries:
        assert plain.check_sentence(entry.item.text) == packed.check_sentence(entry.item.text), entry.item.text


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not beside the repository")
def test_packed_engine_on_real_documents(engines):
    paths = sorted(p for p in SHARED.rglob("*") if p.is_file() and p.suffix.lower() in _FORMATS
                   and p.name != "README.md")
    assert _same_on(paths, engines) >= 10


def _check(files: list[Path], packs: Path, *options: str) -> bytes:
    env = {**os.environ, "POLICYLINT_PACK_CACHE": str(packs)}
    done = subprocess.run([sys.executable, "-m", "policylint", "check", "--no-cache", "--format", "json",
                           *options, *map(str, files)], capture_output=True, env=env, cwd=ROOT, check=False)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout


def test_command_line_fast_paths_match_plain_run(tmp_path):
    files = sorted(SAMPLES.glob("*.docx")) + sorted(SAMPLES.glob("*.pdf"))
    packs = tmp_path / "packs"
    plain = _check(files, packs, "--jobs", "1")  # compiles the pack from the rule files
    assert list(packs.glob("*.pickle")), "the first run keeps its compiled pack"
    assert _check(files, packs, "--jobs", "1") == plain  # loaded from the pack
    assert _check(files, packs, "--jobs", "2") == plain  # forked workers share the warmed engine
    assert json.loads(plain)["summary"]["findings"] > 0
