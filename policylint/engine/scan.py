"""Scan one document: stage 1 on every block, stage 2 on candidate sentences.

Stage 1 runs the tokenizer and sentence splitter (policylint/tokenizer), then every stage-1
pattern. A sentence goes to stage 2 (the trained pipeline, run in batches on
exactly its stage-1 tokens) only when a rule needs its parse: a stage-1 match
of a rule with a subject/modality condition, or the words of a rule whose
own patterns need the parse (the anchors of stage1/candidates.py, then what
stage1/parse_needs.py reads in the sentence's words), and not when stage 1
already shows that the rule's match would be dropped (an ``unless`` context
found, a sentence ``when`` context missing). With ``two_stage=False`` every
sentence is parsed; the findings are the same.
Blocks are scanned in windows of ``WINDOW`` pieces so memory stays bounded.
"""

from __future__ import annotations

import bisect
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from policylint.document import Block
from policylint.engine.base import Hit, Key, Role
from policylint.engine.compile import Compiled
from policylint.engine.stage1.parse_needs import SentenceWords
from policylint.engine.stage1.quotes import is_quoted
from policylint.rule_patterns import Scope
from policylint.tokenizer import Tokens

if TYPE_CHECKING:  # spaCy is imported only when a sentence is parsed
    from spacy.tokens import Doc

    from policylint.engine.trained import Trained

#: How many block pieces are held (tokenized, waiting for their parses) at once.
WINDOW = 512


@dataclass(frozen=True)
class Candidate:
    """A match that passed the sentence-level conditions."""

    rule: int
    block: int
    sentence_start: int  #: offsets of the sentence in the block
    sentence_end: int
    start: int  #: offsets of the matched words in the block
    end: int


@dataclass
class ScanResult:
    candidates: list[Candidate] = field(default_factory=list)
    #: (key, block, sentence start) for every unless/when hit
    context_sentences: set[tuple[Key, int, int]] = field(default_factory=set)
    #: (key, block) for every unless/when/require hit
    context_blocks: set[tuple[Key, int]] = field(default_factory=set)
    sentences_parsed: int = 0
    sentences: int = 0


@dataclass
class _Piece:
    """One block (or piece of a long block) between stage 1 and evaluation."""

    index: int
    block: Block
    tokens: Tokens
    text: str  #: ``tokens.text``
    offset: int
    sents: list[tuple[int, int]]  #: token ranges
    starts: list[int]  #: character offsets of the sentences
    hits: list[Hit]
    parsed: dict[int, Doc] = field(default_factory=dict)

    def sentence_of(self, char: int) -> int:
        return max(bisect.bisect_right(self.starts, char) - 1, 0)

    def sentence_chars(self, n: int) -> tuple[int, int]:
        return self.tokens.span_chars(*self.sents[n])


