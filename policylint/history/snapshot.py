"""What one recorded run holds: when, with which versions, at which git
commit, and per document its path, SHA-256, words and findings.

Paths are stored relative to the history's root (the config file's folder),
with forward slashes, so runs started from different folders compare.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from policylint import __version__
from policylint.finding import Finding
from policylint.result import CheckResult, FileResult


@dataclass(frozen=True)
class FindingRow:
    fingerprint: str
    rule: str
    name: str
    category: str
    severity: str
    section: str
    text: str
    paragraph: int | None
    suppressed: bool = False
    baselined: bool = False

    @property
    def open(self) -> bool:
        """Still to be fixed: reported or baselined (a suppressed finding was judged fine)."""
        return not self.suppressed


@dataclass(frozen=True)
class DocumentRow:
    path: str
    sha256: str
    words: int
    findings: tuple[FindingRow, ...] = ()


@dataclass(frozen=True)
class Snapshot:
    recorded_at: str
    command: str
    policylint_version: str
    rulepack_version: str
    git_commit: str | None
    git_branch: str | None
    documents: tuple[DocumentRow, ...] = field(default_factory=tuple)
    #: the run's id once stored (None for the run being recorded)
    id: int | None = None


def _row(finding: Finding, suppressed: bool = False, baselined: bool = False) -> FindingRow:
    return FindingRow(fingerprint=finding.fingerprint, rule=finding.rule, name=finding.name,
                      category=finding.category, severity=finding.severity.value,
                      section=" › ".join(finding.location.section), text=finding.text,
                      paragraph=finding.location.paragraph, suppressed=suppressed, baselined=baselined)


def document_row(result: FileResult, root: Path) -> DocumentRow:
    rows = [_row(f) for f in result.findings] + [_row(f, suppressed=True) for f in result.suppressed] \
        + [_row(f, baselined=True) for f in result.baselined_findings]
    rows.sort(key=lambda r: (r.paragraph or 0, r.rule, r.fingerprint))
    return DocumentRow(path=relative(result.path, root), sha256=result.sha256, words=result.words,
                       findings=tuple(rows))


def relative(path: str, root: Path) -> str:
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def rulepack_version(folders: list[Path]) -> str:
    """policylint's version and a short digest of the rule files that ran
    (built-in and extend-rules), so a changed rule shows in the history."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.suffix in (".yaml", ".yml", ".txt")):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def snapshot_of(result: CheckResult, root: Path, command: str, recorded_at: str, rule_folders: list[Path],
                git: tuple[str | None, str | None]) -> Snapshot:
    return Snapshot(recorded_at=recorded_at, command=command, policylint_version=__version__,
                    rulepack_version=rulepack_version(rule_folders), git_commit=git[0], git_branch=git[1],
                    documents=tuple(document_row(file, root) for file in result.files))
