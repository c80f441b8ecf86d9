"""The labelled sentence corpus in ``corpora/sentences/``: load, validate, and
compare it with the rules' own examples.

One YAML file per category (``working-time.yaml`` ... ``hiring.yaml``), each a
list of items::

    - text: "Warehouse staff are expected to stay reachable around the clock."
      verdict: flag          # flag | ok
      category: working-time # what the sentence is about (ok: what it could be confused with)
      rule: PL101            # optional: the rule that should catch it
      hard: false            # ok items only: the risky words, used in a fine way
      section: "8 Hiring > 8.2 Job requirements"   # optional heading path
      note: "why"            # optional

A held-out set is one file named ``heldout-*.yaml`` in the same folder,
holding items of any category. It is left out of the main corpus (it measures
how well the rules generalise to sentences they were not tuned on) and is
scored on its own: ``load_corpus(path_of_the_file)``, or
``python benchmarks/evaluate.py --corpus corpora/sentences/heldout-v1.yaml``.

Every item is checked by the pydantic model ``Item`` (unknown keys are
errors); ``load_corpus`` collects every problem in every file, each naming the
file, the item (1-based) and its line, and raises ``CorpusError``.
``overlaps`` finds corpus sentences that are identical or near-identical to a
rule's own ``flag:``/``ok:`` examples (the corpus must be independent of them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from policylint.rule import Category

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpora" / "sentences"
CATEGORIES: list[str] = [c.value for c in Category]
#: File names of held-out sets (any category; not part of the main corpus).
HELDOUT_GLOB = "heldout-*.yaml"
#: The hundreds of a rule code give its category: PL1xx working-time ... PL14xx hiring.
CATEGORY_OF_HUNDRED = dict(enumerate(CATEGORIES, start=1))


class CorpusError(Exception):
    """The corpus is invalid; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class Item(BaseModel):
    """One labelled sentence (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(min_length=1)
    verdict: Literal["flag", "ok"]
    category: Category
    rule: str | None = Field(default=None, pattern=r"^PL[0-9]{3,4}$")
    hard: bool = False
    section: str | None = None
    note: str | None = None

    @field_validator("text")
    @classmethod
    def _one_paragraph(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        if "\n" in value.strip():
            raise ValueError("text must be one paragraph (no line breaks)")
        return value.strip()

    @field_validator("section")
    @classmethod
    def _heading_path(cls, value: str | None) -> str | None:
        if value is not None and any(not part.strip() for part in value.split(">")):
            raise ValueError('give headings separated by " > ", e.g. "8 Hiring > 8.2 Job requirements"')
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Item:
        if self.hard and self.verdict != "ok":
            raise ValueError("hard: true is for ok items (hard negatives) only")
        if self.rule is not None:
            owner = CATEGORY_OF_HUNDRED.get(int(self.rule[2:]) // 100)
            if owner != self.category.value:
                raise ValueError(f"rule {self.rule} belongs to category {owner}, not {self.category.value}")
        return self

    @property
    def headings(self) -> list[str]:
        return [part.strip() for part in self.section.split(">")] if self.section else []

    @property
    def hard_negative(self) -> bool:
        return self.verdict == "ok" and self.hard


@dataclass(frozen=True)
class Entry:
    """An item with where it came from (``index`` is 1-based)."""

    item: Item
    path: Path
    index: int
    line: int

    @property
    def file(self) -> str:
        return _display(self.path)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line} (item {self.index})"


def load_corpus(folder: Path = CORPUS_DIR, categories: Iterable[str] | None = None) -> list[Entry]:
    """Every item of every ``*.yaml`` file in ``folder`` (files in category
    order; held-out files left out), validated; or, when ``folder`` is a
    file, the items of that one file. Raises ``CorpusError`` listing every
    problem."""
    problems: list[str] = []
    entries: list[Entry] = []
    if folder.is_file():
        files = [folder]
    elif folder.is_dir():
        files = sorted((p for p in folder.glob("*.yaml") if not is_heldout(p)), key=_file_order)
    else:
        files = []
    if not files:
        raise CorpusError([f"{_display(folder)}: no corpus files (*.yaml) found"])
    wanted = set(categories) if categories is not None else None
    for path in files:
        if wanted is None or path.stem in wanted or is_heldout(path):
            entries.extend(_load_file(path, problems))
    seen: dict[tuple[str, str | None], Entry] = {}
    for entry in entries:
        key = (" ".join(words(entry.item.text)), entry.item.section)
        if key in seen:
            problems.append(f"{entry.where}: the same sentence as {seen[key].where}")
        seen.setdefault(key, entry)
    if problems:
        raise CorpusError(problems)
    return entries


def is_heldout(path: Path) -> bool:
    return path.match(HELDOUT_GLOB)


def _file_order(path: Path) -> tuple[int, str]:
    return (CATEGORIES.index(path.stem) if path.stem in CATEGORIES else len(CATEGORIES), path.name)


def _load_file(path: Path, problems: list[str]) -> list[Entry]:
    name = _display(path)
    heldout = is_heldout(path)
    if path.stem not in CATEGORIES and not heldout:
        problems.append(f"{name}: the file name must be a category: {', '.join(CATEGORIES)} "
                        f"(or {HELDOUT_GLOB} for a held-out set)")
        return []
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problems.append(f"{name}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}")
        return []
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{name}: cannot read: {exc}")
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        problems.append(f"{name}: the file must be a list of items")
        return []
    lines = [node.start_mark.line + 1 for node in root.value]
    entries = []
    for index, (raw, line) in enumerate(zip(data, lines), start=1):
        where = f"{name}:{line} (item {index})"
        if not isinstance(raw, dict):
            problems.append(f"{where}: an item must be a mapping with text, verdict and category")
            continue
        try:
            item = Item.model_validate(raw)
        except ValidationError as exc:
            problems.extend(f"{where}: {message}" for message in _messages(exc))
            continue
        if item.category.value != path.stem and not heldout:
            problems.append(f"{where}: category {item.category.value} in {path.name} (put it in "
                            f"{item.category.value}.yaml, or use category {path.stem})")
            continue
        entries.append(Entry(item, path, index, line))
    return entries


def _messages(exc: ValidationError) -> list[str]:
    result = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = f"unknown key (allowed: {', '.join(Item.model_fields)})"
        elif error["type"] == "missing":
            message = "required key is missing"
        result.append(f"{field} -> {message}" if field else message)
    return result


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


# -- overlap with the rules' own examples -------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (punctuation and spacing ignored)."""
    return re.findall(r"[a-z0-9]+", text.translate(_QUOTES).lower())


