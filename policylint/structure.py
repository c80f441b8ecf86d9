"""The structural map: which area of people policy each section covers.

The areas (benefits, leave, working time, remote and flexible work, pay,
performance reviews and promotion, hiring and apprenticeships, complaints and
escalation, conduct and discipline, dress and appearance) are listed in
``structure/areas.yaml`` in the rule pack, each with the concepts
(``concepts/area-*.yaml``) whose terms mark it. A section is the run of blocks
under one heading path. It gets the area whose terms it uses most: each term
in its own heading counts ``HEADING_WEIGHT``, each in its body one; a section
with no term in its heading needs ``MIN_BODY_SCORE`` in its body, else it
takes its parent section's area. Ties go to the area listed first.

``map_sections`` runs where the document is read (``runner.check_one``), so
the result is cached with the findings; ``coverage`` (policylint/coverage.py)
joins it with the findings for the reports.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from policylint.document import BlockKind, Document
from policylint.schema_base import Strict, Text

HEADING_WEIGHT = 5
MIN_BODY_SCORE = 3
AREAS_FILE = Path("structure") / "areas.yaml"


class AreaSpec(Strict):
    name: Text
    title: Text
    concepts: list[Text] = Field(min_length=1)
    #: absence rules that report a structure this area lacks
    missing: list[Text] = Field(default_factory=list)


class AreaFile(Strict):
    areas: list[AreaSpec] = Field(min_length=1)
    document_missing: list[Text] = Field(default_factory=list, alias="document-missing")


class SectionArea(BaseModel):
    """One section of a document and the area it was assigned to (None: none)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    section: tuple[str, ...]
    area: str | None
    #: the paragraph number of its first block
    paragraph: int
    words: int


def area_file() -> AreaFile:
    """The areas (``structure/areas.yaml``)."""
    return _areas()[0]


def _matchers() -> tuple[tuple[str, object], ...]:
    """Each area's name and the ``Words`` of its concepts."""
    return _areas()[1]


@functools.cache
def _areas() -> tuple[AreaFile, tuple[tuple[str, object], ...]]:
    """The area file and each area's words, kept compiled with the rule
    packs (policylint/engine/pack.py), named by the bytes they come from."""
    from policylint.engine import pack
    from policylint.ruleset import CONCEPTS_DIR, builtin_rules_dir

    rules = builtin_rules_dir()
    files = [rules / AREAS_FILE, *sorted((rules / CONCEPTS_DIR).glob("*.yaml")),
             *(Path(__file__).parent / name for name in ("structure.py", "concepts.py", "schema_base.py"))]
    return pack.kept("areas", [(path.name, path.read_bytes()) for path in files], lambda: _build_areas(rules))


def _build_areas(rules: Path) -> tuple[AreaFile, tuple[tuple[str, object], ...]]:
    """Read the area file and only the concept files its areas name (and what they include)."""
    from policylint.concepts import ConceptFile, Concepts
    from policylint.ruleset import CONCEPTS_DIR
    from policylint.yamlload import load_yaml

    spec = AreaFile.model_validate(load_yaml((rules / AREAS_FILE).read_text(encoding="utf-8")))
    folder = rules / CONCEPTS_DIR
    files: dict[str, ConceptFile] = {}
    todo = [name for area in spec.areas for name in area.concepts]
    while todo:
        name = todo.pop()
        if name not in files:
            files[name] = ConceptFile.model_validate(load_yaml((folder / f"{name}.yaml").read_text(encoding="utf-8")))
            todo += files[name].include
    concepts = Concepts(files)
    return spec, tuple((area.name, concepts.words(tuple(area.concepts))) for area in spec.areas)


def _lowers(text: str) -> list[str]:
    from policylint.tokenizer import tokenizer

    return list(tokenizer()(text).lower)


def _scores(text: str) -> dict[str, int]:
    lowers = _lowers(text)
    where: dict[str, list[int]] = {}
    for i, word in enumerate(lowers):
        where.setdefault(word, []).append(i)
    return {name: len(words.covered(lowers, where)) for name, words in _matchers()}


def _body_scores(texts: list[str]) -> dict[str, int]:
    """``_scores`` of the texts one after another: a term never runs from one block into the next."""
    total = dict.fromkeys(area_names(), 0)
    for text in texts:
        for name, score in _scores(text).items():
            total[name] += score
    return total


def _best(heading: dict[str, int], body: dict[str, int], parent: str | None) -> str | None:
    """The area of a section: by its heading (the parent's area wins a tie),
    else its parent's, else by its body."""
    if any(heading.values()):
        total = {name: HEADING_WEIGHT * heading[name] + body[name] for name in heading}
        best = max(total.values())
        tied = [name for name, score in total.items() if score == best]
        return parent if parent in tied else tied[0]
    if parent is not None:
        return parent
    best = max(body.values(), default=0)
    return next(name for name, score in body.items() if score == best) if best >= MIN_BODY_SCORE else None


def map_sections(document: Document) -> list[SectionArea]:
    """Every section of ``document`` (in order) with its area."""
    groups: dict[tuple[str, ...], list] = {}
    for block in document.blocks:
        if block.location.part not in ("body", "textbox"):
            continue
        groups.setdefault(tuple(block.section), []).append(block)
    assigned: dict[tuple[str, ...], str | None] = {}
    sections = []
    for path, blocks in groups.items():
        heading = _scores(path[-1]) if path else dict.fromkeys(area_names(), 0)
        if path and is_title(document, path, blocks, heading):
            area = None  # the document's title names the whole document
        else:
            parent = next((assigned[path[:n]] for n in range(len(path) - 1, 0, -1)
                           if assigned.get(path[:n]) is not None), None)
            body = _body_scores([b.text for b in blocks if b.kind != BlockKind.HEADING])
            area = _best(heading, body, parent)
        assigned[path] = area
        sections.append(SectionArea(section=path, area=area, paragraph=blocks[0].location.paragraph,
                                    words=sum(len(b.text.split()) for b in blocks)))
    return sections


def warm() -> None:
    """Load the areas and their terms now (before worker processes are forked)."""
    _matchers()
    _lowers("")


def area_names() -> list[str]:
    return [spec.name for spec in area_file().areas]


def is_title(document: Document, path: tuple[str, ...], blocks: list, heading: dict[str, int]) -> bool:
    """Is this the document's title, set as a top-level heading with a line or
    two under it, naming no area or several ("Leave, Pay and Benefits Policy")?"""
    return len(path) == 1 and path[0].strip() == (document.title or "").strip() \
        and sum(len(b.text.split()) for b in blocks) <= 80 and sum(1 for n in heading.values() if n) != 1
