"""``annotated-docx``: the checked Word document with a comment at every
finding and, with the ``suggest_changes`` option (``annotate
--suggest-changes``), each direct replacement as a tracked change. See
``policylint.annotate.docx_comments``."""

from __future__ import annotations

from policylint.annotate.docx_comments import annotate_docx
from policylint.output import timestamp
from policylint.report.annotated import AnnotatingFormatter, plural


class AnnotatedDocxFormatter(AnnotatingFormatter):
    input_format = "docx"

    def annotate(self, data, document, findings) -> bytes:
        suggest = bool(self.info.options.get("suggest_changes"))
        copy, stats = annotate_docx(data, document, findings, suggest_changes=suggest,
                                    is_absence=self.is_absence, date=timestamp())
        done = f"Annotated copy: {plural(stats.comments, 'comment')}"
        if suggest:
            done += f", {plural(stats.changes, 'tracked change')}"
        if stats.elsewhere:  # Word shows no comments in headers, footers, notes or text boxes
            which = "comment is" if stats.elsewhere == 1 else "comments are"
            done += (f". {stats.elsewhere} {which} about words in a header, footer, footnote or text box: "
                     "Word cannot show comments there, so each is placed in the main text and quotes the words")
        self.done = done + "."
        return copy
