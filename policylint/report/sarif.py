"""``--format sarif``: the run as a SARIF 2.1.0 log, for code-scanning tools
(GitHub code scanning, Azure DevOps, SARIF viewers in editors).

One run. ``tool.driver.rules`` describes every rule that ran (code, name,
message, rationale, the full explanation as help, level, category tag);
each finding is a result with its rule, level, message and suggested
rewrite, its location, and ``partialFingerprints["policylint/v1"]`` (the
same fingerprint as the JSON output and the baseline). Suppressed findings
are results too, with ``suppressions``, as SARIF viewers expect. Inputs
that could not be read are error notifications of the invocation, whose
``exitCode`` is policylint's. ``artifacts`` lists each checked file with its
SHA-256. Nothing depends on the clock, so the same input gives the same log.

Locations: a path given relative is a relative URI with ``uriBaseId``
``%SRCROOT%`` (forward slashes, percent-encoded); an absolute one a
``file://`` URI. Markdown and text findings have a text region (lines,
columns, the source as snippet, the sentence as context region, and a fix
for a direct replacement); DOCX and PDF findings have no region (see
sarif_regions.py): the section and page are logical locations, and the
location's ``message`` and ``properties`` say which paragraph, page, table
cell and characters.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from policylint.finding import Finding, Severity, SuggestionAction
from policylint.names import shown
from policylint.report.base import Formatter
from policylint.report.json import finding_dict
from policylint.report.sarif_regions import TEXT_FORMATS, TextSource
from policylint.report.text import describe_location
from policylint.result import CheckResult, FileError, FileResult
from policylint.rule import Rule
from policylint.ruledocs import describe, explain_markdown, explain_text
from policylint.sources import is_url

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/policylint/policylint"
FINGERPRINT_KEY = "policylint/v1"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SUPPRESSION_KINDS = {"in-source": "inSource", "external": "external"}
_MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "markdown": "text/markdown",
    "text": "text/plain",
}


class SarifFormatter(Formatter):
    #: the log describes every rule that ran (``tool.driver.rules``)
    needs_rules = True

    def __init__(self, out, info, color: bool = False):
        super().__init__(out, info, color)
        skipped = set(info.skipped_rules)
        self.rules: list[Rule] = [rule for rule in (info.ruleset or ()) if rule.id not in skipped]
        self.rule_index = {rule.id: index for index, rule in enumerate(self.rules)}
        self.artifacts: list[dict[str, Any]] = []
        self.results: list[dict[str, Any]] = []

    def handle(self, item: FileResult | FileError) -> None:
        if isinstance(item, FileError):
            return
        index = len(self.artifacts)
        self.artifacts.append(artifact(item))
        source = TextSource.read(item.path, item.sha256) if item.format in TEXT_FORMATS else None
        findings = sorted(item.findings + item.suppressed, key=Finding.sort_key)
        self.results += [self._result(finding, item.path, index, source) for finding in findings]

    def finish(self, result: CheckResult, exit_code: int) -> None:
        json.dump(self.log(result, exit_code), self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")

    # -- the log -----------------------------------------------------------------

    def log(self, result: CheckResult, exit_code: int) -> dict[str, Any]:
        notifications = [notification("error", shown(f"{error.path}: {error.message}"), error.path)
                         for error in result.errors]
        if self.info.skipped_rules:
            notifications.append(notification(
                "warning", "No trained spaCy pipeline is installed, so these rules were skipped: "
                + ", ".join(self.info.skipped_rules) + "."))
        invocation: dict[str, Any] = {"executionSuccessful": not result.errors, "exitCode": exit_code}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        run = {
            "tool": {"driver": {
                "name": "policylint",
                "version": self.info.version,
                "semanticVersion": self.info.version,
                "informationUri": INFORMATION_URI,
                "rules": [reporting_descriptor(rule) for rule in self.rules],
            }},
            "invocations": [invocation],
            "artifacts": self.artifacts,
            "results": self.results,
            "columnKind": "unicodeCodePoints",
            "properties": {"fail_on": self.info.fail_on, "model": self.info.model},
        }
        return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}

    def _result(self, finding: Finding, path: str, artifact_index: int, source: TextSource | None) -> dict[str, Any]:
        data = finding_dict(finding)
        result: dict[str, Any] = {"ruleId": finding.rule}
        if finding.rule in self.rule_index:
            result["ruleIndex"] = self.rule_index[finding.rule]
        result["level"] = LEVELS[finding.severity]
        result["message"] = {"text": result_message(finding)}
        location, region = _location(finding, path, artifact_index, data["location"], source)
        result["locations"] = [location]
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
        fix = _fix(finding, location, source) if region is not None else None
        if fix is not None:
            result["fixes"] = [fix]
        if finding.suppression is not None:
            suppression: dict[str, Any] = {"kind": _SUPPRESSION_KINDS[finding.suppression.kind]}
            if finding.suppression.justification:
                suppression["justification"] = finding.suppression.justification
            suppression["properties"] = {"directive": finding.suppression.directive}
            result["suppressions"] = [suppression]
        result["properties"] = {key: data[key] for key in ("name", "category", "text", "sentence", "suggestion")
                                if data.get(key) is not None}
        return result


def reporting_descriptor(rule: Rule) -> dict[str, Any]:
    """A rule as a SARIF ``reportingDescriptor``."""
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": describe(rule.message)},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": explain_text(rule, width=None), "markdown": explain_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category.value]},
    }


def result_message(finding: Finding) -> str:
    """The finding's message and what to do about it, in plain words."""
    suggestion = finding.suggestion
    if suggestion is None:
        return finding.message
    if suggestion.action in (SuggestionAction.REPLACE, SuggestionAction.DELETE) and suggestion.sentence:
        return f"{finding.message} Suggested rewrite: {suggestion.sentence}"
    return f"{finding.message} Suggestion: {suggestion.text}"


