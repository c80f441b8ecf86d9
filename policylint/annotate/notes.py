"""What an annotation says, the same in Word comments and PDF notes.

::

    PL401 gendered-job-titles (warning)
    “chairman” names a role or a group by one gender.
    Suggestion: replace “chairman” with “chair”: The chair of the committee signs off every request.
    Use a title that fits anyone in the role.
"""

from __future__ import annotations

from policylint.finding import Finding, SuggestionAction

AUTHOR = "policylint"
INITIALS = "PL"


def note_lines(finding: Finding, where: str | None = None) -> list[str]:
    """The note's lines: rule, [where it is], message, suggestion, advice.

    ``where`` is given when the note is anchored away from the words it is
    about (e.g. "In the header"); the matched words are then quoted.
    """
    lines = [f"{finding.rule} {finding.name} ({finding.severity.value})"]
    if where:
        lines.append(f"{where}: “{finding.text}”")
    lines.append(finding.message)
    suggestion = finding.suggestion
    if suggestion is None:
        return lines
    if suggestion.action is SuggestionAction.REPLACE:
        line = f"Suggestion: replace “{finding.text}” with “{suggestion.text}”"
    elif suggestion.action is SuggestionAction.DELETE:
        line = f"Suggestion: delete “{finding.text}”"
    elif suggestion.action is SuggestionAction.INSERT:
        line = f"Suggestion: insert “{suggestion.text}”"
    else:
        line = f"Suggestion: {suggestion.text}"
    if suggestion.action is not SuggestionAction.REWRITE and suggestion.sentence:
        line += f": {suggestion.sentence}"
    lines.append(line)
    if suggestion.advice and suggestion.advice != suggestion.text:
        lines.append(suggestion.advice)
    return lines


def note_text(finding: Finding, where: str | None = None) -> str:
    return "\n".join(note_lines(finding, where))
