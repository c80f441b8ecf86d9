"""The outcome of one run: per-file findings, unreadable inputs, and totals."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from policylint.document import Comment
from policylint.finding import Finding, Severity
from policylint.names import shown
from policylint.structure import SectionArea


class _Named(BaseModel):
    """``path`` is the name as the system gave it (undecodable bytes kept as
    surrogates, so it opens the same file); ``shown_path`` and every dump use
    its visible form (``names.shown``)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str

    @property
    def shown_path(self) -> str:
        return shown(self.path)

    @field_serializer("path")
    def _dump_path(self, path: str) -> str:
        return shown(path)


class FileResult(_Named):
    format: str
    sha256: str
    words: int
    pages: int | None = None
    findings: list[Finding] = Field(default_factory=list)
    #: findings an inline directive or ``per-file-ignores`` turned off (each
    #: with its ``suppression``); reported only with ``--show-suppressed``
    suppressed: list[Finding] = Field(default_factory=list)
    #: how many findings were left out because their fingerprint is in the baseline
    baselined: int = 0
    #: the findings left out because they are in the baseline (kept for the history; not reported)
    baselined_findings: list[Finding] = Field(default_factory=list, exclude=True, repr=False)
    #: the structural map: each section and its area (policylint/structure.py)
    sections: list[SectionArea] = Field(default_factory=list)
    #: the document's directive comments (read by ``suppress``; not reported)
    comments: tuple[Comment, ...] = Field(default=(), exclude=True, repr=False)


class FileError(_Named):
    message: str

    @field_serializer("message")
    def _dump_message(self, message: str) -> str:
        return shown(message)


class Summary(BaseModel):
    model_config = ConfigDict(defer_build=True)

    files: int
    errors: int
    words: int
    findings: int
    #: findings turned off by inline directives or per-file-ignores
    suppressed: int = 0
    #: findings left out because they are in the baseline
    baselined: int = 0
    by_severity: dict[str, int]
    by_category: dict[str, int]


class CheckResult(BaseModel):
    model_config = ConfigDict(defer_build=True)

    files: list[FileResult] = Field(default_factory=list)
    errors: list[FileError] = Field(default_factory=list)

    def findings(self) -> list[Finding]:
        return [finding for result in self.files for finding in result.findings]

    def summary(self) -> Summary:
        findings = self.findings()
        severities = Counter(f.severity.value for f in findings)
        return Summary(
            files=len(self.files),
            errors=len(self.errors),
            words=sum(r.words for r in self.files),
            findings=len(findings),
            suppressed=sum(len(r.suppressed) for r in self.files),
            baselined=sum(r.baselined for r in self.files),
            by_severity={s.value: severities.get(s.value, 0) for s in reversed(Severity)},
            by_category=dict(sorted(Counter(f.category for f in findings).items())),
        )

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings()), key=lambda s: s.rank, default=None)
