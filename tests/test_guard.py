"""The regex guard (policylint/engine/stage1/guard.py) only ever rules out blocks where
an expression cannot match."""

from __future__ import annotations

from pathlib import Path

import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from policylint.extract import read_document
from policylint.engine.stage1.guard import Part, guard
from policylint.engine.stage1.word_index import WordIndex, fold, words
from policylint.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent


def _holds(clauses, text: str) -> bool:
    found = words(fold(text))
    return all(any(part.found_in(word) for part in clause for word in found) for clause in clauses)


def _parts(expression: str) -> set[Part]:
    clauses = guard(expression)
    assert clauses is not None, expression
    return {part for clause in clauses for part in clause}


def test_literal_words_and_word_edges():
    assert _parts(r"\bmust\s+not\b") == {Part("must", True, True), Part("not", True, True)}
    assert _parts(r"\bsalar\w*") == {Part("salar", True, False)}
    assert _parts(r"colou?r") == {Part("color", False, False), Part("colour", False, False)}


def test_optional_pieces_are_not_required():
    clauses = guard(r"\bwork\s*hard\s*(?:and|then)?\s*play")
    for text in ("Work hard, play hard.", "workhard play", "WORK HARD THEN PLAY", "work hardandplay"):
        assert _holds(clauses, text), text
    assert not _holds(clauses, "Work and play at home.")
    assert _parts(r"\bto\s+the\s+(?:local\s+)?pub\b") >= {Part("pub", True, True), Part("the", True, True)}
    assert guard(r"(?:foo)?\d+") is None
    assert guard(r"\s*(?:a|b)*") is None


def test_lookarounds():
    assert Part("salar", False, False) in _parts(r"(?=salar)\w+")
    assert _parts(r"(?<!not\s)\bbar") == {Part("bar", True, False)}
    assert _parts(r"(?!foo)bar") == {Part("bar", False, False)}


def test_syntax_re_does_not_share_gives_no_guard():
    for expression in (r"\p{L}+ing", r"(?:foo){e<=1}", r"[[:alpha:]]ing", r"(?V1)foo", r"\mfoo", r"\d+"):
        assert guard(expression) is None, expression


def test_fold_covers_every_case_insensitive_match_of_an_ascii_letter():
    letter = regex.compile(r"(?i)[a-z]")
    for code in range(128, 0x110000):
        char = chr(code)
        if letter.match(char):
            folded = fold(char)
            assert len(folded) == 1 and folded.isascii() and regex.match(f"(?i){folded}", char), hex(code)


def test_word_index_agrees_with_parts():
    index = WordIndex()
    clauses = guard(r"\b(?:must|shall)\s+(?:not\s+)?discuss\w*\s+(?:your\s+)?salar")
    numbered = index.add(clauses)
    texts = ["You MUST not discuss your salary.", "Staff shall discussing salaries", "must discuss pay", ""]
    holds = index.blocks(texts)
    for n, text in enumerate(texts):
        expected = _holds(clauses, text)
        assert all(any(holds[p] >> n & 1 for p in clause) for clause in numbered) == expected, text


def test_every_rule_expression_is_sound_on_the_corpus_and_examples():
    """Wherever a rule-pack expression matches a corpus sentence, a rule
    example or a block of a sample document (also upper-cased), its guard holds."""
    expressions = set()
    texts = [item["text"] for path in sorted((ROOT / "corpora" / "sentences").glob("*.yaml"))
             for item in yaml.safe_load(path.read_text(encoding="utf-8")) or [] if isinstance(item, dict)]
    texts += [block.text for path in sorted((ROOT / "corpora" / "samples").glob("*.docx"))
              for block in read_document(path).blocks]
    for rule in load_rules():
        patterns = [rule.match, *rule.unless, *rule.when]
        if rule.require is not None:
            patterns += list(rule.require.alternatives().values())
        expressions.update(e for p in patterns if p is not None for e in p.regex)
        texts += [e.text for e in rule.examples.flag_examples()] + list(rule.examples.ok)
    texts += [t.upper() for t in texts]
    guarded = 0
    for expression in sorted(expressions):
        clauses = guard(expression)
        if clauses is None:
            continue
        guarded += 1
        compiled = regex.compile(expression, regex.IGNORECASE)
        for text in texts:
            if compiled.search(text):
                assert _holds(clauses, text), (expression, text)
    assert guarded > 0.9 * len(expressions)


# -- random expressions against random texts ---------------------------------

_ATOMS = ["a", "b", "ab", "ba", "x", " ", "-", "'", r"\s", r"\s+", r"\w", r"\w+", r"\d", ".", "[ab]", "[-']", "[^a]",
          r"\b", r"\B", "^", "$", "A", "B"]


def _expressions():
    atom = st.sampled_from(_ATOMS)

    def extend(inner):
        return st.one_of(
            st.lists(inner, min_size=2, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{0,2}", "{1,3}", "??", "+?", "*+", "?+"]))
            .map(lambda t: f"(?:{t[0]}){t[1]}"),
            st.tuples(st.sampled_from(["(?=", "(?!", "(?<=", "(?<!", "(?>", "(?-i:"]), inner)
            .map(lambda t: f"{t[0]}{t[1]})"),
        )

    return st.recursive(atom, extend, max_leaves=8)


@settings(max_examples=400, deadline=None)
@given(_expressions(), st.lists(st.text(alphabet="abABx -'\u212a\u0130", max_size=12), min_size=1, max_size=4))
def test_random_expressions_never_rule_out_a_match(expression, texts):
    try:
        compiled = regex.compile(expression, regex.IGNORECASE)
    except regex.error:
        return
    clauses = guard(expression)
    if clauses is None:
        return
    for text in texts:
        if compiled.search(text):
            assert _holds(clauses, text), (expression, text, clauses)
