"""spaCy imported without its command line (policylint/spacy_import.py): in
a fresh process, so the test sees the first import."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_spacy_loads_without_its_command_line_and_parses():
    out = _run("""
        import sys
        from policylint import nlp
        trained = nlp.trained_pipeline()
        print("typer" in sys.modules, "weasel" in sys.modules, "spacy.cli" in sys.modules)
        doc = trained("Managers must approve leave requests.")
        print(" ".join(f"{t.lemma_}/{t.pos_}/{t.dep_}" for t in doc))
    """)
    flags, parsed = out.splitlines()
    assert flags == "False False False"
    assert "manager/NOUN/nsubj" in parsed and "approve/VERB/ROOT" in parsed


def test_spacy_command_line_and_info_still_import_on_use():
    out = _run("""
        from policylint.spacy_import import load
        spacy = load()
        import spacy.cli
        print(callable(spacy.cli.download), isinstance(spacy.info(), dict))
    """)
    assert out.split() == ["True", "True"]


def test_an_imported_spacy_is_returned_as_it_is():
    out = _run("""
        import spacy
        from policylint.spacy_import import load
        print(load() is spacy)
    """)
    assert out.strip() == "True"


def test_the_trained_pipeline_tokenizes_as_policylint():
    """The trained pipeline is loaded without its stored tokenizer (spaCy's
    English one is built instead); names are found on its ``make_doc`` tokens."""
    from policylint import nlp
    from policylint.tokenizer import tokenizer

    trained = nlp.trained_pipeline()
    for text in ["Don't e-mail https://example.org/a, e.g. at 9am!  Ok.", "Mr. Smith's U.S.A. co-op (ca n't) 1,000.50",
                 "“Quoted” – dash — ‘single’ 10a.m. :) gonna"]:
        assert [t.text for t in trained.make_doc(text)] == tokenizer()(text).words
