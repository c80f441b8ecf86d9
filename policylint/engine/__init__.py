"""The engine: runs the rules over a ``Document`` and returns ``Finding``s.

Its layout follows the two stages a document goes through:

- ``compile.py`` compiles the rules once per run into shared matchers;
- ``scan.py`` scans each document: ``stage1/`` runs on every word with the
  tokenizer alone (policylint/tokenizer, no spaCy) (phrases, concepts, token patterns, regex, and the choice of
  sentences to parse), ``stage2/`` only on the sentences stage 1 chose,
  parsed by the trained pipeline (clause and dependency patterns, subject,
  modality, pronoun antecedents), which ``trained.py`` loads the first time
  a sentence needs it;
- ``context.py`` keeps the matches whose ``unless``/``when`` contexts allow
  them, ``absence.py`` adds what section and document rules find missing;
- this module turns the result into sorted, fingerprinted ``Finding``s.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from policylint import nlp as pipelines
from policylint.document import Block, BlockKind, Document, Location
from policylint.engine.absence import Gap, find_gaps
from policylint.engine.compile import Compiled
from policylint.engine.context import ContextIndex
from policylint.engine.scan import Candidate, Scanner, ScanResult
from policylint.engine.trained import Trained
from policylint.extract import document_from_bytes
from policylint.finding import (
    Finding,
    FindingLocation,
    Suggestion,
    SuggestionAction,
    fingerprint,
)
from policylint.model.scoring import (
    ModelScorer,  # the trained classifier (policylint/model)
)
from policylint.rule import Rule
from policylint.ruleset import RuleSet
from policylint.suggest import build, combine_rewrites, fill
from policylint.tokenizer import Tokens, tokenizer

#: Blocks longer than this are checked in pieces (spaCy works on bounded texts).
PIECE_CHARS = 100_000

#: Tabs, line breaks and no-break spaces are read as plain spaces (one
#: character for one, so offsets do not move): "3.1.2<tab>Managers must ..."
#: parses like "3.1.2 Managers must ...".
_PLAIN_SPACE = str.maketrans({c: " " for c in "\t\n\r\v\f\u00a0\u2007\u202f\u2028\u2029"})


@dataclass
class Engine:
    """Compiles a rule set once; ``check`` then runs it on any number of documents.

    ``model``: the spaCy pipeline for rules that need grammar (default: the
    first of ``nlp.DEFAULT_MODELS`` that is installed). Rules that need one are
    skipped when none is installed (``skipped``). ``two_stage=False`` parses
    every sentence (for tests and benchmarks: same findings, slower).
    """

    rules: RuleSet
    model: str | None = None
    two_stage: bool = True
    skipped: list[Rule] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        wanted = self.model is not None or any(rule.needs_parse or rule.needs_names for rule in self.rules)
        ner = any(r.needs_ner or r.needs_names for r in self.rules)
        name = pipelines.installed_model(self.model) if wanted else None
        self._trained = Trained(name, ner=ner) if name else None
        active = []
        # model rules (PL199 ... PL1499): the classifier scores every sentence; nothing to compile
        self._model = ModelScorer.for_rules(self.rules)
        for rule in self.rules:
            if self._model is not None and rule in self._model.rules.values():
                continue
            if rule.needs_parse and self._trained is None:
                self.skipped.append(rule)
            else:
                active.append(rule)
        self._compiled = Compiled(active)
        self._scanner = Scanner(self._compiled, self._trained, self.two_stage,
                                parse_ner=any(r.needs_ner for r in self.rules))
        self.last_scan: ScanResult | None = None

    @property
    def model_name(self) -> str | None:
        if self._trained is None:
            return None
        return self._trained.label()

    @property
    def active_rules(self) -> list[Rule]:
        return [info.rule for info in self._compiled.infos]

    @property
    def regex_timeouts(self) -> list[tuple[str, str]]:
        infos = self._compiled.infos
        return [(infos[key.rule].rule.id, expression) for key, expression in self._compiled.regex.timeouts]

    def warm(self) -> None:
        """Load now what checks load on first need (the trained pipeline, its
        matchers, the classifier): before forking worker processes, so that
        they share it instead of each loading its own."""
        if self._trained is not None and self._compiled.needs_stage2:
            self._compiled.parsed_matchers(self._trained.nlp.vocab)
        if self._model is not None:
            from policylint.model import installed
            from policylint.model.classifier import load

            if installed():
                load()

    # -- running -----------------------------------------------------------

    def check(self, document: Document) -> list[Finding]:
        with _collector_paused():
            return self._check(document)

    def _check(self, document: Document) -> list[Finding]:
        items = tokenized_pieces(document)
        model = self._model.start() if self._model is not None else None
        scan = self._scanner.scan(model.tap(items) if model is not None else items)
        self.last_scan = scan
        contexts = ContextIndex(document, scan)
        infos = self._compiled.infos
        findings = [self._finding(infos[c.rule].rule, document.blocks[c.block], c)
                    for c in scan.candidates if contexts.allows(c.rule, infos[c.rule].rule, c)]
        findings.extend(self._gap_finding(infos[g.rule].rule, document.blocks[g.block], g)
                        for g in find_gaps(document, infos, scan)
                        if contexts.allows(g.rule, infos[g.rule].rule, Candidate(g.rule, g.block, 0, 0, 0, 0)))
        if model is not None:  # the classifier's findings, on sentences no rule flagged
            findings.extend(model.findings(document, findings))
        return _with_fingerprints(combine_rewrites(sorted(findings, key=Finding.sort_key)))

    def check_text(self, text: str, name: str = "<text>", markdown: bool = False) -> list[Finding]:
        """Check a string as if it were a plain-text (or Markdown) file."""
        suffix = ".md" if markdown else ".txt"
        return self.check(document_from_bytes(text.encode("utf-8"), name, suffix=suffix))

    def check_sentence(self, text: str) -> list[Finding]:
        """Check one paragraph of text as a single block (for rule examples)."""
        block = Block(text=text, kind=BlockKind.PARAGRAPH, location=Location(paragraph=1))
        return self.check(Document(path="<example>", format="text", sha256="", blocks=(block,)))

    def _finding(self, rule: Rule, block: Block, found: Candidate) -> Finding:
        start, end = found.start, found.end
        text = block.text[start:end]
        raw = block.text[found.sentence_start : found.sentence_end]
        sentence_start = found.sentence_start + len(raw) - len(raw.lstrip())
        sentence = raw.strip()
        suggestion = build(rule, text, start, end, sentence, sentence_start)
        return _new_finding(rule, block, start, end, sentence, sentence_start, fill(rule.message, text), suggestion)

    def _gap_finding(self, rule: Rule, block: Block, gap: Gap) -> Finding:
        """An absence finding sits on the whole heading (or first block)."""
        text = block.text.strip()
        start = len(block.text) - len(block.text.lstrip())
        values = {"{section}": gap.section or "this document", "{found}": ", ".join(gap.found) or "none"}
        advice = _fill_all(rule.suggestion.advice or "", values)
        suggestion = Suggestion(action=SuggestionAction.INSERT, text=advice) if advice else None
        return _new_finding(rule, block, start, start + len(text), text, start, _fill_all(rule.message, values),
                            suggestion)


def _new_finding(rule: Rule, block: Block, start: int, end: int, sentence: str, sentence_start: int, message: str,
                 suggestion: Suggestion | None) -> Finding:
    """A finding without its fingerprint (added once the document's findings are sorted)."""
    return Finding(
        rule=rule.id,
        name=rule.name,
        category=rule.category.value,
        severity=rule.severity,
        message=message,
        text=block.text[start:end],
        sentence=sentence,
        sentence_start=sentence_start,
        suggestion=suggestion,
        location=_location(block, start, end),
        fingerprint="",
    )


def _fill_all(template: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        template = template.replace(placeholder, value)
    return template


def _location(block: Block, start: int, end: int) -> FindingLocation:
    fields = block.location.model_dump()
    fields["line"] = block.line_of(start)
    return FindingLocation(**fields, start=start, end=end)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one check. A check makes
    many short-lived objects, which would set off full collections that walk
    every object of the loaded spaCy pipelines (about a sixth of a check's
    time). Memory is still freed by reference counting as usual; the
    collector runs again once the check is done."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def tokenized_pieces(document: Document) -> Iterator[tuple[int, Block, int, Tokens]]:
    """(block index, block, offset, tokens) for each block, or piece of a
    long block, in document order: what the scanner and the classifier read."""
    tokenize = tokenizer()
    for number, block in enumerate(document.blocks):
        for offset, text in _pieces(block.text):
            yield number, block, offset, tokenize(text.translate(_PLAIN_SPACE))


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


def _with_fingerprints(findings: list[Finding]) -> list[Finding]:
    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for finding in findings:
        key = (finding.rule, " ".join(finding.sentence.lower().split()), finding.text.lower())
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        value = fingerprint(finding.rule, finding.sentence, finding.text, occurrence)
        result.append(finding.model_copy(update={"fingerprint": value}))
    return result
