"""Run the rules over a ``Document`` and return ``Finding``s.

Stage 1 runs on every block: spaCy's tokenizer and rule-based sentence
splitter, then every rule's phrases, token patterns and regular expressions,
compiled once for the whole run. Stage 2 runs the trained pipeline (tagger,
parser, lemmatizer) on each sentence, only for the rules whose patterns use
attributes that only it sets (LEMMA, POS, DEP, ...). A rule's ``unless``
patterns, found in the same sentence, drop its match there.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.util import filter_spans

from policylint import nlp as pipelines
from policylint.document import Block, BlockKind, Document, Location
from policylint.extract import document_from_bytes
from policylint.finding import Finding, FindingLocation, fingerprint
from policylint.match import Hit, Key, PhraseKind, RegexKind, Role, TokenKind
from policylint.rule import Rule
from policylint.ruleset import RuleSet
from policylint.suggest import build, fill


#: Blocks longer than this are checked in pieces (spaCy works on bounded texts).
PIECE_CHARS = 100_000


@dataclass
class _Sentences:
    """The sentences of one block, as character ranges."""

    starts: list[int]
    ends: list[int]

    def index(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)


@dataclass
class Engine:
    """Compiles a rule set once; ``check`` then runs it on any number of documents."""

    rules: RuleSet
    model: str | None = None
    skipped: list[Rule] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self._rules: list[Rule] = []
        self._fast = pipelines.fast_pipeline()
        wanted = self.model is not None or any(rule.needs_parse for rule in self.rules)
        trained = pipelines.trained_pipeline(self.model) if wanted else None
        self._trained = trained
        self._phrases = PhraseKind(self._fast)
        self._tokens = TokenKind(self._fast.vocab)
        self._regex = RegexKind()
        self._parsed_tokens = TokenKind(trained.vocab) if trained else None
        for rule in self.rules:
            if rule.needs_parse and trained is None:
                self.skipped.append(rule)
                continue
            self._add(rule)

    @property
    def model_name(self) -> str | None:
        if self._trained is None:
            return None
        return f"{self._trained.meta['lang']}_{self._trained.meta['name']}"

    @property
    def active_rules(self) -> list[Rule]:
        return list(self._rules)

    @property
    def regex_timeouts(self) -> list[tuple[str, str]]:
        return [(self._rules[key.rule].id, expression) for key, expression in self._regex.timeouts]

    def _add(self, rule: Rule) -> None:
        index = len(self._rules)
        self._rules.append(rule)
        for role, patterns in ((Role.MATCH, rule.match), (Role.UNLESS, rule.unless)):
            key = Key(index, role)
            self._phrases.add(key, patterns.phrases)
            self._regex.add(key, patterns.regex)
            if patterns.needs_parse():
                assert self._parsed_tokens is not None
                self._parsed_tokens.add(key, patterns.patterns)
            else:
                self._tokens.add(key, patterns.patterns)

    # -- running -----------------------------------------------------------

    def check(self, document: Document) -> list[Finding]:
        pieces = [(block, offset, text) for block in document.blocks for offset, text in _pieces(block.text)]
        docs = self._fast.pipe((text for _, _, text in pieces), batch_size=256)
        findings: list[Finding] = []
        for (block, offset, _), doc in zip(pieces, docs):
            findings.extend(self._check_block(block, doc, offset))
        return _with_fingerprints(sorted(findings, key=Finding.sort_key))

    def check_text(self, text: str, name: str = "<text>") -> list[Finding]:
        """Check a string as if it were a plain-text file."""
        return self.check(document_from_bytes(text.encode("utf-8"), name, suffix=".txt"))

    def check_sentence(self, text: str) -> list[Finding]:
        """Check one paragraph of text as a single block (for rule examples)."""
        block = Block(text=text, kind=BlockKind.PARAGRAPH, location=Location(paragraph=1))
        return self.check(Document(path="<example>", format="text", sha256="", blocks=(block,)))

    def _check_block(self, block: Block, doc: Doc, offset: int) -> list[Finding]:
        """Findings in ``doc``, the text of ``block`` from character ``offset`` on."""
        sents = list(doc.sents)
        sentences = _Sentences([s.start_char for s in sents], [s.end_char for s in sents])
        hits = list(self._stage1_hits(doc))
        if self._parsed_tokens is not None and len(self._parsed_tokens):
            hits.extend(self._stage2_hits(sents))
        excused: set[tuple[int, int]] = set()
        matches: dict[tuple[int, int], list[Hit]] = defaultdict(list)
        for hit in hits:
            where = (hit.key.rule, sentences.index(hit.start))
            if hit.key.role is Role.UNLESS:
                excused.add(where)
            else:
                matches[where].append(hit)
        findings = []
        for (rule_index, sent_index), rule_hits in matches.items():
            if (rule_index, sent_index) in excused:
                continue
            s_start, s_end = sentences.starts[sent_index] + offset, sentences.ends[sent_index] + offset
            for start, end in _longest_first(rule_hits, doc):
                findings.append(self._finding(self._rules[rule_index], block, start + offset, end + offset,
                                              s_start, s_end))
        return findings

    def _stage1_hits(self, doc: Doc) -> Iterable[Hit]:
        yield from self._phrases.hits(doc)
        yield from self._tokens.hits(doc)
        yield from self._regex.hits(doc)

    def _stage2_hits(self, sents) -> Iterable[Hit]:
        assert self._trained is not None and self._parsed_tokens is not None
        for sent in sents:
            words = [token.text for token in sent]
            spaces = [bool(token.whitespace_) for token in sent]
            parsed = pipelines.parse_span(self._trained, words, spaces)
            yield from self._parsed_tokens.hits(parsed, offset=sent.start_char)

    def _finding(self, rule: Rule, block: Block, start: int, end: int, s_start: int, s_end: int) -> Finding:
        text = block.text[start:end]
        raw_sentence = block.text[s_start:s_end]
        lead = len(raw_sentence) - len(raw_sentence.lstrip())
        sentence = raw_sentence.strip()
        fields = block.location.model_dump()
        fields["line"] = block.line_of(start)
        location = FindingLocation(**fields, start=start, end=end)
        return Finding(
            rule=rule.id,
            name=rule.name,
            category=rule.category.value,
            severity=rule.severity,
            message=fill(rule.message, text),
            text=text,
            sentence=sentence,
            sentence_start=s_start + lead,
            suggestion=build(rule, text, start, end, sentence, s_start + lead),
            location=location,
            fingerprint="",
        )


def _pieces(text: str, size: int = PIECE_CHARS):
    """Split a very long block into pieces of at most ``size`` characters, at a
    sentence end or white space where possible; yields (offset, piece)."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind(". "), window.rfind("\n"))
        cut = cut + 1 if cut > size // 2 else (window.rfind(" ") if window.rfind(" ") > size // 2 else size)
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def _longest_first(hits: list[Hit], doc: Doc) -> list[tuple[int, int]]:
    """Overlapping hits of one rule in one sentence: keep the longest."""
    spans = []
    for hit in hits:
        span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return sorted((span.start_char, span.end_char) for span in filter_spans(spans))


def _with_fingerprints(findings: list[Finding]) -> list[Finding]:
    seen: dict[tuple[str, str, str], int] = defaultdict(int)
    result = []
    for finding in findings:
        key = (finding.rule, " ".join(finding.sentence.lower().split()), finding.text.lower())
        occurrence = seen[key]
        seen[key] += 1
        value = fingerprint(finding.rule, finding.sentence, finding.text, occurrence)
        result.append(finding.model_copy(update={"fingerprint": value}))
    return result
