"""Patterns kept compiled between runs (policylint/tokenizer/compiled.py) and
the tokenizer and structural-map areas kept with the rule packs."""

from __future__ import annotations

import pickle
import re

import pytest

from policylint.tokenizer import compiled
from policylint.tokenizer.compiled import Kept

PATTERNS = [r"^(?:\$|\(|“|\.\.\.)", r"(?P<num>[0-9]+)(?:st|nd|rd|th)$", r"[\u00c0-\u024f\w]+-(?=[a-z])", r"(?i)colou?r"]
TEXTS = ["$5", "(note", "21st", "well-being", "COLOR", "plain", "…", ""]


@pytest.mark.parametrize("source", PATTERNS)
def test_kept_pattern_behaves_as_compiled(source):
    expected = re.compile(source)
    restored = pickle.loads(pickle.dumps(Kept(source))).pattern
    assert restored.pattern == expected.pattern
    assert restored.flags == expected.flags
    assert restored.groupindex == expected.groupindex
    for text in TEXTS:
        assert [m.span() for m in restored.finditer(text)] == [m.span() for m in expected.finditer(text)]
        assert bool(restored.match(text)) == bool(expected.match(text))


def test_a_program_from_another_python_is_compiled_again(monkeypatch):
    data = pickle.dumps(Kept(PATTERNS[1]))
    monkeypatch.setattr(compiled, "_RUNTIME", ("otherpython", "0.0", 0))
    restored = pickle.loads(data).pattern
    assert restored.search("the 21st").group("num") == "21"


def test_a_program_the_engine_refuses_falls_back_to_compiling():
    kept = compiled._restore(PATTERNS[1], 0, compiled._RUNTIME, (32, [999999], 0, {}, (None,)))
    assert kept.pattern.search("3rd").group("num") == "3"


def test_tokenizer_and_areas_come_back_from_the_pack_folder(tmp_path, monkeypatch):
    """A second process finds the tokenizer and the areas compiled: the same tokens and areas."""
    from policylint import structure
    from policylint.tokenizer import tokens

    monkeypatch.setenv("POLICYLINT_PACK_CACHE", str(tmp_path))
    text = "Don't e-mail https://example.org/a, e.g. at 9am!  Ok."
    tokens.tokenizer.cache_clear()
    structure._areas.cache_clear()
    try:
        first = tokens.tokenizer()(text)
        areas = structure.area_names()
        kept = sorted(p.name.split("-")[0] for p in tmp_path.glob("*.pickle"))
        assert kept == ["areas", "tokenizer"]
        tokens.tokenizer.cache_clear()
        structure._areas.cache_clear()
        again = tokens.tokenizer()(text)
        assert again.words == first.words and again.norms == first.norms and again.sentences == first.sentences
        assert structure.area_names() == areas
    finally:
        tokens.tokenizer.cache_clear()
        structure._areas.cache_clear()


def test_pruning_keeps_the_newest_of_each_kind(tmp_path, monkeypatch):
    import os

    from policylint.engine import pack

    monkeypatch.setenv("POLICYLINT_PACK_CACHE", str(tmp_path))
    for n in range(pack.KEEP + 3):
        for kind in ("", "tokenizer-"):
            path = tmp_path / f"{kind}{n:064x}.pickle"
            path.write_bytes(b"old")
            os.utime(path, (n, n))
    assert pack.cached("areas-" + "f" * 64, lambda: [1, 2]) == [1, 2]
    names = {p.name for p in tmp_path.glob("*.pickle")}
    assert len([n for n in names if n.startswith("tokenizer-")]) == pack.KEEP + 3  # another kind: left alone
    pack.cached("tokenizer-" + "e" * 64, lambda: "new")
    tokenizers = sorted(p.name for p in tmp_path.glob("tokenizer-*.pickle"))
    assert len(tokenizers) == pack.KEEP and "tokenizer-" + "e" * 64 + ".pickle" in tokenizers
    assert f"tokenizer-{0:064x}.pickle" not in tokenizers  # the oldest went
    assert len([n for n in tmp_path.glob("*.pickle") if "-" not in n.name]) == pack.KEEP + 3
    assert pack.cached("areas-" + "f" * 64, lambda: None) == [1, 2]  # kept and read back
