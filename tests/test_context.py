"""Context-aware matching: subject, modality, scoped unless/when, sections,
dependency patterns, absence rules, and two stages equal to parsing everything."""

from pathlib import Path

import pytest
import yaml

from policylint.engine import Engine
from policylint.ruleset import RuleLoadError, load_rules

BASE = {
    "category": "working-time",
    "message": "“{text}” is a problem.",
    "rationale": "Because.",
    "suggestion": {"advice": "Reword it."},
    "examples": {"flag": ["x"], "ok": ["y"]},
}


def engine_for(tmp_path: Path, **rule) -> Engine:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "rule.yaml").write_text(yaml.safe_dump({**BASE, "id": "PL199", "name": "test", **rule}))
    return Engine(load_rules([folder], builtin=False))


def flagged(engine: Engine, text: str) -> list[str]:
    if "\n" in text:
        return [f.text for f in engine.check_text(text, markdown=True)]
    return [f.text for f in engine.check_sentence(text)]


AVAILABLE = {"match": {"regex": [r"(?:available|reachable|contactable) (?:24/7|around the clock|at all times)"]},
             "subject": "person", "modality": ["requirement"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The payroll system must be available 24/7.", []),
        ("The server must be available at all times.", []),
        ("Staff must be reachable around the clock.", ["reachable around the clock"]),
        ("Employees are expected to be available 24/7.", ["available 24/7"]),
        ("The on-call engineer will be reachable at all times.", ["reachable at all times"]),
        ("Always be available 24/7 to customers.", ["available 24/7"]),
        ("Managers who must be contactable at all times receive an allowance.", ["contactable at all times"]),
        ("You are not required to be available 24/7.", []),
        ("Our help desk is available 24/7.", []),
    ],
)
def test_subject_and_modality(tmp_path, text, expected):
    assert flagged(engine_for(tmp_path, **AVAILABLE), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You may work from home up to three days a week.", []),
        ("You are welcome to work from home on Fridays.", []),
        ("Working from home is not permitted.", ["Working from home"]),
        ("Employees cannot work from home.", ["work from home"]),
        ("Remote work is prohibited for all roles.", ["Remote work"]),
        ("No remote work is allowed during probation.", ["remote work"]),
        ("Remote work is not prohibited.", []),
    ],
)
def test_prohibition_versus_permission(tmp_path, text, expected):
    engine = engine_for(tmp_path, match={"phrases": ["work from home", "working from home", "remote work"]},
                        modality=["prohibition"])
    assert flagged(engine, text) == expected


def test_unless_scopes(tmp_path):
    degree = {"match": {"phrases": ["degree is required"]}}
    sentence = engine_for(tmp_path, **degree, unless={"phrases": ["equivalent experience"]})
    text = "A bachelor's degree is required. Equivalent experience is also accepted."
    assert flagged(sentence, text) == ["degree is required"]
    paragraph = engine_for(tmp_path, **degree, unless={"phrases": ["equivalent experience"], "scope": "paragraph"})
    assert flagged(paragraph, text) == []
    doc = "# Requirements\n\nA degree is required.\n\nEquivalent experience is accepted.\n\n# Pay\n\nA degree is required.\n"
    section = engine_for(tmp_path, **degree, unless={"phrases": ["equivalent experience"], "scope": "section"})
    assert [(f.text, f.location.section) for f in section.check_text(doc, markdown=True)] == [
        ("degree is required", ("Pay",))]
    document = engine_for(tmp_path, **degree, unless=[{"phrases": ["equivalent experience"], "scope": "document"}])
    assert flagged(document, doc) == []


def test_when_needs_its_context(tmp_path):
    engine = engine_for(tmp_path, match={"phrases": ["sole discretion"]},
                        when={"phrases": ["promotion", "promotions", "bonus", "salary"]})
    assert flagged(engine, "Promotions are at the sole discretion of management.") == ["sole discretion"]
    assert flagged(engine, "Extra leave is at the sole discretion of your manager.") == []


