"""``annotated-pdf``: the checked PDF with a highlight annotation over the
matched words of every finding, its note giving the rule, message and
suggestion. See ``policylint.annotate.pdf_highlights``."""

from __future__ import annotations

from policylint.annotate.pdf_highlights import annotate_pdf
from policylint.output import timestamp
from policylint.report.annotated import AnnotatingFormatter, plural


class AnnotatedPdfFormatter(AnnotatingFormatter):
    input_format = "pdf"

    def annotate(self, data, document, findings) -> bytes:
        copy, stats = annotate_pdf(data, document, findings, date=timestamp())
        done = f"Annotated copy: {plural(stats.highlights, 'highlight')}"
        if stats.unplaced:
            done += f" ({stats.unplaced} finding{'s' if stats.unplaced != 1 else ''} had no position on the page)"
        self.done = done + "."
        return copy
