"""The trained pipeline of one engine, loaded the first time a sentence
needs parsing: a check in which no sentence does never imports spaCy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from policylint import nlp as pipelines

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class Trained:
    """``name``: an installed pipeline (see ``nlp.installed_model``); ``ner``:
    load its entity recogniser too."""

    def __init__(self, name: str, ner: bool):
        self.name = name
        self.ner = ner
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            nlp = pipelines.trained_pipeline(self.name, ner=self.ner)
            if nlp is None:
                raise pipelines.ModelError(f"cannot load the spaCy pipeline {self.name!r}")
            self._nlp = nlp
        return self._nlp

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    def label(self) -> str:
        """``lang_name`` as reports show it (without loading the pipeline)."""
        if self._nlp is not None:
            return f"{self._nlp.meta['lang']}_{self._nlp.meta['name']}"
        return pipelines.model_label(self.name)

    def parse(self, sentences: list[tuple[list[str], list[bool]]], ner: bool = True) -> list[Doc]:
        return pipelines.parse_words(self.nlp, sentences, ner=ner)

    def nlp_with_names(self) -> Language:
        """The pipeline to find people's names with (its entity recogniser is loaded when a rule needs names)."""
        return self.nlp

    def __getstate__(self) -> dict:
        return {"name": self.name, "ner": self.ner, "_nlp": None}
