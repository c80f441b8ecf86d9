"""The labelled sentence corpus (corpora/sentences): schema, size, balance,
independence from the rules' own examples, and the scorer's arithmetic.

No test here checks precision or recall: the rule pack is still growing; run
``python benchmarks/evaluate.py`` for the scores.
"""

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks.corpus import CATEGORIES, CORPUS_DIR, CorpusError, is_heldout, load_corpus, overlaps
from benchmarks.evaluate import markdown_for, score, threshold_failures
from policylint.ruleset import load_rules

MIN_ITEMS = 400
MIN_PER_CATEGORY = 25
MIN_HARD_SHARE = 0.40


@pytest.fixture(scope="module")
def entries():
    try:
        return load_corpus()
    except CorpusError as exc:  # show every problem, not just the first
        pytest.fail("invalid corpus:\n" + "\n".join(exc.problems))


def test_every_category_has_a_file():
    assert sorted(p.stem for p in CORPUS_DIR.glob("*.yaml") if not is_heldout(p)) == sorted(CATEGORIES)


def test_heldout_sets_are_valid_separate_and_independent(entries):
    """A held-out file (any categories) loads on its own, stays out of the main
    corpus, and copies neither the main corpus nor a rule example."""
    files = sorted(CORPUS_DIR.glob("heldout-*.yaml"))
    assert files, "no held-out set (corpora/sentences/heldout-*.yaml)"
    main = {" ".join(e.item.text.lower().split()) for e in entries}
    assert not any(is_heldout(e.path) for e in entries)
    for path in files:
        try:
            held = load_corpus(path)
        except CorpusError as exc:
            pytest.fail("invalid held-out set:\n" + "\n".join(exc.problems))
        assert {e.item.category.value for e in held} == set(CATEGORIES), path.name
        assert not [e.where for e in held if " ".join(e.item.text.lower().split()) in main]
        found = overlaps(held, load_rules(), similar=None)
        assert not found, "\n".join(f"{o.entry.where}: {o.kind} to {o.rule} example {o.example!r}" for o in found)


def test_corpus_size_and_balance(entries):
    assert len(entries) >= MIN_ITEMS
    per_category = Counter(e.item.category.value for e in entries)
    small = {c: per_category[c] for c in CATEGORIES if per_category[c] < MIN_PER_CATEGORY}
    assert not small, f"categories with fewer than {MIN_PER_CATEGORY} items: {small}"
    hard = sum(e.item.hard_negative for e in entries)
    assert hard / len(entries) >= MIN_HARD_SHARE, f"hard negatives are {hard / len(entries):.1%} of the corpus"


def test_every_category_has_flag_and_hard_items(entries):
    for category in CATEGORIES:
        mine = [e.item for e in entries if e.item.category.value == category]
        assert sum(i.verdict == "flag" for i in mine) >= 10, category
        assert sum(i.hard_negative for i in mine) >= 10, category


def test_no_overlap_with_rule_examples(entries):
    found = [o for o in overlaps(entries, load_rules(), similar=None)]
    assert not found, "corpus sentences that copy rule examples:\n" + "\n".join(
        f"{o.entry.where}: {o.kind} to {o.rule} example {o.example!r}" for o in found)


# -- the validator -----------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_names_file_and_item(tmp_path):
    _write(tmp_path, "age.yaml", '- text: "Fine."\n  verdict: ok\n  category: age\n'
                                 '- text: "Young team."\n  verdict: flag\n  category: age\n  rulez: PL701\n')
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path)
    [problem] = caught.value.problems
    assert "age.yaml:4 (item 2)" in problem and "rulez -> unknown key" in problem


@pytest.mark.parametrize(("item", "message"), [
    ('- text: "x"\n  verdict: maybe\n  category: age\n', "verdict ->"),
    ('- text: "x"\n  verdict: flag\n  category: age\n  hard: true\n', "hard: true is for ok items"),
    ('- text: "x"\n  verdict: flag\n  category: age\n  rule: PL101\n', "rule PL101 belongs to category working-time"),
    ('- text: "x"\n  verdict: flag\n  category: pay\n', "put it in pay.yaml"),
    ('- text: "x"\n  verdict: ok\n', "category -> required key is missing"),
    ('- text: "x"\n  verdict: ok\n  category: age\n  section: "A >  > B"\n', "section ->"),
    ('- just a string\n', "an item must be a mapping"),
    ('text: "x"\n', "must be a list of items"),
    ('- text: "x\n', "invalid YAML"),
])
def test_invalid_items_are_reported(tmp_path, item, message):
    _write(tmp_path, "age.yaml", item)
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path)
    assert any(message in p and "age.yaml" in p for p in caught.value.problems), caught.value.problems


