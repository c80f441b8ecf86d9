"""Scan one document: stage 1 on every block, stage 2 on candidate sentences.

Stage 1 runs the fast tokenizer and sentence splitter, then every stage-1
pattern. A sentence goes to stage 2 (the trained pipeline, run on exactly its
stage-1 tokens) only when a rule needs its parse: a stage-1 match of a rule
with a subject/modality condition, or an anchor word of a rule whose own
patterns need the parse (see candidates.py). With ``two_stage=False`` every
sentence is parsed; the results are the same, only slower.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from policylint import nlp as pipelines
from policylint.compiled import Compiled
from policylint.conditions.modality import classify
from policylint.conditions.subject import has_person_subject
from policylint.document import Block
from policylint.match import Hit, Key, Role


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


class Scanner:
    def __init__(self, compiled: Compiled, trained: Language | None, two_stage: bool = True):
        self.compiled = compiled
        self.trained = trained
        self.two_stage = two_stage

    def scan_piece(self, result: ScanResult, index: int, block: Block, doc: Doc, offset: int) -> None:
        """Scan ``doc``, the text of block number ``index`` from ``offset`` on."""
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        result.sentences += len(sents)
        hits = [h for h in self._stage1(doc) if self._applies(h.key, block)]
        parsed = self._stage2(sents, hits, block) if self.trained is not None else {}
        result.sentences_parsed += len(parsed)
        matches: dict[tuple[int, int], list[Hit]] = defaultdict(list)
        for hit in hits:
            sentence = max(bisect.bisect_right(starts, hit.start) - 1, 0)
            if hit.key.role is Role.MATCH:
                matches[(hit.key.rule, sentence)].append(hit)
            else:
                result.context_sentences.add((hit.key, index, starts[sentence] + offset))
                result.context_blocks.add((hit.key, index))
        for (rule, sentence), rule_hits in matches.items():
            sent = sents[sentence]
            for start, end in _longest(rule_hits, doc):
                if self._conditions_hold(rule, parsed.get(sentence), start - sent.start_char, end - sent.start_char):
                    result.candidates.append(Candidate(rule, index, sent.start_char + offset, sent.end_char + offset,
                                                       start + offset, end + offset))

    def _stage1(self, doc: Doc):
        yield from self.compiled.phrases.hits(doc)
        yield from self.compiled.tokens.hits(doc)
        yield from self.compiled.regex.hits(doc)

    def _applies(self, key: Key, block: Block) -> bool:
        info = self.compiled.infos[key.rule]
        return key.role is not Role.MATCH or info.sections is None or info.sections.path(block.section)

    def _stage2(self, sents: list[Span], hits: list[Hit], block: Block) -> dict[int, Doc]:
        """Parse the candidate sentences; add their stage-2 hits to ``hits``."""
        compiled = self.compiled
        if not compiled.needs_stage2:
            return {}
        if self.two_stage:
            chosen = self._candidates(sents, hits, block)
        else:
            chosen = set(range(len(sents)))
        parsed: dict[int, Doc] = {}
        for number in sorted(chosen):
            sent = sents[number]
            words = [token.text for token in sent]
            spaces = [bool(token.whitespace_) for token in sent]
            doc = pipelines.parse_span(self.trained, words, spaces)
            parsed[number] = doc
            assert compiled.parsed_tokens is not None and compiled.dependency is not None
            for hit in (*compiled.parsed_tokens.hits(doc, sent.start_char),
                        *compiled.dependency.hits(doc, sent.start_char)):
                if self._applies(hit.key, block):
                    hits.append(hit)
        return parsed

    def _candidates(self, sents: list[Span], hits: list[Hit], block: Block) -> set[int]:
        compiled = self.compiled
        starts = [s.start_char for s in sents]
        chosen = {max(bisect.bisect_right(starts, h.start) - 1, 0) for h in hits
                  if h.key.role is Role.MATCH and compiled.infos[h.key.rule].conditioned}
        unanchored = any(self._applies(Key(rule, Role.MATCH), block) for rule in compiled.unanchored)
        if unanchored:
            return set(range(len(sents)))
        index = compiled.anchor_index
        if index:
            for number, sent in enumerate(sents):
                if number not in chosen and any(t.lower_ in index or t.norm_ in index for t in sent):
                    chosen.add(number)
        return chosen

    def _conditions_hold(self, rule: int, parsed: Doc | None, start: int, end: int) -> bool:
        info = self.compiled.infos[rule]
        if not (info.rule.subject or info.rule.modality):
            return True
        if parsed is None:
            return False
        span = parsed.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if info.rule.subject and not has_person_subject(root):
            return False
        return not info.rule.modality or classify(root) in info.rule.modality


def _longest(hits: list[Hit], doc: Doc) -> list[tuple[int, int]]:
    """Overlapping hits of one rule in one sentence: keep the longest."""
    spans = [s for h in hits if (s := doc.char_span(h.start, h.end, alignment_mode="expand")) is not None]
    return sorted((span.start_char, span.end_char) for span in filter_spans(spans))
