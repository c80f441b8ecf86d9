"""The rule language: concepts, CONCEPT tokens, clause patterns and the
``pronoun: generic`` condition, on rules and sentences written for these tests."""

from pathlib import Path

import pytest
import yaml

from policylint.engine import Engine
from policylint.ruleset import RuleLoadError, RuleSet, load_rules, rule_files

BASE = {
    "category": "gendered-language",
    "severity": "warning",
    "message": "“{text}” test.",
    "rationale": "Test.",
    "suggestion": {"advice": "Rewrite it."},
    "examples": {"flag": ["unused"], "ok": ["unused"]},
}

CONCEPTS = {
    "sexes": {"terms": ["man", "woman", "male", "female", "lady", "gentleman"]},
    "dress-verbs": {"terms": ["wear", "dress", "shave", "grow"]},
    "say-so": {"terms": ["sole discretion", "see fit", "deem"]},
    "pay-things": {"terms": ["bonus", "raise", "pay rise"], "include": ["say-so"]},
}


def _folder(tmp_path: Path, rules: dict[str, dict], concepts: dict[str, dict] = CONCEPTS) -> Path:
    folder = tmp_path / "rules"
    (folder / "concepts").mkdir(parents=True)
    (folder / "gendered-language").mkdir()
    for name, body in concepts.items():
        data = {"name": name, "description": f"{name} words", **body}
        (folder / "concepts" / f"{name}.yaml").write_text(yaml.safe_dump(data))
    for number, (rule_id, match) in enumerate(rules.items()):
        data = {**BASE, "id": rule_id, "name": f"test-{number}", **match}
        (folder / "gendered-language" / f"{rule_id}-test-{number}.yaml").write_text(yaml.safe_dump(data))
    return folder


def _engine(tmp_path: Path, rules: dict[str, dict], concepts: dict[str, dict] = CONCEPTS) -> Engine:
    return Engine(RuleSet(list(load_rules([_folder(tmp_path, rules, concepts)], builtin=False))))


def _found(engine: Engine, text: str) -> list[str]:
    return [f.text for f in engine.check_sentence(text)]


def test_concept_files_are_not_rules(tmp_path):
    folder = _folder(tmp_path, {"PL4801": {"match": {"concepts": ["sexes"]}}})
    assert [p.parent.name for p in rule_files(folder)] == ["gendered-language"]


def test_concepts_match_every_form_and_multi_word_terms(tmp_path):
    engine = _engine(tmp_path, {"PL4801": {"match": {"concepts": ["pay-things"]}}})
    assert _found(engine, "Raises are paid in May.") == ["Raises"]
    assert _found(engine, "The board deemed it fair.") == ["deemed"]  # included concept, inflected
    assert _found(engine, "Awards are made at our sole discretion.") == ["sole discretion"]
    assert _found(engine, "Nothing here is about money.") == []


def test_concept_token_in_a_token_pattern(tmp_path):
    rules = {"PL4801": {"match": {"patterns": [[{"CONCEPT": "sexes"}, {"LOWER": {"IN": ["staff", "employees"]}}]]}}}
    engine = _engine(tmp_path, rules)
    assert _found(engine, "Female staff may apply.") == ["Female staff"]
    assert _found(engine, "Ladies employees may apply.") == ["Ladies employees"]
    assert _found(engine, "All staff may apply.") == []


def test_clause_subject_verb_and_modality(tmp_path):
    rules = {"PL4801": {"match": {"clause": [{"subject": {"concept": "sexes"}, "verb": {"concept": "dress-verbs"},
                                              "modality": ["requirement", "prohibition", "permission"]}]}}}
    engine = _engine(tmp_path, rules)
    assert _found(engine, "Female employees must wear a blouse.") == ["Female employees must wear"]
    assert _found(engine, "Men may not grow beards longer than an inch.") == ["Men may not grow"]
    assert _found(engine, "All employees must wear a name badge.") == []
    assert _found(engine, "The woman in the photograph wore a hat.") == []  # a statement of fact


def test_clause_object_prep_and_negation(tmp_path):
    rules = {
        "PL4801": {"match": {"clause": [{"verb": {"lemma": ["permit", "allow"]}, "subject": {"lemma": ["beard"]},
                                         "prep": {"preposition": ["for"], "concept": "sexes"}}]}},
        "PL4802": {"match": {"clause": [{"verb": {"lemma": ["pay"]}, "object": {"concept": "pay-things"},
                                         "negated": True}]}},
    }
    engine = _engine(tmp_path, rules)
    assert _found(engine, "Beards are permitted for men only.") == ["Beards are permitted for men"]
    assert _found(engine, "Beards are permitted for everyone.") == []
    assert _found(engine, "We do not pay a bonus to temporary staff.") == ["pay a bonus"]
    assert _found(engine, "We pay a bonus to all staff.") == []


def test_clause_not_concept_and_highlight(tmp_path):
    rules = {"PL4801": {"match": {"clause": [{"subject": {"concept": "sexes", "not_concept": "dress-verbs"},
                                              "verb": {"lemma": ["lead"]}, "highlight": ["subject"]}]}}}
    engine = _engine(tmp_path, rules)
    assert _found(engine, "Men lead every shift.") == ["Men"]


