"""The rules of one run, compiled once into shared matchers.

Stage-1 kinds (phrases, concepts, token patterns without parse attributes,
regex) run on the tokens of every block; stage-2 kinds (clause patterns,
token patterns with LEMMA/POS/DEP..., dependency patterns) run on parsed
sentences. Each rule also gets what the engine needs to decide which
sentences to parse.

Everything here is plain Python, so a compiled pack can be pickled and
loaded by the next run without spaCy (policylint/engine/pack.py); the two
stage-2 kinds that are spaCy matchers are built from ``parse_patterns`` on
the trained pipeline's vocabulary the first time a sentence is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policylint.engine.base import Key, Role
from policylint.engine.stage1 import ConceptKind, PhraseKind, RegexKind, TokenKind
from policylint.engine.stage1.candidates import AnchorBits, pattern_anchors, telling
from policylint.engine.stage1.parse_needs import ClauseNeed, RelaxedKind, pattern_needs
from policylint.engine.stage1.sections import SectionWords
from policylint.engine.stage2.clause import ClauseKind
from policylint.rule import Rule
from policylint.rule_patterns import Patterns, Scope


@dataclass
class RuleInfo:
    """What the engine needs to know about one active rule."""

    rule: Rule
    sections: SectionWords | None
    #: the rule's matches must be read on a parsed sentence (subject, modality,
    #: or sentence-scope contexts that need the parse)
    conditioned: bool
    #: the rule's own match has parse-needing patterns
    parse_match: bool
    #: anchors of those patterns (per pattern, word sets a sentence needs a
    #: word of each of, see stage1/candidates.py); None = every sentence is a candidate
    anchors: list[list[frozenset[str]]] | None = field(default=None)
    #: the same as ``AnchorBits`` masks of ``Compiled.anchor_bits``, one per pattern
    masks: list[int] | None = field(default=None)
    #: what a sentence whose anchor bits hold needs in its words, one per
    #: pattern (see stage1/parse_needs.py: a clause need, True for a relaxed
    #: token pattern, None when the anchors are all)
    needs: list[ClauseNeed | bool | None] | None = field(default=None)



class Compiled:
    def __init__(self, rules: list[Rule]):
        self.infos: list[RuleInfo] = []
        self.phrases = PhraseKind()
        self.concepts = ConceptKind()
        self.tokens = TokenKind()
        self.regex = RegexKind()
        self.clause = ClauseKind()
        #: (key, token patterns, dependency patterns) that need spaCy's matchers on parsed sentences
        self.parse_patterns: list[tuple[Key, list[Any], list[Any]]] = []
        self._matchers: tuple[Any, Any, Any] | None = None
        #: word -> (rule index, pattern number) of the parse patterns whose
        #: least common anchor set (``telling``) has the word
        self.anchor_index: dict[str, set[tuple[int, int]]] = {}
        self.unanchored: set[int] = set()
        self.anchor_bits = AnchorBits()
        #: the relaxed forms of parse-needing token patterns (stage1/parse_needs.py)
        self.relaxed = RelaxedKind()
        for rule in rules:
            self._add(rule)
        #: every anchor word (lower case; a sentence's anchor words are those of its tokens)
        self.anchor_words = frozenset(self.anchor_bits.words())
        #: some rule needs parsed sentences at all
        self.needs_stage2 = any(info.conditioned or info.parse_match for info in self.infos)

    def _add(self, rule: Rule) -> None:
        index = len(self.infos)
        if rule.is_absence:
            assert rule.require is not None
            for n, group in enumerate(rule.require.alternatives().values()):
                self._patterns(Key(index, Role.REQUIRE, n), group)
            for role, items in ((Role.UNLESS, rule.unless), (Role.WHEN, rule.when)):
                for n, context in enumerate(items):
                    self._patterns(Key(index, role, n), context)
            self.infos.append(RuleInfo(rule, SectionWords(rule.sections), False, False))
            return
        assert rule.match is not None
        self._patterns(Key(index, Role.MATCH), rule.match)
        contexts = [(Role.UNLESS, rule.unless), (Role.WHEN, rule.when)]
        for role, items in contexts:
            for n, context in enumerate(items):
                self._patterns(Key(index, role, n), context)
        sentence_contexts_parse = any(c.needs_parse() for _, items in contexts for c in items
                                      if c.scope == Scope.SENTENCE)
        info = RuleInfo(
            rule=rule,
            sections=SectionWords(rule.sections) if rule.sections else None,
            conditioned=bool(rule.subject or rule.modality or sentence_contexts_parse),
            parse_match=rule.match.needs_parse(),
        )
        if info.parse_match:
            info.anchors = pattern_anchors(rule.match)
            if info.anchors is None:
                self.unanchored.add(index)
            else:
                info.masks = [self.anchor_bits.mask(sets) for sets in info.anchors]
                info.needs = pattern_needs(index, rule.match, self.relaxed)
                for n, sets in enumerate(info.anchors):
                    for word in telling(sets):
                        self.anchor_index.setdefault(word, set()).add((index, n))
        self.infos.append(info)

    def _patterns(self, key: Key, patterns: Patterns) -> None:
        stage1, stage2 = patterns.split_patterns()
        self.phrases.add(key, patterns.phrases)
        self.concepts.add(key, patterns.concept_words())
        self.regex.add(key, patterns.regex)
        if self.tokens.add(key, stage1):
            raise ValueError(f"{key}: a stage-1 token pattern the engine cannot match")
        self.clause.add(key, patterns.clause)
        if stage2 or patterns.dependency:
            self.parse_patterns.append((key, stage2, list(patterns.dependency)))

    def parsed_matchers(self, vocab) -> tuple[Any, Any]:
        """The spaCy matchers of the parse-needing token and dependency
        patterns, on the trained pipeline's vocabulary (built on first use)."""
        if self._matchers is None or self._matchers[0] is not vocab:
            from policylint.engine.stage2.dependency import DependencyKind
            from policylint.engine.stage2.tokens import ParsedTokenKind

            tokens, dependency = ParsedTokenKind(vocab), DependencyKind(vocab)
            for key, token_patterns, dependency_patterns in self.parse_patterns:
                tokens.add(key, token_patterns)
                dependency.add(key, dependency_patterns)
            self._matchers = (vocab, tokens, dependency)
        return self._matchers[1], self._matchers[2]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_matchers"] = None  # spaCy objects: rebuilt after loading
        return state
