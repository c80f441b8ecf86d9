"""``unless`` and ``when`` with a scope: is a context present around a match?

``unless``: any context found in its scope drops the match. ``when``: every
``when`` context must be found in its scope. Scopes: the match's sentence,
its paragraph (block), its section (the blocks with the same heading path,
and the headings above them: a list under "Conflicts of interest > Related
parties" is still in the conflicts-of-interest section; a long heading, such
as a question in an FAQ, is not a section title) or the whole document.
"""

from __future__ import annotations

from policylint.document import BlockKind, Document
from policylint.engine.absence import MAX_HEADING_WORDS
from policylint.engine.base import Key, Role
from policylint.engine.scan import Candidate, ScanResult
from policylint.rule import Rule
from policylint.rule_patterns import Context, Scope


class ContextIndex:
    def __init__(self, document: Document, scan: ScanResult):
        self.sentences = scan.context_sentences
        self.blocks = scan.context_blocks
        self.sections = {(key, document.blocks[block].section) for key, block in scan.context_blocks}
        #: contexts found in a heading, by the heading's own path
        self.headings = {(key, document.blocks[block].section) for key, block in scan.context_blocks
                         if document.blocks[block].kind == BlockKind.HEADING
                         and len(document.blocks[block].text.split()) <= MAX_HEADING_WORDS}
        self.anywhere = {key for key, _ in scan.context_blocks}
        self.document = document

    def present(self, key: Key, context: Context, candidate: Candidate) -> bool:
        if context.scope == Scope.SENTENCE:
            return (key, candidate.block, candidate.sentence_start) in self.sentences
        if context.scope == Scope.PARAGRAPH:
            return (key, candidate.block) in self.blocks
        if context.scope == Scope.SECTION:
            section = self.document.blocks[candidate.block].section
            return (key, section) in self.sections or any(
                (key, section[:n]) in self.headings for n in range(1, len(section)))
        return key in self.anywhere

    def allows(self, rule_index: int, rule: Rule, candidate: Candidate) -> bool:
        for n, context in enumerate(rule.unless):
            if self.present(Key(rule_index, Role.UNLESS, n), context, candidate):
                return False
        return all(self.present(Key(rule_index, Role.WHEN, n), context, candidate)
                   for n, context in enumerate(rule.when))