def test_unknown_concepts_are_load_errors(tmp_path):
    folder = _folder(tmp_path, {"PL4801": {"match": {"concepts": ["nope"]}},
                                "PL4802": {"match": {"clause": [{"subject": {"concept": "nada"}}]}},
                                "PL4803": {"match": {"patterns": [[{"CONCEPT": "zilch"}]]}}})
    with pytest.raises(RuleLoadError) as info:
        load_rules([folder], builtin=False)
    text = "\n".join(info.value.problems)
    assert "PL4801-test-0.yaml: match -> concepts: unknown concept 'nope'" in text
    assert "PL4802-test-1.yaml: match.clause[0].subject.concept -> unknown concept 'nada'" in text
    assert "PL4803-test-2.yaml: match -> patterns[0]: unknown concept 'zilch'" in text


def test_bad_concept_files_are_load_errors(tmp_path):
    concepts = {"sexes": {"terms": ["man"], "include": ["ghost"]}, "other": {"terms": []}}
    folder = _folder(tmp_path, {"PL4801": {"match": {"phrases": ["x"]}}}, concepts)
    (folder / "concepts" / "renamed.yaml").write_text(yaml.safe_dump({"name": "wrong", "description": "d",
                                                                      "terms": ["a"]}))
    with pytest.raises(RuleLoadError) as info:
        load_rules([folder], builtin=False)
    text = "\n".join(info.value.problems)
    assert "sexes.yaml: include: unknown concept 'ghost'" in text
    assert "other.yaml: terms -> List should have at least 1 item" in text
    assert "renamed.yaml: name 'wrong' must be the file name ('renamed')" in text


def test_clause_needs_a_word_to_choose_sentences(tmp_path):
    folder = _folder(tmp_path, {"PL4801": {"match": {"clause": [{"subject": {"pos": ["NOUN"]}}]}}})
    with pytest.raises(RuleLoadError) as info:
        load_rules([folder], builtin=False)
    assert "give a concept or lemma in at least one role" in "\n".join(info.value.problems)


def test_generic_pronoun_condition(tmp_path):
    rules = {"PL4801": {"match": {"phrases": ["himself", "his"]}, "pronoun": "generic"}}
    engine = _engine(tmp_path, rules)
    assert _found(engine, "Each new employee must sign the form himself.") == ["himself"]
    named = "Tomasz Nowak started the firm. He still answers every new employee's first email himself."
    assert _found(engine, named) == []
    assert _found(engine, "Ask Dr. Okoro for his notes on every employee.") == []


def test_clause_relative_subject_and_nested_prepositions(tmp_path):
    rules = {
        "PL4801": {"match": {"clause": [{"subject": {"concept": "sexes"}, "verb": {"lemma": ["lead"]}}]}},
        "PL4802": {"match": {"clause": [{"verb": {"lemma": ["award"]},
                                         "prep": {"preposition": ["of"], "concept": "pay-things"}}]}},
    }
    engine = _engine(tmp_path, rules)
    assert _found(engine, "We hire women who lead teams well.") == ["women who lead"]
    assert _found(engine, "Points are awarded for the purposes of a pay rise.") == ["awarded for the purposes of a pay rise"]


def test_yes_no_on_off_are_words_in_rule_files(tmp_path):
    folder = _folder(tmp_path, {})
    head = yaml.safe_dump({**BASE, "id": "PL4801", "name": "onoff"})
    body = "match:\n  patterns:\n    - [{LOWER: holiday}, {LOWER: {IN: [on, off, yes]}}]\n"
    (folder / "gendered-language" / "PL4801-onoff.yaml").write_text(head + body)
    engine = Engine(RuleSet(list(load_rules([folder], builtin=False))))
    assert _found(engine, "The holiday off is paid.") == ["holiday off"]


def test_clause_modality_reads_the_predicate_itself(tmp_path):
    rules = {"PL4801": {"match": {"clause": [{"subject": {"concept": "dress-verbs"}, "modality": ["prohibition"]},
                                             {"subject": {"lemma": ["beard", "headwear"]},
                                              "modality": ["prohibition"]}]}}}
    engine = _engine(tmp_path, rules)
    assert _found(engine, "Headwear is not permitted.") == ["Headwear"]
    assert _found(engine, "Beards are prohibited.") == ["Beards"]
    assert _found(engine, "Beards are not prohibited.") == []
    assert _found(engine, "Beards are welcome.") == []


def test_concept_token_takes_a_name_a_list_or_in(tmp_path):
    rules = {"PL4801": {"match": {"patterns": [[{"CONCEPT": ["sexes", "dress-verbs"]}, {"LOWER": "daily"}]]}},
             "PL4802": {"match": {"patterns": [[{"CONCEPT": {"IN": ["sexes"]}}, {"LOWER": "only"}]]}}}
    engine = _engine(tmp_path, rules)
    assert _found(engine, "Staff shave daily.") == ["shave daily"]
    assert _found(engine, "Men only.") == ["Men only"]
    folder = _folder(tmp_path / "bad", {"PL4803": {"match": {"patterns": [[{"CONCEPT": 7}]]}}})
    with pytest.raises(RuleLoadError) as info:
        load_rules([folder], builtin=False)
    assert "CONCEPT takes a concept name, a list of names or {IN: [names]}" in "\n".join(info.value.problems)
