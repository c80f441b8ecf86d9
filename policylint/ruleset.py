"""Load rules from YAML files: the built-in pack and any folders a user adds."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

if TYPE_CHECKING:  # the rule schema imports spaCy's; loaded only when rules are read
    from policylint.rule import Rule


class RuleLoadError(Exception):
    """One or more rule files are invalid. ``problems`` holds one line each,
    like ``rules/age/PL701-x.yaml: match.patterns[2] token 0 -> LOWERR: unknown key``."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def builtin_rules_dir() -> Path:
    """The folder of the rule pack that ships inside the installed package."""
    return Path(str(resources.files("policylint.rulepack")))


class RuleSet:
    """The loaded rules, in id order, with look-ups by id and name."""

    def __init__(self, rules: Iterable[Rule], sources: dict[str, Path] | None = None):
        self.rules: list[Rule] = sorted(rules, key=lambda r: (len(r.id), r.id))
        self.sources = sources or {}
        self.by_id = {rule.id: rule for rule in self.rules}
        self.by_name = {rule.name: rule for rule in self.rules}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, key: str) -> Rule | None:
        return self.by_id.get(key.upper()) or self.by_name.get(key.lower())


#: The sub-folder of a rules folder that holds concepts (named word classes), not rules.
CONCEPTS_DIR = "concepts"
#: The sub-folder of the rule pack that holds the structural map's areas (policylint/structure.py).
STRUCTURE_DIR = "structure"


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
                  and not {CONCEPTS_DIR, STRUCTURE_DIR} & set(p.relative_to(folder).parts[:-1]))


def load_rules(extra_dirs: Iterable[str | Path] = (), builtin: bool = True) -> RuleSet:
    """Load the built-in pack (unless ``builtin`` is false) and every ``*.yaml``
    under ``extra_dirs``. Collects every problem before raising ``RuleLoadError``."""
    from policylint.concepts import ConceptError, Concepts, load_concepts

    folders = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    problems: list[str] = []
    rules: list[Rule] = []
    sources: dict[str, Path] = {}
    try:  # the concepts of every folder (the built-in pack's first) serve every folder's rules
        concepts = load_concepts(dict.fromkeys(f.resolve() for f in folders if f.is_dir()))
    except ConceptError as exc:
        problems.extend(exc.problems)
        concepts = Concepts()
    if builtin:  # the trained classifier's rules, PL199 ... PL1499 (policylint/model/rules.py)
        from policylint.model.rules import model_rules

        for rule, path in model_rules(problems):
            rules.append(rule)
            sources[rule.id] = path
    for folder in folders:
        if not folder.is_dir():
            problems.append(f"{folder}: not a folder of rule files")
            continue
        for path in rule_files(folder):
            rule = _load_file(path, problems, concepts)
            if rule is None:
                continue
            for other in rules:
                if other.id == rule.id or other.name == rule.name:
                    key = "id" if other.id == rule.id else "name"
                    problems.append(f"{path}: {key} {getattr(rule, key)!r} is already used by {sources[other.id]}")
                    break
            else:
                rules.append(rule)
                sources[rule.id] = path
    if problems:
        raise RuleLoadError(problems)
    return RuleSet(rules, sources)


def _load_file(path: Path, problems: list[str], concepts: object = None) -> Rule | None:
    import yaml

    from policylint.yamlload import load_yaml

    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problems.append(f"{path}:{where} invalid YAML: {getattr(exc, 'problem', None) or exc}")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read: {exc}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{path}: a rule file must be a mapping of keys to values")
        return None
    try:
        from policylint.rule import Rule

        return Rule.model_validate(data, context={"concepts": concepts} if concepts is not None else None)
    except ValidationError as exc:
        problems.extend(f"{path}: {line}" for line in format_validation_error(exc))
        return None


def format_validation_error(exc: ValidationError) -> list[str]:
    """pydantic errors as ``field.path -> problem`` lines for people."""
    lines = []
    for error in exc.errors():
        path = ""
        for part in error["loc"]:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        elif error["type"] == "missing":
            message = "required key is missing"
        lines.append(f"{path}{message}" if message.startswith("[") else f"{path} -> {message}" if path else message)
    return lines