def artifact_location(path: str, index: int | None = None) -> dict[str, Any]:
    """A path as given on the command line as a SARIF ``artifactLocation``
    (a URL input, ``s3://bucket/a.docx``, is its own absolute URI)."""
    location: dict[str, Any]
    if is_url(path):
        location = {"uri": path}
    elif PurePath(path).is_absolute():
        location = {"uri": PurePath(path).as_uri()}
    else:
        posix = PurePath(path).as_posix()
        location = {"uri": quote(os.fsencode(posix.removeprefix("./"))), "uriBaseId": SRCROOT}
    if index is not None:
        location["index"] = index
    return location


def artifact(file: FileResult) -> dict[str, Any]:
    return {
        "location": artifact_location(file.path),
        "mimeType": _MIME_TYPES.get(file.format, "application/octet-stream"),
        "hashes": {"sha-256": file.sha256},
        "roles": ["analysisTarget"],
    }


def notification(level: str, text: str, path: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"level": level, "message": {"text": text}}
    if path is not None:
        item["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]
    return item


def _location(finding: Finding, path: str, artifact_index: int, properties: dict[str, Any],
              source: TextSource | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": artifact_location(path, artifact_index)}
    region = source.region(loc.paragraph, loc.start, loc.end) if source is not None else None
    if region is None and loc.line is not None:
        region = {"startLine": loc.line}  # the whole line: the file changed or cannot be mapped
    if region is not None:
        physical["region"] = region
        if source is not None and "snippet" in region:
            sentence_end = finding.sentence_start + len(finding.sentence)
            context = source.region(loc.paragraph, finding.sentence_start, sentence_end)
            if context is not None and _position(context) != _position(region):
                physical["contextRegion"] = context
    location: dict[str, Any] = {"physicalLocation": physical}
    logical = []
    if loc.section:
        logical.append({"name": loc.section[-1], "fullyQualifiedName": " > ".join(loc.section), "kind": "section"})
    if loc.page is not None:
        logical.append({"name": f"page {loc.page}", "kind": "page"})
    if logical:
        location["logicalLocations"] = logical
    location["message"] = {"text": describe_location(finding)}
    location["properties"] = {key: value for key, value in properties.items() if value is not None}
    return location, region


def _position(region: dict[str, Any]) -> tuple:
    return tuple(region.get(key) for key in ("startLine", "startColumn", "endLine", "endColumn"))


def _fix(finding: Finding, location: dict[str, Any], source: TextSource | None) -> dict[str, Any] | None:
    """A direct replacement (``foreman`` -> ``supervisor``) as a SARIF fix, when
    the replaced words are plain source text (no markup inside them)."""
    suggestion = finding.suggestion
    if (source is None or suggestion is None or suggestion.action != SuggestionAction.REPLACE
            or suggestion.start is None or suggestion.end is None):
        return None
    paragraph = finding.location.paragraph
    if not source.is_plain(paragraph, suggestion.start, suggestion.end):
        return None
    deleted = source.region(paragraph, suggestion.start, suggestion.end)
    if deleted is None:
        return None
    deleted.pop("snippet")
    old = finding.sentence[suggestion.start - finding.sentence_start : suggestion.end - finding.sentence_start]
    return {
        "description": {"text": f"Replace “{old}” with “{suggestion.text}”."},
        "artifactChanges": [{
            "artifactLocation": location["physicalLocation"]["artifactLocation"],
            "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": suggestion.text}}],
        }],
    }
