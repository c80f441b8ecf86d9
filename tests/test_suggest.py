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