class Scanner:
    def __init__(self, compiled: Compiled, trained: Trained | None, two_stage: bool = True, parse_ner: bool = True):
        self.compiled = compiled
        self.trained = trained
        self.two_stage = two_stage
        self.parse_ner = parse_ner

    def scan(self, pieces: Iterable[tuple[int, Block, int, Tokens]]) -> ScanResult:
        """Scan (block index, block, offset, tokens of the text) pieces in document order."""
        result = ScanResult()
        window: list[_Piece] = []
        for index, block, offset, tokens in pieces:
            window.append(self._stage1(index, block, offset, tokens))
            if len(window) >= WINDOW:
                self._finish(window, result)
                window = []
        self._finish(window, result)
        return result

    def _stage1(self, index: int, block: Block, offset: int, tokens: Tokens) -> _Piece:
        sents = [(start, end) for start, end in tokens.sentences]
        compiled = self.compiled
        hits = [h for kind in (compiled.phrases, compiled.concepts, compiled.tokens) for h in kind.hits(tokens)
                if self._applies(h.key, block)]
        return _Piece(index, block, tokens, tokens.text, offset, sents, [tokens.starts[s] for s, _ in sents], hits)

    def _finish(self, window: list[_Piece], result: ScanResult) -> None:
        """Add the window's regex hits, parse its candidate sentences in one
        batch, then evaluate."""
        for piece, hits in zip(window, self.compiled.regex.window_hits([piece.tokens for piece in window])):
            piece.hits.extend(h for h in hits if self._applies(h.key, piece.block))
        wanted = [(piece, n) for piece in window for n in sorted(self._to_parse(piece))]
        if wanted:
            assert self.trained is not None
            compiled = self.compiled
            sentences = []
            for piece, n in wanted:
                start, end = piece.sents[n]
                sentences.append((piece.tokens.words[start:end], piece.tokens.spaces[start:end]))
            parsed = self.trained.parse(sentences, ner=self.parse_ner)
            parsed_tokens, dependency = compiled.parsed_matchers(self.trained.nlp.vocab)
            for (piece, n), doc in zip(wanted, parsed):
                piece.parsed[n] = doc
                start = piece.starts[n]
                for kind in (parsed_tokens, dependency, compiled.clause):
                    piece.hits.extend(h for h in kind.hits(doc, start) if self._applies(h.key, piece.block))
        for piece in window:
            result.sentences += len(piece.sents)
            result.sentences_parsed += len(piece.parsed)
            self._evaluate(piece, result)

    def _applies(self, key: Key, block: Block) -> bool:
        if key.role is not Role.MATCH:
            return True
        sections = self.compiled.infos[key.rule].sections
        return sections is None or sections.path(block.section)

    def _to_parse(self, piece: _Piece) -> set[int]:
        compiled = self.compiled
        if self.trained is None or not compiled.needs_stage2:
            return set()
        everything = set(range(len(piece.sents)))
        if not self.two_stage:
            return everything
        if any(self._applies(Key(rule, Role.MATCH), piece.block) for rule in compiled.unanchored):
            return everything
        seen = _Seen(piece)
        chosen = set()
        for hit in piece.hits:
            if hit.key.role is Role.MATCH and compiled.infos[hit.key.rule].conditioned:
                sentence = piece.sentence_of(hit.start)
                if sentence not in chosen and not self._ruled_out(hit.key.rule, sentence, seen):
                    chosen.add(sentence)
        if compiled.anchor_index:
            needs = _Needs(piece, compiled)
            lower = piece.tokens.lower
            for sentence, (start, end) in enumerate(piece.sents):
                words = compiled.anchor_words.intersection(lower[start:end])
                if not words or sentence in chosen:
                    continue
                present = compiled.anchor_bits.present(words)
                allowed: dict[int, bool] = {}  # rule -> its match may count in this sentence
                for rule, n in set().union(*(compiled.anchor_index.get(word, ()) for word in words)):
                    mask = compiled.infos[rule].masks[n]
                    if mask & present != mask:
                        continue  # a word the pattern needs is missing
                    if rule not in allowed:
                        allowed[rule] = self._applies(Key(rule, Role.MATCH), piece.block) \
                            and not self._ruled_out(rule, sentence, seen)
                    if allowed[rule] and needs.met(rule, n, sentence):
                        chosen.add(sentence)
                        break
        return chosen

    def _ruled_out(self, rule: int, sentence: int, seen: _Seen) -> bool:
        """Whether stage 1 already shows that a match of ``rule`` in this
        sentence is dropped, whatever its parse: an ``unless`` context is
        there (in the sentence; for wider scopes anywhere in the piece, which
        is in the same paragraph, section and document), or a sentence
        ``when`` context without parse patterns is missing from the sentence."""
        info = self.compiled.infos[rule]
        for n, context in enumerate(info.rule.unless):
            key = Key(rule, Role.UNLESS, n)
            if (key, sentence) in seen.sentences if context.scope == Scope.SENTENCE else key in seen.piece:
                return True
        return any(context.scope == Scope.SENTENCE and not context.needs_parse()
                   and (Key(rule, Role.WHEN, n), sentence) not in seen.sentences
                   for n, context in enumerate(info.rule.when))

    def _evaluate(self, piece: _Piece, result: ScanResult) -> None:
        matches: dict[tuple[int, int], list[Hit]] = defaultdict(list)
        for hit in piece.hits:
            sentence = piece.sentence_of(hit.start)
            if hit.key.role is Role.MATCH:
                matches[(hit.key.rule, sentence)].append(hit)
            else:
                result.context_sentences.add((hit.key, piece.index, piece.starts[sentence] + piece.offset))
                result.context_blocks.add((hit.key, piece.index))
        offset = piece.offset
        for (rule, sentence), rule_hits in sorted(matches.items()):
            sent_start, sent_end = piece.sentence_chars(sentence)
            for start, end in _longest(rule_hits, piece.tokens):
                if is_quoted(piece.text, start, end):
                    continue
                parsed = piece.parsed.get(sentence)
                if self._conditions_hold(rule, parsed, start - sent_start, end - sent_start) \
                        and self._pronoun_holds(rule, piece, sentence, start):
                    result.candidates.append(Candidate(rule, piece.index, sent_start + offset,
                                                       sent_end + offset, start + offset, end + offset))

    def _pronoun_holds(self, rule: int, piece: _Piece, sentence: int, start: int) -> bool:
        """``pronoun: generic``: no named or titled person before the pronoun,
        in its sentence or the one before."""
        if self.compiled.infos[rule].rule.pronoun is None:
            return True
        from policylint.engine.stage2.antecedent import names_a_person

        before = piece.text[piece.starts[max(sentence - 1, 0)] : start]
        return not names_a_person(self.trained.nlp_with_names(), before)

    def _conditions_hold(self, rule: int, parsed: Doc | None, start: int, end: int) -> bool:
        info = self.compiled.infos[rule]
        if not (info.rule.subject or info.rule.modality):
            return True
        if parsed is None:
            return False
        from policylint.engine.stage2.modality import classify
        from policylint.engine.stage2.subject import has_person_subject

        span = parsed.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if info.rule.subject and not has_person_subject(root):
            return False
        return not info.rule.modality or classify(root) in info.rule.modality