def test_sections_limit_a_rule(tmp_path):
    engine = engine_for(tmp_path, match={"phrases": ["culture fit"]}, sections=["hiring", "recruitment"])
    doc = "# Hiring\n\nWe assess culture fit.\n\n## Interviews\n\nCulture fit matters.\n\n# Teams\n\nCulture fit matters.\n"
    assert [f.location.section for f in engine.check_text(doc, markdown=True)] == [
        ("Hiring",), ("Hiring", "Interviews")]


def test_dependency_pattern(tmp_path):
    pattern = [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": ["discuss", "share", "disclose"]}}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "pay",
         "RIGHT_ATTRS": {"DEP": "dobj", "LEMMA": {"IN": ["salary", "pay", "wage", "compensation"]}}},
    ]
    engine = engine_for(tmp_path, match={"dependency": [{"pattern": pattern}]}, modality=["prohibition"],
                        subject="person")
    assert flagged(engine, "Employees must not discuss their salary with colleagues.") == [
        "discuss their salary"]
    assert flagged(engine, "Do not share your salary with anyone.") == ["share your salary"]
    assert flagged(engine, "You may discuss your pay with anyone.") == []
    assert flagged(engine, "The payroll system must not disclose salaries.") == []


HARASSMENT = {
    "scope": "section",
    "sections": ["harassment", "complaints", "grievance"],
    "message": "{section} names only {found} as a way to report.",
    "require": {
        "at_least": 2,
        "groups": {
            "your manager": {"phrases": ["manager", "supervisor"]},
            "HR": {"phrases": ["HR", "human resources", "people team"]},
            "a hotline": {"phrases": ["hotline", "helpline", "ethics line"]},
        },
    },
}


def test_absence_in_a_section(tmp_path):
    engine = engine_for(tmp_path, **HARASSMENT)
    only_manager = "# 5 Harassment\n\nReport harassment to your manager.\n\n## 5.1 Investigations\n\nWe investigate.\n"
    (finding,) = engine.check_text(only_manager, markdown=True)
    assert finding.text == "5 Harassment" and finding.location.paragraph == 1
    assert finding.message == "5 Harassment names only your manager as a way to report."
    assert finding.suggestion.action == "insert"
    several = ("# 5 Harassment\n\nReport harassment to your manager.\n\n## 5.1 Other routes\n\n"
               "You can also contact HR or call the ethics hotline.\n")
    assert engine.check_text(several, markdown=True) == []
    assert engine.check_text("# Leave\n\nAsk your manager.\n", markdown=True) == []


def test_absence_in_the_document(tmp_path):
    engine = engine_for(tmp_path, scope="document", min_words=10, message="No accommodation statement.",
                        require={"phrases": ["reasonable accommodation", "reasonable adjustments"]})
    long_text = "# Handbook\n\n" + "We value every colleague and their work here. " * 3
    (finding,) = engine.check_text(long_text, markdown=True)
    assert finding.location.paragraph == 1 and finding.text == "Handbook"
    assert engine.check_text(long_text + "\n\nAsk for reasonable adjustments at any time.\n", markdown=True) == []
    assert engine.check_text("# Short\n\nToo short.\n", markdown=True) == []


def test_schema_rejects_mismatched_scope(tmp_path):
    with pytest.raises(RuleLoadError, match="scope section: give `require`"):
        engine_for(tmp_path, scope="section", sections=["x"], match={"phrases": ["x"]})
    with pytest.raises(RuleLoadError, match="only phrases, concepts, regex and token patterns"):
        engine_for(tmp_path, match={"phrases": ["x"]}, unless={"patterns": [[{"LEMMA": "be"}]], "scope": "section"})


def test_two_stage_parses_fewer_sentences(tmp_path):
    engine = engine_for(tmp_path, **AVAILABLE)
    text = "Plain words about leave. " * 50 + "Staff must be reachable around the clock."
    assert flagged(engine, text) == ["reachable around the clock"]
    assert engine.last_scan.sentences == 51 and engine.last_scan.sentences_parsed == 1


