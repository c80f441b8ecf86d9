"""``policylint report --html`` and ``--format html``: a self-contained audit
report. The page is opened in headless Chromium: every finding shows, the
filters work, and document text with HTML in it stays text."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from tests.auditor import run
from tests.conftest import SAMPLES

HOSTILE = ('The chairman said <script>alert(1)</script> and <img src=x onerror="alert(2)"> '
           "in the meeting.")


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    hostile = folder / "hostile.txt"
    hostile.write_text(f"Meetings\n\n{HOSTILE}\n")
    inputs = [SAMPLES / "handbook.docx", SAMPLES / "handbook.pdf", hostile]
    out = folder / "audit.html"
    result = run("report", *inputs, "--html", out)
    as_json = run("check", *inputs, "--format", "json")
    return {"out": out, "result": result, "data": json.loads(as_json.stdout), "hostile": hostile}


def test_report_writes_the_file_and_summarises_on_stderr(audit):
    result, summary = audit["result"], audit["data"]["summary"]
    assert result.exit_code == 1  # warnings, --fail-on warning by default
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1].startswith(f"Found {summary['findings']} findings")


def test_the_page_is_self_contained_and_escapes_document_text(audit):
    html = audit["out"].read_text(encoding="utf-8")
    assert html.count("<script") == 1  # the report's own filter script, nothing from the documents
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror=" not in html.replace("onerror=&#34;", "")  # only as escaped text
    assert "default-src 'none'" in html  # a Content-Security-Policy: no request can be made
    assert not re.search(r"<link\b|\bsrc=|@import|url\(", html.replace("&lt;img src=x", ""))
    for file in audit["data"]["files"]:
        assert file["sha256"] in html


def test_what_was_checked_and_the_totals_are_there(audit):
    html = audit["out"].read_text(encoding="utf-8")
    data = audit["data"]
    assert f"policylint {data['tool']['version']}" in html
    for category, n in data["summary"]["by_category"].items():
        assert re.search(rf'<span class="bar-label">{category}</span>.*?<span class="bar-count">{n}</span>', html)


def test_check_format_html_is_the_same_report(tmp_path):
    out = tmp_path / "audit.html"
    result = run("check", SAMPLES / "handbook.docx", "--format", "html", "-o", out)
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_refuses_to_write_over_an_input(tmp_path):
    doc = tmp_path / "policy.md"
    doc.write_text("# Pay\n\nThe chairman signs off every request.\n")
    before = doc.read_bytes()
    result = run("report", doc, "--html", doc)
    assert result.exit_code == 2 and "refusing to write over an input" in result.stderr
    assert doc.read_bytes() == before


def test_report_fail_on_never_exits_0(tmp_path):
    result = run("report", SAMPLES / "handbook.docx", "--html", tmp_path / "a.html", "--fail-on", "never")
    assert result.exit_code == 0 and (tmp_path / "a.html").exists()


# --------------------------------------------------------------------------- in a browser


@pytest.fixture
def page(browser, audit):
    context = browser.new_context()
    tab = context.new_page()
    events = {"dialogs": [], "requests": [], "errors": []}
    tab.on("dialog", lambda dialog: (events["dialogs"].append(dialog.message), dialog.dismiss()))
    tab.on("request", lambda request: events["requests"].append(request.url))
    tab.on("pageerror", lambda error: events["errors"].append(str(error)))
    tab.goto(audit["out"].as_uri())
    tab.events = events
    yield tab
    context.close()


def _visible(page) -> int:
    return page.locator("article.finding:visible").count()


def test_browser_shows_every_finding(page, audit):
    total = audit["data"]["summary"]["findings"]
    assert page.locator("article.finding").count() == total
    assert _visible(page) == total
    assert page.locator("#filter-count").inner_text() == f"Showing {total} of {total}"
    assert page.events["errors"] == []


def test_browser_filters_by_category(page, audit):
    by_category = audit["data"]["summary"]["by_category"]
    for category in ("gendered-language", "pay"):
        page.select_option("#filter-category", category)
        assert _visible(page) == by_category[category]
        shown = page.locator("article.finding:visible")
        assert all(shown.nth(i).get_attribute("data-category") == category for i in range(shown.count()))
    page.select_option("#filter-category", "")
    assert _visible(page) == audit["data"]["summary"]["findings"]


def test_browser_filters_by_severity_and_search(page, audit):
    findings = [f for file in audit["data"]["files"] for f in file["findings"]]
    severities = Counter(f["severity"] for f in findings)
    page.locator(".filter-severity[value=warning]").uncheck()
    assert _visible(page) == len(findings) - severities["warning"]
    page.locator(".filter-severity[value=warning]").check()
    page.fill("#filter-text", "PL301")
    assert _visible(page) == sum(f["rule"] == "PL301" for f in findings) > 0


def test_browser_shows_html_in_documents_as_text(page, audit):
    assert page.events["dialogs"] == []  # no script from the document ran
    sentence = page.locator("blockquote.sentence", has_text="<script>alert(1)</script>")
    assert sentence.count() >= 1
    assert "<img src=x" in sentence.first.inner_text()
    assert page.locator("section.document img, section.document script").count() == 0
    assert page.events["requests"] == [audit["out"].as_uri()]  # nothing fetched but the file itself