def test_duplicates_and_unknown_files_are_reported(tmp_path):
    _write(tmp_path, "age.yaml", '- {text: "Same words.", verdict: ok, category: age}\n'
                                 '- {text: "same  WORDS", verdict: ok, category: age}\n')
    _write(tmp_path, "misc.yaml", "[]\n")
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path)
    problems = "\n".join(caught.value.problems)
    assert "age.yaml:2 (item 2): the same sentence as" in problems
    assert "misc.yaml: the file name must be a category" in problems


def test_heldout_file_takes_any_category_and_is_left_out_of_the_folder(tmp_path):
    _write(tmp_path, "age.yaml", '- {text: "Young team.", verdict: flag, category: age}\n')
    _write(tmp_path, "heldout-x.yaml", '- {text: "Unpaid internship.", verdict: flag, category: hiring}\n'
                                       '- {text: "Aged 20 to 30.", verdict: flag, category: age}\n')
    assert [e.item.text for e in load_corpus(tmp_path)] == ["Young team."]
    assert [e.item.category.value for e in load_corpus(tmp_path / "heldout-x.yaml")] == ["hiring", "age"]


def test_overlap_finds_copies_and_reorderings(tmp_path):
    _write(tmp_path, "gendered-language.yaml",
           '- {text: "each warehouse shift is led by a FOREMAN", verdict: flag, category: gendered-language}\n'
           '- {text: "A foreman leads each warehouse shift.", verdict: flag, category: gendered-language}\n')
    rule = SimpleNamespace(id="PL401", examples=SimpleNamespace(
        flag_examples=lambda: [SimpleNamespace(text="Each warehouse shift is led by a foreman.")], ok=[]))
    kinds = [o.kind for o in overlaps(load_corpus(tmp_path), [rule], similar=0.5)]
    assert kinds == ["identical", "similar"]


# -- the scorer --------------------------------------------------------------------


def _finding(rule, category, text="x"):
    return SimpleNamespace(rule=rule, category=category, text=text)


def test_score_counts_per_category(tmp_path):
    _write(tmp_path, "age.yaml",
           '- {text: "Young and energetic team.", verdict: flag, category: age}\n'
           '- {text: "Over-50s need not apply.", verdict: flag, category: age}\n'
           '- {text: "Young workers under 18 do not work nights.", verdict: ok, category: age, hard: true}\n')
    _write(tmp_path, "hiring.yaml",
           '- {text: "Assessed on culture fit.", verdict: flag, category: hiring}\n')
    predictions = {
        "Young and energetic team.": [_finding("PL701", "age")],
        "Young workers under 18 do not work nights.": [_finding("PL701", "age")],
        "Assessed on culture fit.": [_finding("PL202", "advancement")],
    }
    rules = {"PL701": "age", "PL202": "advancement", "PL799": "age"}
    report = score(load_corpus(tmp_path), lambda entry: predictions.get(entry.item.text, []), rules=rules)
    assert report.rule_hits == {"PL701": [1, 1], "PL202": [0, 1], "PL799": [0, 0]}
    age, hiring, advancement = (report.counts[c] for c in ("age", "hiring", "advancement"))
    assert (age.tp, age.fp, age.fn, age.hard) == (1, 1, 1, 1)
    assert (hiring.tp, hiring.fp, hiring.fn) == (0, 0, 1)
    assert (advancement.tp, advancement.fp, advancement.fn) == (0, 1, 0)
    assert advancement.recall is None and advancement.precision == 0
    overall = report.overall
    assert (overall.items, overall.tp, overall.fp, overall.fn) == (4, 1, 2, 2)
    assert sorted((e.kind, e.category) for e in report.errors) == [
        ("FN", "age"), ("FN", "hiring"), ("FP", "advancement"), ("FP", "age")]
    failures = threshold_failures(report, precision=0.9, recall=0.9, floor=0.8)
    assert "overall precision 33.3% is below 90.0%" in failures
    assert any(f.startswith("age: recall") for f in failures)
    only_age = score(load_corpus(tmp_path), lambda entry: predictions.get(entry.item.text, []), ["age"])
    assert only_age.categories == ["age"] and only_age.overall.fp == 1


def test_section_items_become_markdown(tmp_path):
    _write(tmp_path, "culture.yaml",
           '- {text: "Attendance is mandatory.", verdict: flag, category: culture,'
           ' section: "5 Social > 5.2 Friday drinks"}\n')
    [entry] = load_corpus(tmp_path)
    assert markdown_for(entry) == "# 5 Social\n\n## 5.2 Friday drinks\n\nAttendance is mandatory.\n"
