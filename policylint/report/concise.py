"""``--format concise``: one line per finding, for editors and scripts.

    path:PARAGRAPH: CODE message

Every finding gets its own line (no grouping), in document order, with the
paragraph number policylint uses everywhere else; the last line is the usual
summary. Nothing is coloured or wrapped.
"""

from __future__ import annotations

from policylint.report.base import Formatter
from policylint.result import CheckResult, FileError, FileResult
from policylint.text import one_line


class ConciseFormatter(Formatter):
    def handle(self, item: FileResult | FileError) -> None:
        if isinstance(item, FileError):
            return
        shown = [*item.findings, *(item.suppressed if self.info.show_suppressed else [])]
        for finding in sorted(shown, key=lambda f: f.sort_key()):
            note = " (suppressed)" if finding.suppression is not None else ""
            self.out.write(f"{item.shown_path}:{finding.location.paragraph}: {finding.rule} "
                           f"{one_line(finding.message)}{note}\n")

    def finish(self, result: CheckResult, exit_code: int) -> None:
        self.out.write(self.summary_line(result) + "\n")
