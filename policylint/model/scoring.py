"""The classifier inside a check: it scores the engine's sentences as the
scanner reads them (in batches, so memory stays bounded) and reports, as
findings of its rules, the sentences that pass a category's threshold and
that no rule flagged."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from policylint.document import Block, Document
from policylint.finding import Finding, Suggestion, SuggestionAction
from policylint.concepts import Words
from policylint.model import installed
from policylint.model.classifier import Hit, load
from policylint.model.rules import READS, is_model_rule
from policylint.model.sentences import Sentence, sentences
from policylint.rule import Rule
from policylint.rule_clause import default_concepts
from policylint.tokenizer import Tokens

#: sentences scored at once
BATCH = 256

Piece = tuple[int, Block, int, Tokens]


class ModelScorer:
    """The classifier's rules of one engine (by category); ``start()`` for each check."""

    def __init__(self, rules: dict[str, Rule], reads: dict[str, Words | None] | None = None):
        self.rules = rules
        #: per category, the concepts a sentence needs a term of to be read (None: every sentence)
        self.reads = reads or {}

    @classmethod
    def for_rules(cls, rules: Iterable[Rule]) -> ModelScorer | None:
        """A scorer for the model rules among ``rules``, or None when there are none."""
        mine = {rule.category.value: rule for rule in rules if is_model_rule(rule)}
        if not mine:
            return None
        concepts = default_concepts()
        reads = {category: concepts.words(READS[rule.id]) if READS.get(rule.id) else None
                 for category, rule in mine.items()}
        return cls(mine, reads)

    def start(self) -> ModelRun | None:
        return ModelRun(self) if installed() else None


class ModelRun:
    """One document's scoring: ``tap`` the pieces on their way to the
    scanner, then ``findings`` once the rules' findings are known. The
    classifier is loaded when the first sentence it must read comes."""

    def __init__(self, scorer: ModelScorer):
        self.rules = scorer.rules
        self.reads = scorer.reads
        self.found: list[tuple[Sentence, Hit]] = []
        self._pending: list[tuple[Sentence, set[str]]] = []

    def tap(self, pieces: Iterable[Piece]) -> Iterator[Piece]:
        """Pass the pieces through, scoring their sentences on the way."""
        for piece in pieces:
            for sentence in sentences([piece]):
                categories = self._categories(sentence)
                if categories:
                    self._pending.append((sentence, categories))
            if len(self._pending) >= BATCH:
                self._score()
            yield piece
        self._score()

    def _categories(self, sentence: Sentence) -> set[str]:
        """The categories that read this sentence."""
        return {category for category, words in self.reads.items()
                if words is None or words.occurs(sentence.lower)} | \
            {category for category in self.rules if category not in self.reads}

    def _score(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        hits = load().hits([sentence for sentence, _ in batch], self.rules)
        self.found.extend((batch[hit.index][0], hit) for hit in hits if hit.category in batch[hit.index][1])

    def findings(self, document: Document, flagged: list[Finding]) -> list[Finding]:
        """A finding per scored sentence, unless a rule's finding already sits in that sentence."""
        taken: dict[tuple, list[tuple[int, int]]] = {}
        for f in flagged:
            taken.setdefault(_where(f.location), []).append((f.sentence_start, f.sentence_start + len(f.sentence)))
        found = []
        for sentence, hit in self.found:
            block = document.blocks[sentence.block]
            spans = taken.get(_where(block.location), [])
            if any(start < sentence.end and sentence.start < end for start, end in spans):
                continue
            found.append(self._finding(self.rules[hit.category], block, sentence, hit.score))
        return found

    @staticmethod
    def _finding(rule: Rule, block: Block, sentence: Sentence, score: float) -> Finding:
        from policylint.engine import _new_finding  # the engine imports this module

        text = block.text[sentence.start : sentence.end]
        advice = rule.suggestion.advice
        suggestion = Suggestion(action=SuggestionAction.REWRITE, text=advice) if advice else None
        message = rule.message.replace("{score}", f"{score:.2f}").replace("{text}", text)
        return _new_finding(rule, block, sentence.start, sentence.end, text, sentence.start, message, suggestion)


def _where(location) -> tuple:
    """A block's place, without the line (which depends on the offset)."""
    data = location.model_dump()
    for key in ("line", "start", "end"):
        data.pop(key, None)
    return tuple(sorted((k, str(v)) for k, v in data.items()))
