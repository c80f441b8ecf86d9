"""Annotated copies of a checked document: the original file with every
finding marked where it is.

- ``docx_comments.annotate_docx``: a Word comment on the matched words of each
  finding, and with ``suggest_changes`` each direct replacement as a tracked
  change (``docx_runs`` splits and maps runs, ``docx_changes`` writes the
  revision marks, ``docx_anchors`` finds where comments go for findings in
  headers, footers, notes and text boxes).
- ``pdf_highlights.annotate_pdf``: a highlight annotation over the matched
  words of each finding, with the note as its text (``pdf_boxes`` finds the
  words' boxes).

Both take the original bytes, the ``Document`` extracted from them and the
findings, and return new bytes; the input is never touched. The formatters in
``policylint.report.annotated_docx`` / ``annotated_pdf`` put them behind the
formatter registry.
"""

from __future__ import annotations


class AnnotateError(Exception):
    """The annotated copy cannot be made; the message is one line for a person."""
