"""Suggested rewrites read as English: the article before a replacement and
the verb after a replaced "he or she" agree with the new words."""

import pytest

from policylint.rule import Rule
from policylint.suggest import build

RULE = Rule.model_validate({
    "id": "PL199", "name": "test", "category": "culture", "message": "“{text}”.", "rationale": "Because.",
    "match": {"phrases": ["x"]},
    "suggestion": {"replace": {"christmas lunch": "end-of-year lunch", "unpaid internship": "paid internship",
                               "he or she": "they", "young": "early-career"}},
    "examples": {"flag": ["x"], "ok": ["y"]},
})


@pytest.mark.parametrize(("sentence", "words", "text", "rewritten"), [
    ("Each team has a budget for a Christmas lunch.", "Christmas lunch", "an end-of-year lunch",
     "Each team has a budget for an end-of-year lunch."),
    ("This is an unpaid internship.", "unpaid internship", "a paid internship", "This is a paid internship."),
    ("An unpaid internship is offered.", "unpaid internship", "A paid internship", "A paid internship is offered."),
    ("Confirm that he or she holds a licence.", "he or she", "they hold", "Confirm that they hold a licence."),
    ("If he or she is late, call HR.", "he or she", "they are", "If they are late, call HR."),
    ("Then he or she must sign.", "he or she", "they", "Then they must sign."),
    ("We want a young engineer.", "young", "an early-career", "We want an early-career engineer."),
])
def test_rewrite_agrees(sentence, words, text, rewritten):
    start = sentence.index(words)
    suggestion = build(RULE, words, start, start + len(words), sentence, 0)
    assert suggestion.text == text
    assert suggestion.sentence == rewritten
    assert sentence[:suggestion.start] + suggestion.text + sentence[suggestion.end:] == rewritten


@pytest.mark.parametrize(("original", "replacement", "at_start", "expected"), [
    ("Maternity leave", "parental leave", False, "Parental leave"),  # a capital chosen by the writer is kept
    ("Maternity leave", "parental leave", True, "Parental leave"),
    ("maternity leave", "parental leave", False, "parental leave"),
    ("Maternity Leave", "parental leave", False, "Parental Leave"),
    ("MATERNITY LEAVE", "parental leave", False, "PARENTAL LEAVE"),
    ("Christmas lunch", "end-of-year lunch", False, "end-of-year lunch"),  # a proper noun's capital is not
    ("Christmas lunch", "end-of-year lunch", True, "End-of-year lunch"),
])
def test_replacements_keep_the_capitals(original, replacement, at_start, expected):
    from policylint.suggest import match_case

    assert match_case(original, replacement, at_start=at_start) == expected


def test_every_match_of_a_rule_in_a_sentence_is_in_the_rewrite(engine):
    found = engine.check_sentence("Each new starter returns his or her keys, and his or her badge, on the last day.")
    pronouns = [f for f in found if f.rule == "PL403"]
    assert len(pronouns) == 2
    assert {f.suggestion.sentence for f in pronouns} == {"Each new starter returns their keys, and their badge, "
                                                         "on the last day."}
    assert [(f.suggestion.start, f.suggestion.end) for f in pronouns] == [(f.location.start, f.location.end)
                                                                         for f in pronouns]
