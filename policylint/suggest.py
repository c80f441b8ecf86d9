"""Turn a rule's ``suggestion`` and a match into a concrete ``Suggestion``."""

from __future__ import annotations

import re

from policylint.finding import Finding, Suggestion, SuggestionAction
from policylint.rule import Rule

#: words always written with a capital: a replacement for them starts lower
#: case inside a sentence ("the Christmas party" -> "the end-of-year party")
_PROPER_NOUNS = frozenset({"christmas", "easter", "english", "british", "american", "thanksgiving", "diwali", "eid",
                           "hanukkah", "ramadan", "sunday", "sundays", "saturday", "saturdays"})


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
        local_start, replacement = _article(sentence, local_start, replacement)
        replacement, local_end = _they_agrees(sentence, replacement, local_end)
        start, end = sentence_start + local_start, sentence_start + local_end
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

    ALL CAPS stays all caps. Words that are all capitalised (a heading or a
    title such as "Maternity Leave") give a replacement with every word
    capitalised ("Parental Leave"). Otherwise a capital first letter is kept
    ("Maternity leave" -> "Parental leave", anywhere in the sentence), except
    for a proper noun inside a sentence ("the Christmas party" -> "the
    end-of-year party").
    """
    if not replacement or not original:
        return replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    words = original.split()
    title = len(words) > 1 and all(word[0].isupper() for word in words if word[0].isalpha())
    if title:  # "Maternity Leave" -> "Parental Leave"
        return " ".join(word[:1].upper() + word[1:] for word in replacement.split(" "))
    proper = words[0].lower().strip("'’") in _PROPER_NOUNS
    if original[0].isupper() and (at_start or not proper):
        return replacement[0].upper() + replacement[1:]
    return replacement


def combine_rewrites(findings: list[Finding]) -> list[Finding]:
    """When one rule matches several times in one sentence ("his or her ...
    his or her"), every one of those findings shows the sentence with all of
    them fixed. Each finding keeps its own replacement (``text``, ``start``,
    ``end``) for tracked changes; overlapping replacements are not combined."""
    together: dict[tuple, list[int]] = {}
    for index, finding in enumerate(findings):
        suggestion = finding.suggestion
        if suggestion is None or suggestion.start is None or suggestion.end is None or suggestion.sentence is None:
            continue
        loc = finding.location
        key = (finding.rule, loc.part, loc.paragraph, loc.table, loc.row, loc.cell, finding.sentence_start,
               finding.sentence)
        together.setdefault(key, []).append(index)
    out = list(findings)
    for indexes in together.values():
        if len(indexes) < 2:
            continue
        members = sorted(indexes, key=lambda i: findings[i].suggestion.start)
        sentence, base = findings[members[0]].sentence, findings[members[0]].sentence_start
        pieces, position = [], 0
        for i in members:
            suggestion = findings[i].suggestion
            start, end = suggestion.start - base, suggestion.end - base
            if start < position or end > len(sentence):
                continue  # overlaps the previous replacement, or runs past the sentence
            pieces += [sentence[position:start], suggestion.text]
            position = end
        pieces.append(sentence[position:])
        combined = "".join(pieces)
        if any(not findings[i].suggestion.text for i in members):
            combined = " ".join(combined.split())
        for i in members:
            out[i] = findings[i].model_copy(
                update={"suggestion": findings[i].suggestion.model_copy(update={"sentence": combined})})
    return out


_ARTICLE = re.compile(r"(?<![\w'’-])(an?)\s+$", re.IGNORECASE)
#: words that start with a vowel letter but a consonant sound, and the reverse
_CONSONANT_SOUND = re.compile(r"^(?:uni|use|usu|eu|one|once|ewe)", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"^(?:hour|honest|honou?r|heir)", re.IGNORECASE)


def _article(sentence: str, local_start: int, replacement: str) -> tuple[int, str]:
    """"a Christmas lunch" -> "an end-of-year lunch" is wrong; fix the article
    in front of the replaced words and take it into the replacement."""
    found = _ARTICLE.search(sentence[:local_start])
    if not found or not replacement or not replacement[0].isalpha():
        return local_start, replacement
    vowel = (replacement[0].lower() in "aeiou" and not _CONSONANT_SOUND.match(replacement)) or bool(
        _VOWEL_SOUND.match(replacement))
    article = found.group(1)
    wanted = ("an" if vowel else "a")
    if article.lower() == wanted:
        return local_start, replacement
    wanted = wanted.capitalize() if article[0].isupper() else wanted
    return found.start(1), f"{wanted} {replacement}"


_VERB_PLURAL = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "isn’t": "aren’t",
                "wasn't": "weren't", "wasn’t": "weren’t", "hasn't": "haven't", "hasn’t": "haven’t",
                "doesn't": "don't", "doesn’t": "don’t"}
_NOT_VERBS = frozenset({"always", "perhaps", "sometimes", "also", "thus", "this", "his", "us", "yes", "plus", "less",
                        "unless", "as", "ss", "is"})
_NEXT_WORD = re.compile(r"^(\s+)([a-z]+(?:n['’]t)?)\b")


def _they_agrees(sentence: str, replacement: str, local_end: int) -> tuple[str, int]:
    """"he or she holds" -> "they hold": a singular verb right after a
    replaced "they" is made plural, and taken into the replacement."""
    if replacement.lower() != "they":
        return replacement, local_end
    found = _NEXT_WORD.match(sentence[local_end:])
    if not found:
        return replacement, local_end
    space, word = found.groups()
    plural = _VERB_PLURAL.get(word)
    if plural is None and word.endswith("s") and not word.endswith("ss") and word not in _NOT_VERBS:
        if word.endswith("ies") and len(word) > 4:
            plural = word[:-3] + "y"
        elif word.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
            plural = word[:-2]
        else:
            plural = word[:-1]
    if plural is None:
        return replacement, local_end
    return f"{replacement}{space}{plural}", local_end + found.end()