@dataclass(frozen=True)
class Overlap:
    entry: Entry
    rule: str
    example: str
    kind: str  #: "identical", "same words" (any order) or "similar" (a warning only)
    score: float = 1.0


def example_sentences(rules) -> list[tuple[str, str]]:
    """(rule id, sentence) for every ``flag:`` and ``ok:`` example; a Markdown
    example gives each of its non-heading lines."""
    result = []
    for rule in rules:
        texts = [e.text for e in rule.examples.flag_examples()] + list(rule.examples.ok)
        for text in texts:
            for line in text.splitlines() or [text]:
                line = line.strip()
                if line and not line.startswith("#"):
                    result.append((rule.id, line))
    return result


def overlaps(entries: list[Entry], rules, similar: float | None = 0.8) -> list[Overlap]:
    """Corpus items that are identical or near-identical to a rule example
    (same words in the same order, or the same words in any order); with
    ``similar``, also items whose word sets overlap at least that much
    (Jaccard), reported with kind "similar" as a warning."""
    examples = [(rule, text, words(text)) for rule, text in example_sentences(rules)]
    found = []
    for entry in entries:
        mine = words(entry.item.text)
        for rule, text, theirs in examples:
            if mine == theirs:
                found.append(Overlap(entry, rule, text, "identical"))
            elif sorted(mine) == sorted(theirs):
                found.append(Overlap(entry, rule, text, "same words"))
            elif similar is not None and mine and theirs:
                a, b = set(mine), set(theirs)
                score = len(a & b) / len(a | b)
                if score >= similar:
                    found.append(Overlap(entry, rule, text, "similar", round(score, 2)))
    return found
