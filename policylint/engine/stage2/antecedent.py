"""``pronoun: generic``: a matched he/his/him is generic only when it does
not refer to a named or titled person.

"Priya Shah founded the company. She still answers every new employee's
email herself": the pronoun refers to a person the text names, in the same
sentence before it or in the sentence before, so it says nothing about
people in general. A person is named when the trained pipeline's entity
recogniser finds a PERSON there, or a title (policylint/lexicons/titles.txt:
Mr, Ms, Dr, ...) is followed by a capitalised word. Run only on the few
sentences where such a rule matched.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only when a sentence is parsed
    from spacy.language import Language

from policylint.lexicons import words


def names_a_person(trained: Language | None, text: str) -> bool:
    """Does ``text`` (the words before a pronoun) name or title a person?"""
    titles = words("titles.txt")
    tokens = text.split()
    for word, following in pairwise(tokens):
        if word.rstrip(".").lower() in titles and following[:1].isupper():
            return True
    if trained is None or "ner" not in trained.pipe_names or not text.strip():
        return False
    doc = trained.get_pipe("ner")(trained.make_doc(text))
    return any(entity.label_ == "PERSON" for entity in doc.ents)