class _Seen:
    """The context hits stage 1 found in a piece: by sentence, and anywhere
    (worked out on first use)."""

    def __init__(self, piece: _Piece):
        self._piece = piece

    @functools.cached_property
    def sentences(self) -> set[tuple[Key, int]]:
        piece = self._piece
        return {(h.key, piece.sentence_of(h.start)) for h in piece.hits if h.key.role is not Role.MATCH}

    @functools.cached_property
    def piece(self) -> set[Key]:
        return {h.key for h in self._piece.hits if h.key.role is not Role.MATCH}


class _Needs:
    """Whether a sentence's words can fill a rule's parse pattern
    (stage1/parse_needs.py), with what that takes worked out on first use."""

    def __init__(self, piece: _Piece, compiled: Compiled):
        self._piece = piece
        self._compiled = compiled
        self._words: dict[int, SentenceWords] = {}

    def met(self, rule: int, pattern: int, sentence: int) -> bool:
        need = self._compiled.infos[rule].needs[pattern]
        if need is None:
            return True
        if need is True:
            return (rule, pattern, sentence) in self._relaxed
        words = self._words.get(sentence)
        if words is None:
            start, end = self._piece.sents[sentence]
            words = self._words[sentence] = SentenceWords(self._piece.tokens.lower[start:end])
        return need.possible(words)

    @functools.cached_property
    def _relaxed(self) -> set[tuple[int, int, int]]:
        """(rule, pattern, sentence) of the relaxed token patterns' matches that lie in one sentence."""
        piece = self._piece
        found = set()
        for hit in self._compiled.relaxed.hits(piece.tokens):
            sentence = piece.sentence_of(hit.start)
            if hit.end <= piece.sentence_chars(sentence)[1]:
                found.add((hit.key.rule, hit.key.n, sentence))
        return found


def _longest(hits: list[Hit], tokens: Tokens) -> list[tuple[int, int]]:
    """Overlapping hits of one rule in one sentence: keep the longest (in
    tokens; the first of equally long ones), as spaCy's ``filter_spans``."""
    spans = {span for h in hits if (span := tokens.expand(h.start, h.end)) is not None}
    kept = []
    seen: set[int] = set()
    for start, end in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if start not in seen and end - 1 not in seen:
            kept.append((start, end))
            seen.update(range(start, end))
    return sorted(tokens.span_chars(start, end) for start, end in kept)
