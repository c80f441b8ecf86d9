"""A small generated estate and Dask worker plugins for the cluster tests."""

from __future__ import annotations

import os
from pathlib import Path

from distributed import WorkerPlugin

from tests.helpers import make_docx, make_pdf

#: sentences of our own; several carry findings
SENTENCES = [
    "The chairman of the committee signs off every request.",
    "Each foreman approves overtime for the night shift.",
    "Every employee may ask for flexible hours in writing.",
    "A manager should reply to each request within ten working days.",
    "Applicants must be digital natives who are young and energetic.",
    "He must tell his manager before taking any leave.",
    "Staff can raise a concern with HR, their manager or the confidential helpline.",
    "Requests are decided on their merits and recorded in the leave system.",
]


def make_estate(folder: Path, count: int) -> Path:
    """``count`` small policies in ``folder``, in turn DOCX, PDF and Markdown."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        paragraphs = [SENTENCES[(number + step) % len(SENTENCES)] for step in range(3 + number % 4)]
        kind = number % 3
        target = folder / f"policy-{number:02d}.{('docx', 'pdf', 'md')[kind]}"
        if kind == 0:
            make_docx(target, paragraphs)
        elif kind == 1:
            make_pdf(target, paragraphs)
        else:
            target.write_text("# Policy\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


class DieOnDocument(WorkerPlugin):
    """Makes a worker process exit whenever it is about to check a document
    whose name contains ``needle``. Registered plugins are set up again on
    the workers that replace dead ones."""

    name = "policylint-test-die-on-document"

    def __init__(self, needle: str):
        self.needle = needle

    def setup(self, worker):
        from policylint import cluster_worker

        original = cluster_worker._State.check
        needle = self.needle

        def check(state, name, source, size):
            if needle in name:
                os._exit(1)
            return original(state, name, source, size)

        check.original = original
        cluster_worker._State.check = check

    def teardown(self, worker):
        from policylint import cluster_worker

        cluster_worker._State.check = getattr(cluster_worker._State.check, "original", cluster_worker._State.check)