def test_two_stage_skips_sentences_a_context_already_rules_out(tmp_path):
    engine = engine_for(tmp_path, **AVAILABLE, unless=[{"phrases": ["allowance"]},
                                                        {"phrases": ["rota"], "scope": "paragraph"}])
    text = "Staff must be reachable around the clock for an allowance."
    assert flagged(engine, text) == [] and engine.last_scan.sentences_parsed == 0
    assert flagged(engine, "Staff must be reachable around the clock. See the rota.\n\nMore.\n") == []
    assert engine.last_scan.sentences_parsed == 0
    assert flagged(engine, "Staff must be reachable around the clock.") == ["reachable around the clock"]
    assert engine.last_scan.sentences_parsed == 1
    engine = engine_for(tmp_path, **AVAILABLE, when={"phrases": ["warehouse"]})
    assert flagged(engine, "Staff must be reachable around the clock.") == []
    assert engine.last_scan.sentences_parsed == 0


def test_dependency_anchors_need_a_word_for_every_node(tmp_path):
    engine = engine_for(tmp_path, match={"dependency": [{"pattern": [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "work", "POS": "VERB"}},
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "what", "RIGHT_ATTRS": {"LOWER": "overtime"}}]}]})
    assert flagged(engine, "Overtime is paid at time and a half.") == []
    assert engine.last_scan.sentences_parsed == 0
    assert flagged(engine, "Staff worked overtime.") == ["worked overtime"]
    assert engine.last_scan.sentences_parsed == 1


def _all_examples(rules) -> list[str]:
    texts = []
    for rule in rules:
        texts += [e.text for e in rule.examples.flag_examples()] + list(rule.examples.ok)
    return texts


def test_two_stage_equals_parsing_every_sentence(ruleset):
    from policylint.extract import read_document
    from tests.conftest import SAMPLES

    fast, full = Engine(ruleset), Engine(ruleset, two_stage=False)
    for text in _all_examples(ruleset):
        if "\n" in text or text.startswith("#"):
            assert fast.check_text(text, markdown=True) == full.check_text(text, markdown=True), text
        else:
            assert fast.check_sentence(text) == full.check_sentence(text), text
    for sample in sorted(SAMPLES.glob("handbook.*")):
        if sample.suffix in (".docx", ".pdf"):
            document = read_document(sample)
            assert fast.check(document) == full.check(document), sample


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Say “chair”, not “chairman”.", []),
        ("Avoid words such as 'chairman' in job titles.", []),
        ('The "chairman." label is retired.', []),
        ("The chairman's office is on the third floor.", ["chairman"]),
        ("The committee's chairman signs.", ["chairman"]),
        ("Our chairman said ‘yes’.", ["chairman"]),
    ],
)
def test_quoted_words_are_mentioned_not_used(engine, text, expected):
    assert [f.text for f in engine.check_sentence(text) if f.rule == "PL401"] == expected


def test_section_scope_includes_the_headings_above(tmp_path):
    engine = engine_for(tmp_path, match={"phrases": ["spouse"]},
                        unless={"phrases": ["conflicts of interest"], "scope": "section"})
    doc = ("# Code of conduct\n\n## Conflicts of interest\n\n### Related parties\n\nFamily includes a spouse.\n\n"
           "# Benefits\n\nCover includes a spouse.\n")
    assert [f.location.section for f in engine.check_text(doc, markdown=True)] == [("Benefits",)]
    # a question set as a heading (longer than a section title) does not make a section
    faq = ("# FAQ\n\n## Q: What if I have questions about conflicts of interest and about the rules for gifts "
           "from suppliers?\n\n### Q: Who is covered?\n\nCover includes a spouse.\n")
    assert flagged(engine, faq) == ["spouse"]


def test_a_document_title_beside_its_sections_is_not_a_section(tmp_path):
    engine = engine_for(tmp_path, scope="section", sections=["working hours"], message="{section}: no route.",
                        require={"phrases": ["flexible"]})
    doc = "# Handbook: working hours and leave\n\nSelected pages.\n\n# Working hours\n\nAsk for flexible hours.\n"
    assert engine.check_text(doc, markdown=True) == []
    alone = "# Working hours policy\n\nOffice hours are 9am to 5pm.\n"
    assert flagged(engine, alone) == ["Working hours policy"]
