"""Turn a rule's ``suggestion`` and a match into a concrete ``Suggestion``."""

from __future__ import annotations

from policylint.finding import Suggestion, SuggestionAction
from policylint.rule import Rule


def fill(template: str, text: str) -> str:
    """Put the matched words into a message or advice that says ``{text}``."""
    return template.replace("{text}", text)


def build(rule: Rule, text: str, start: int, end: int, sentence: str, sentence_start: int) -> Suggestion | None:
    """A replacement when the rule maps these words to others, else the rule's advice."""
    advice = fill(rule.suggestion.advice, text) if rule.suggestion.advice else None
    replacement = rule.suggestion.replace.get(" ".join(text.lower().split()))
    if replacement is not None:
        local_start, local_end = start - sentence_start, end - sentence_start
        replacement = match_case(text, replacement, at_start=not sentence[:local_start].strip())
        rewritten = sentence[:local_start] + replacement + sentence[local_end:]
        if not replacement:
            rewritten = " ".join(rewritten.split())
        action = SuggestionAction.REPLACE if replacement else SuggestionAction.DELETE
        return Suggestion(action=action, text=replacement, start=start, end=end, sentence=rewritten, advice=advice)
    if advice:
        return Suggestion(action=SuggestionAction.REWRITE, text=advice)
    return None


def match_case(original: str, replacement: str, at_start: bool = False) -> str:
    """Give the replacement the capitalisation of the words it replaces.

    ALL CAPS stays all caps. A capital first letter is kept at the start of a
    sentence, or when every replaced word is capitalised (a title such as
    "Senior Salesman"), but not for a proper noun inside ordinary words
    ("the Christmas party" -> "the end-of-year party").
    """
    if not replacement or not original:
        return replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    words = original.split()
    if original[0].isupper() and (at_start or all(word[0].isupper() for word in words if word[0].isalpha())):
        return replacement[0].upper() + replacement[1:]
    return replacement
