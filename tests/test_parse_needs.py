"""Which sentences the engine parses for a rule's parse patterns
(policylint/engine/stage1/parse_needs.py): only those whose words can fill
the pattern, with the same findings as parsing every sentence."""

from pathlib import Path

import pytest

from policylint.engine import Engine
from policylint.engine.stage1.parse_needs import ClauseNeed, SentenceWords, _distinct, relaxed
from policylint.rule_clause import ClausePattern
from policylint.ruleset import RuleSet, load_rules
from tests.test_rule_language import _folder

CONCEPTS = {
    "decision-words": {"terms": ["decision", "review", "outcome"]},
    "unpaid-words": {"terms": ["without extra pay", "no overtime pay", "unpaid"]},
}


def _engines(tmp_path: Path, rules: dict[str, dict]) -> tuple[Engine, Engine]:
    ruleset = RuleSet(list(load_rules([_folder(tmp_path, rules, CONCEPTS)], builtin=False)))
    return Engine(ruleset), Engine(ruleset, two_stage=False)


def _check(engines: tuple[Engine, Engine], text: str) -> tuple[list[str], int]:
    """The words found and the sentences parsed, after checking that parsing every sentence finds the same."""
    fast, full = engines
    found = fast.check_sentence(text)
    assert found == full.check_sentence(text), text
    return [f.text for f in found], fast.last_scan.sentences_parsed


def test_roles_need_different_words(tmp_path):
    # "review" is both a decision word (the subject) and a verb lemma: one "review" cannot be both
    engines = _engines(tmp_path, {"PL4801": {"match": {"clause": [
        {"subject": {"concept": "decision-words"}, "verb": {"lemma": ["review", "explain"]}, "negated": True,
         "highlight": ["subject", "verb"]}]}}})
    assert _check(engines, "Please do not review the handbook alone.") == ([], 0)
    assert _check(engines, "The decision will not be reviewed.") == (["decision will not be reviewed"], 1)
    assert _check(engines, "The decision will be reviewed.") == ([], 0)  # no negation word


def test_a_multi_word_term_is_needed_whole(tmp_path):
    engines = _engines(tmp_path, {"PL4801": {"match": {"clause": [
        {"verb": {"lemma": ["work"]}, "any": {"concept": "unpaid-words"}, "highlight": ["verb"]}]}}})
    assert _check(engines, "You need no laptop to work here.") == ([], 0)  # "no" starts a term, but no term is there
    assert _check(engines, "Staff work late without extra pay.") == (["work"], 1)


def test_prohibition_needs_a_negating_or_prohibiting_word(tmp_path):
    engines = _engines(tmp_path, {"PL4801": {"match": {"clause": [
        {"subject": {"lemma": ["beard"]}, "modality": ["prohibition"]}]}}})
    assert _check(engines, "Beards are welcome.") == ([], 0)
    assert _check(engines, "Beards are prohibited.") == (["Beards"], 1)
    assert _check(engines, "Beards are not allowed.") == (["Beards"], 1)


def test_token_patterns_need_their_relaxed_match(tmp_path):
    engines = _engines(tmp_path, {"PL4801": {"match": {"patterns": [
        [{"LEMMA": "work"}, {"POS": "ADJ", "OP": "?"}, {"LOWER": "overtime"}]]}}})
    assert _check(engines, "Overtime is rare, and we work hard.") == ([], 0)
    assert _check(engines, "Staff worked overtime.") == (["worked overtime"], 1)


def test_relaxed_keeps_words_and_widens_the_rest():
    pattern = [{"LEMMA": {"IN": ["pay", "fine"]}, "POS": "VERB"}, {"POS": "ADP", "OP": "?"},
               {"LOWER": "staff", "DEP": "dobj"}, {"LEMMA": {"NOT_IN": ["be"]}}]
    first, gap, word, loose = relaxed(pattern)
    assert {"paid", "pays", "paying", "fined", "fines"} <= set(first["LOWER"]["IN"])
    assert gap == {"OP": "?"} and word == {"LOWER": "staff"} and loose == {}


@pytest.mark.parametrize(("choices", "expected"), [
    ([{1}, {1}], False),
    ([{1, 2}, {1}], True),
    ([{1, 2}, {1, 2}, {2, 1}], False),
    ([{1, 2, 3}, {1}, {2}], True),
    ([set(), {1}], False),
    ([], True),
])
def test_distinct_words_for_each_role(choices, expected):
    assert _distinct(choices) is expected


def test_clause_need_reads_the_sentence_words():
    pattern = ClausePattern.model_validate({"subject": {"lemma": ["beard"]}, "verb": {"lemma": ["ban"]},
                                            "prep": {"preposition": ["at"], "lemma": ["work"]}})
    need = ClauseNeed(pattern)
    assert need.possible(SentenceWords("beards are banned at work .".split()))
    assert not need.possible(SentenceWords("beards are banned in work .".split()))  # no "at"
    assert not need.possible(SentenceWords("beards are fine at work .".split()))
