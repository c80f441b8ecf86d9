"""Concepts: named classes of words, in ``concepts/*.yaml`` beside the rules.

A concept file has a ``name``, a ``description``, its ``terms`` (words or
multi-word expressions) and optionally ``include`` (other concepts whose
terms it also has). A term is matched whole-word, ignoring case, in every
inflected form of each of its words (``woman`` finds ``women``, ``see fit``
finds ``sees fit``), so matching needs only the tokenizer (stage 1).

Rules use concepts in three ways (see rules/README.md): ``concepts:`` in a
pattern block, a ``{"CONCEPT": name}`` token in a spaCy token pattern, and
``concept:`` in a role of a clause pattern. ``Concepts.expand_block`` turns
the first two into ordinary token patterns while a rule file is validated;
``Concepts.words`` gives clause roles what they test.
"""

from __future__ import annotations

import functools
import itertools
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator

from policylint.schema_base import Strict, Text

#: Longest concept expansion of one token pattern (the product of the
#: multi-word alternatives of its CONCEPT tokens).
MAX_VARIANTS = 200
#: Short function words keep their own form inside a multi-word term.
_FIXED = frozenset(["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "not", "no", "as", "is", "are", "be", "it", "its", "their", "your", "our", "his", "her", "one's", "own"])


class ConceptFile(Strict):
    name: Text
    description: Text
    terms: list[Text] = Field(min_length=1)
    include: list[Text] = Field(default_factory=list)

    @field_validator("terms")
    @classmethod
    def _normalise(cls, value: list[str]) -> list[str]:
        return [" ".join(term.lower().split()) for term in value]


class ConceptError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Words:
    """What a concept matches: single words (every form) and sequences of
    word-form sets (multi-word terms)."""

    single: frozenset[str]
    sequences: tuple[tuple[frozenset[str], ...], ...]
    #: the words of each multi-word term as written (same order as ``sequences``)
    written: tuple[tuple[str, ...], ...] = ()

    def anchors(self) -> frozenset[str]:
        """Forms of which a sentence with a term has at least one."""
        return self.single | frozenset(w for sequence in self.sequences for w in sequence[0])

    def covered(self, lowers: list[str], where: dict[str, list[int]] | None = None) -> set[int]:
        """Indexes of the words (given lower-cased) that belong to a term;
        ``where`` (each word's positions) saves building it again."""
        if where is None:
            where = {}
            for i, word in enumerate(lowers):
                where.setdefault(word, []).append(i)
        found: set[int] = set()
        for word in self.single.intersection(where):
            found.update(where[word])
        firsts = self._firsts
        for first in firsts.keys() & where.keys():
            for sequence in firsts[first]:
                size = len(sequence)
                for start in where[first]:
                    if start + size <= len(lowers) and all(lowers[start + k] in sequence[k] for k in range(1, size)):
                        found.update(range(start, start + size))
        return found

    def occurs(self, lowers: Iterable[str]) -> bool:
        """Whether the words (lower-cased) hold a term."""
        words = list(lowers)
        present = set(words)
        if not self.single.isdisjoint(present):
            return True
        return any(self._firsts.keys() & present) and bool(self.covered(words))

    @functools.cached_property
    def _firsts(self) -> dict[str, list[tuple[frozenset[str], ...]]]:
        """The multi-word terms by each form of their first word."""
        firsts: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for sequence in self.sequences:
            for form in sequence[0]:
                firsts.setdefault(form, []).append(sequence)
        return firsts


def _forms(word: str) -> frozenset[str]:
    """A term word's forms: plural, -s, -ed, -ing and the irregular forms;
    not the comparatives the anchor search also tries ("he" is not "her")."""
    from policylint.engine.stage1.candidates import inflections
    from policylint.lexicons import keyed

    if word in _FIXED or not word.isalpha():
        return frozenset({sys.intern(word)})
    irregular = set(keyed("irregular-forms.txt").get(word, ()))
    # interned: the same form in many rules is one string (and one entry in a pickled pack)
    return frozenset(sys.intern(f) for f in inflections(word)
                     if f == word or f in irregular or not f.endswith(("er", "est")))


def _tokens(term: str) -> list[str]:
    """A term's words as the tokenizer splits them."""
    from policylint.tokenizer import tokenizer

    return tokenizer()(term).lower


class Concepts:
    """Every concept of a run, by name."""

    def __init__(self, files: dict[str, ConceptFile] | None = None, sources: dict[str, Path] | None = None):
        self.files = dict(files or {})
        self.sources = dict(sources or {})

    def __contains__(self, name: str) -> bool:
        return name in self.files

    @property
    def names(self) -> list[str]:
        return sorted(self.files)

    def terms(self, name: str, _seen: frozenset[str] = frozenset()) -> list[str]:
        concept = self.files[name]
        terms = list(concept.terms)
        for other in concept.include:
            if other not in _seen | {name}:
                terms += self.terms(other, _seen | {name})
        return terms

    @functools.cache  # noqa: B019 - one registry per run, kept for the run
    def words(self, names: tuple[str, ...]) -> Words:
        single: set[str] = set()
        sequences: dict[tuple[str, ...], tuple[frozenset[str], ...]] = {}
        for name in names:
            for term in self.terms(name):
                parts = _tokens(term)
                if len(parts) == 1:
                    single |= _forms(parts[0])
                elif parts:
                    sequences[tuple(parts)] = tuple(_forms(p) for p in parts)
        return Words(frozenset(single), tuple(sequences.values()), tuple(sequences))

    def unknown(self, names: Iterable[str]) -> list[str]:
        return [name for name in names if name not in self.files]

    # -- expansion into token patterns ---------------------------------------

    def expand_pattern(self, pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """A token pattern with CONCEPT tokens as plain token patterns."""
        options = []
        for token in pattern:
            concept = next((key for key in token if key.upper() == "CONCEPT"), None)
            if concept is None:
                options.append([[token]])
                continue
            value = token[concept]
            names = value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else value
            names = [names] if isinstance(names, str) else names
            if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
                raise ValueError("CONCEPT takes a concept name, a list of names or {IN: [names]}")
            missing = self.unknown(names)
            if missing:
                raise ValueError(f"unknown concept {missing[0]!r} (known: {', '.join(self.names) or 'none'})")
            rest = {k: v for k, v in token.items() if k != concept}
            words = self.words(tuple(names))
            variants = []
            if words.single:
                variants.append([{**rest, "LOWER": {"IN": sorted(words.single)}}])
            op = str(rest.get("OP", "1"))
            plain = {k: v for k, v in rest.items() if k != "OP"}
            for sequence in _by_length(words.sequences):
                tokens = [{"LOWER": {"IN": sorted(forms)}} for forms in sequence]
                tokens[-1] = {**plain, **tokens[-1]}
                variants.append(tokens)
            if op in ("?", "*") and words.sequences:
                variants.append([])
            options.append(variants)
        count = 1
        for variants in options:
            count *= len(variants)
        if count > MAX_VARIANTS:
            raise ValueError(f"its concepts make {count} patterns (at most {MAX_VARIANTS}): use fewer multi-word terms")
        return [[t for part in combo for t in part] for combo in itertools.product(*options)
                if any(part for part in combo)]

    def expand_block(self, data: Any) -> Any:
        """A pattern block (match, unless, when, require) as written, with
        CONCEPT tokens turned into plain token patterns (``concepts`` names
        are checked; policylint/engine/stage1/concepts.py matches them)."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        names = data.get("concepts") or []
        patterns = data.get("patterns") or []
        if not isinstance(names, list) or not isinstance(patterns, list):
            return data
        missing = self.unknown(n for n in names if isinstance(n, str))
        if missing:
            raise ValueError(f"concepts: unknown concept {missing[0]!r} (known: {', '.join(self.names) or 'none'})")
        expanded = []
        for index, pattern in enumerate(patterns):
            if isinstance(pattern, list) and all(isinstance(t, dict) for t in pattern):
                try:
                    expanded += self.expand_pattern(pattern)
                except ValueError as exc:
                    raise ValueError(f"patterns[{index}]: {exc}") from None
            else:
                expanded.append(pattern)
        if expanded != patterns:
            data["patterns"] = expanded
        return data


def _by_length(sequences: tuple[tuple[frozenset[str], ...], ...]) -> list[tuple[frozenset[str], ...]]:
    """Multi-word terms inside a token pattern, one alternative per length:
    the words each position may have. Matching position by position can join
    the first word of one term with the second of another ("sole" + "fit"),
    which real text hardly ever does; it keeps a pattern with several concept
    tokens from multiplying into thousands."""
    lengths: dict[int, list[set[str]]] = {}
    for sequence in sequences:
        slots = lengths.setdefault(len(sequence), [set() for _ in sequence])
        for slot, forms in zip(slots, sequence):
            slot |= forms
    return [tuple(frozenset(slot) for slot in slots) for _, slots in sorted(lengths.items())]


def concept_files(folder: Path) -> list[Path]:
    from policylint.ruleset import CONCEPTS_DIR

    return sorted(p for p in (folder / CONCEPTS_DIR).glob("*.y*ml") if p.is_file())


def load_concepts(folders: Iterable[Path]) -> Concepts:
    """The concepts of every folder's ``concepts/`` sub-folder. Raises
    ``ConceptError`` with one line per problem."""
    import yaml

    from policylint.yamlload import load_yaml

    problems: list[str] = []
    files: dict[str, ConceptFile] = {}
    sources: dict[str, Path] = {}
    for folder in folders:
        for path in concept_files(Path(folder)):
            try:
                data = load_yaml(path.read_text(encoding="utf-8"))
                concept = ConceptFile.model_validate(data)
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                problems.append(f"{path}: cannot read: {exc}")
                continue
            except ValidationError as exc:
                from policylint.ruleset import format_validation_error

                problems.extend(f"{path}: {line}" for line in format_validation_error(exc))
                continue
            if concept.name != path.stem:
                problems.append(f"{path}: name {concept.name!r} must be the file name ({path.stem!r})")
            elif concept.name in files:
                problems.append(f"{path}: concept {concept.name!r} is already defined in {sources[concept.name]}")
            else:
                files[concept.name] = concept
                sources[concept.name] = path
    registry = Concepts(files, sources)
    for name, concept in files.items():
        for other in registry.unknown(concept.include):
            problems.append(f"{sources[name]}: include: unknown concept {other!r}")
    if problems:
        raise ConceptError(problems)
    return registry
