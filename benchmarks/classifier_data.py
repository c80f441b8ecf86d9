"""The training data of the sentence classifier, built at training time.

Two sources, both read where they are and never copied into the project:

- the labelled real documents in ``../shared/corpus/real-dev`` (see
  ``realdocs.py``): every document is extracted with ``policylint.extract``
  and split into sentences exactly as the engine does
  (``policylint.model.sentences``). A sentence that matches a ``high`` or
  ``medium`` flag label is positive for that label's category; one that
  matches only ``low`` labels is left out; every other sentence is negative;
- the project's own labelled sentences in ``corpora/sentences/*.yaml``
  (never the ``heldout-*.yaml`` files, which measure generalisation).

The sentences of the real documents are cached outside the repository
(``$POLICYLINT_TRAIN_CACHE``, default ``~/.cache/policylint-train``), keyed
by the labels' and files' digests, because extracting the PDFs takes minutes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.realdocs import REAL_DEV, Matcher, load

CACHE = Path(os.environ.get("POLICYLINT_TRAIN_CACHE", Path.home() / ".cache" / "policylint-train"))
#: the organisation of the project's own sentences (never a held-out fold)
OWN = "corpora/sentences"


@dataclass(frozen=True)
class Example:
    text: str
    cats: tuple[str, ...]  #: the categories it is flagged for; () = ok
    group: str  #: the organisation (cross-validation folds), or OWN
    doc: str  #: the document id (real documents) or the corpus file


def real_examples(root: Path = REAL_DEV) -> list[Example]:
    """Every sentence of every labelled real document (low-only sentences left out)."""
    docs = load(root)
    provenance = {entry["file"]: entry["source"] for entry in json.loads((root / "provenance.json").read_text())}
    digest = hashlib.sha256()
    for doc in docs:
        digest.update(doc.path.name.encode())
        digest.update((root / "labels" / f"{doc.id}.jsonl").read_bytes())
        digest.update(str(doc.path.stat().st_size).encode())
    cached = CACHE / f"real-{digest.hexdigest()[:16]}.json"
    if cached.is_file():
        return [Example(e["text"], tuple(e["cats"]), e["group"], e["doc"]) for e in json.loads(cached.read_text())]
    from policylint.extract import read_document
    from policylint.model.sentences import document_pieces, sentences

    examples = []
    for doc in docs:
        group = provenance[str(doc.path.relative_to(root))]
        matcher = Matcher(doc.labels)
        for sentence in sentences(document_pieces(read_document(doc.path))):
            labels = matcher.match(sentence.text)
            scored = sorted({label.category for label in labels if label.scored})
            if labels and not scored:
                continue  # only low labels: neither positive nor negative
            examples.append(Example(sentence.text, tuple(scored), group, doc.id))
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps([asdict(e) for e in examples]))
    return examples


def own_examples() -> list[Example]:
    """The project's labelled sentences (not the held-out sets)."""
    from benchmarks.corpus import load_corpus

    return [Example(e.item.text, (e.item.category.value,) if e.item.verdict == "flag" else (), OWN, e.file)
            for e in load_corpus()]
