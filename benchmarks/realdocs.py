"""The labelled real documents in ``../shared/corpus/real-dev``: load their
labels, find each document's file, and match findings to labelled sentences.

The documents are third parties' texts, most without a licence: they are read
from ``../shared`` at run time and nothing of them is copied into the project.
The label format is defined in ``../shared/LABELING.md``: one JSON object per
line, a sentence (``verdict`` flag, a ``category`` and a ``confidence``) or a
document-level ``item`` (accommodation-route, reporting-channels,
retaliation-protection, flexible-work-route: present, missing or
not-applicable).

Matching is by the words of a sentence, tolerantly, because the labels' text
came from other extractors (pdftotext, python-docx): hyphenation, glued page
numbers and running headers, and where one tool splits a sentence the other
does not, all differ. A finding's sentence matches a label when most of the
label's words are in it (the finding's sentence may be longer: our splitter
joined two sentences, or a header landed inside it) or when most of its words
are in the label and it covers a fair part of it (our splitter cut the
label's sentence in two). Words are compared after lower-casing, dropping
punctuation and joining line-end hyphenation.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: ``POLICYLINT_REAL_DEV`` overrides where the labelled documents are.
REAL_DEV = Path(os.environ.get("POLICYLINT_REAL_DEV", REPO.parent / "shared" / "corpus" / "real-dev"))
SCORED = frozenset({"high", "medium"})
ITEMS = ("accommodation-route", "reporting-channels", "retaliation-protection", "flexible-work-route")

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HYPHEN_BREAK = re.compile(r"(\w)[-\u00ad\u2010]\s+(\w)")
#: Containment thresholds (share of words) for a match, see the module docstring.
LABEL_IN_SENTENCE = 0.8
SENTENCE_IN_LABEL = 0.85
MIN_COVER = 0.4


def words(text: str) -> list[str]:
    text = _HYPHEN_BREAK.sub(r"\1\2", text.replace("\u2019", "'"))
    return [w for w in _WORD.findall(text.lower()) if not w.isdigit() or len(w) > 2]


@dataclass(frozen=True)
class Label:
    doc: str
    sentence: str
    category: str
    confidence: str
    reason: str
    section: str | None = None

    @property
    def scored(self) -> bool:
        return self.confidence in SCORED


@dataclass
class LabelledDoc:
    id: str
    path: Path
    format: str
    words: int
    labels: list[Label] = field(default_factory=list)
    items: dict[str, str] = field(default_factory=dict)


class CorpusMissing(Exception):
    pass


def _slug_words(text: str) -> set[str]:
    return {w for w in words(text) if not w.isdigit() and len(w) > 1}


def load(root: Path = REAL_DEV) -> list[LabelledDoc]:
    """Every labelled document, in the order of ``provenance.json``."""
    provenance = root / "provenance.json"
    if not provenance.is_file():
        raise CorpusMissing(f"{root}: no provenance.json (the labelled real documents are not beside the project)")
    entries = json.loads(provenance.read_text(encoding="utf-8"))
    label_files = sorted((root / "labels").glob("*.jsonl"))
    docs: list[LabelledDoc] = []
    for label_file in label_files:
        doc_id = label_file.stem
        source, _, rest = doc_id.partition("--")
        candidates = [e for e in entries if e["source"] == source]
        if len(candidates) > 1:  # one organisation, several files: the file name that shares most words
            wanted = _slug_words(rest)
            candidates.sort(key=lambda e: -len(wanted & _slug_words(Path(e["file"]).stem)))
        if not candidates:
            raise CorpusMissing(f"{label_file}: no document of source {source!r} in provenance.json")
        entry = candidates[0]
        doc = LabelledDoc(doc_id, root / entry["file"], entry["format"], entry.get("words", 0))
        for number, line in enumerate(label_file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if "item" in record:
                doc.items[record["item"]] = record["verdict"]
            elif record.get("verdict") == "flag":
                doc.labels.append(Label(doc_id, record["sentence"], record["category"], record.get("confidence", "high"),
                                        record.get("reason", ""), record.get("section")))
        docs.append(doc)
    order = {entry["file"]: index for index, entry in enumerate(entries)}
    docs.sort(key=lambda d: (order.get(str(d.path.relative_to(root)), 99), d.id))
    return docs


class Matcher:
    """Matches sentences of one document to its labels."""

    def __init__(self, labels: list[Label]):
        self.labels = labels
        self._words = [Counter(words(label.sentence)) for label in labels]
        self._index: dict[str, set[int]] = {}
        for index, counts in enumerate(self._words):
            for word in counts:
                self._index.setdefault(word, set()).add(index)

    def match(self, sentence: str) -> list[Label]:
        found = Counter(words(sentence))
        total = sum(found.values())
        if not total:
            return []
        candidates: set[int] = set()
        for word in found:
            candidates |= self._index.get(word, set())
        matched = []
        for index in sorted(candidates):
            label_words = self._words[index]
            size = sum(label_words.values())
            common = sum((label_words & found).values())
            if common / size >= LABEL_IN_SENTENCE and (size >= 3 or total <= 2 * size + 4):
                matched.append(self.labels[index])
            elif common / total >= SENTENCE_IN_LABEL and common / size >= MIN_COVER and total >= 3:
                matched.append(self.labels[index])
        return matched
