"""``policylint report --html`` and ``--format html``: a self-contained audit
report. The page is opened in headless Chromium: every finding shows, the
filters work, and document text with HTML in it stays text."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from tests.auditor import run
from tests.conftest import ROOT, SAMPLES

#: the same words flagged by one rule in several paragraphs: grouped into one card
REPEATS = ("# Volunteers\n\nEach volunteer signs his or her rota sheet.\n\n"
           "A volunteer who is late tells his or her team lead.\n\n"
           "Every volunteer keeps his or her badge visible, and the chairman keeps a spare.\n\n"
           "## Meetings\n\nThe chairman opens each meeting.\n")
HOSTILE = ('The chairman said <script>alert(1)</script> and <img src=x onerror="alert(2)"> '
           "in the meeting.")


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    hostile = folder / "hostile.txt"
    hostile.write_text(f"Meetings\n\n{HOSTILE}\n")
    repeats = folder / "volunteers.md"
    repeats.write_text(REPEATS)
    inputs = [SAMPLES / "handbook.docx", SAMPLES / "handbook.pdf", hostile, repeats]
    out = folder / "audit.html"
    result = run("report", *inputs, "--html", out)
    as_json = run("check", *inputs, "--format", "json")
    return {"out": out, "result": result, "data": json.loads(as_json.stdout), "hostile": hostile, "folder": folder,
            "inputs": inputs}


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
    """How many findings the visible cards stand for (a card holds a group of repeats)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll("article.finding"))
        .filter(el => el.offsetParent !== null)
        .reduce((n, el) => n + parseInt(el.dataset.count, 10), 0)""")


def test_browser_shows_every_finding(page, audit):
    total = audit["data"]["summary"]["findings"]
    assert page.locator("article.finding").count() < total  # repeats are grouped
    assert _visible(page) == total
    assert page.locator("#filter-count").inner_text() == f"Showing {total} of {total}"
    assert page.events["errors"] == []


def test_browser_filters_by_category(page, audit):
    by_category = audit["data"]["summary"]["by_category"]
    for category in ("gendered-language", "pay"):
        page.select_option("#filter-category", category)
        assert _visible(page) == by_category[category]
        shown = page.locator("article.finding:visible")
        assert shown.count() > 0
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


def test_repeats_are_one_card_with_the_count_and_the_other_places(audit):
    html = audit["out"].read_text(encoding="utf-8")
    cards = re.findall(r'<article class="finding[^"]*"[^>]*data-count="(\d+)">(.*?)</article>', html, re.S)
    pronouns = [(int(n), body) for n, body in cards if "binary-pronouns" in body and "his or her" in body]
    assert len(pronouns) == 1
    count, body = pronouns[0]
    assert count == 3 and "×3" in body and "Also in paragraphs 3 and 4: 3 in all." in body
    assert "Fix</span> his or her → their" in body
    chairman = [(int(n), body) for n, body in cards if "chairman</mark>" in body and "keeps a spare" in body]
    assert [n for n, _ in chairman] == [2]
    data = audit["data"]
    assert sum(int(n) for n, _ in cards) == data["summary"]["findings"]


def test_no_group_gives_a_card_per_finding(audit, tmp_path):
    out = tmp_path / "all.html"
    assert run("report", *audit["inputs"], "--html", out, "--no-group").exit_code == 1
    html = out.read_text(encoding="utf-8")
    assert html.count('<article class="finding') == audit["data"]["summary"]["findings"]
    assert 'data-count="1"' in html and not re.search(r'data-count="[2-9]', html)


def test_each_rule_is_explained_once_in_the_rules_section(audit):
    from policylint.ruleset import load_rules

    html = audit["out"].read_text(encoding="utf-8")
    rules = {rule.id: rule for rule in load_rules()}
    found = {f["rule"] for file in audit["data"]["files"] for f in file["findings"]}
    for code in found:
        assert html.count(f'id="rule-{code}"') == 1
        rationale = " ".join(rules[code].rationale.split())
        flat = " ".join(html.replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&").split())
        assert flat.count(rationale[:80]) == 1, code
        assert f'href="#rule-{code}"' in html


def test_the_summary_names_totals_top_categories_and_sections(audit):
    html = audit["out"].read_text(encoding="utf-8")
    summary = html.split('<section id="summary"', 1)[1].split("</section>", 1)[0]
    data = audit["data"]["summary"]
    assert f"<strong>{data['findings']}</strong> findings" in summary
    assert f"<strong>{data['by_severity']['error']}</strong> errors" in summary
    assert "What matters most" in summary and "Where to look first" in summary
    worst = max(data["by_category"], key=lambda c: data["by_category"][c])
    assert summary.count('<span class="top-name">') == 6
    assert "pay" in summary or worst in summary


def test_browser_summary_fits_one_screen(browser, audit, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(audit["out"].as_uri())
    box = tab.locator("#summary").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800
    tab.screenshot(path=str(tmp_path / "summary.png"))
    context.close()


def _printed_pages(browser, html_path, tmp_path) -> int:
    import pypdfium2

    context = browser.new_context()
    tab = context.new_page()
    tab.goto(html_path.as_uri())
    pdf = tmp_path / (html_path.stem + ".pdf")
    tab.pdf(path=str(pdf), format="Letter")
    context.close()
    return len(pypdfium2.PdfDocument(str(pdf)))


def test_browser_prints_the_sample_report_compactly(browser, audit, tmp_path):
    findings = audit["data"]["summary"]["findings"]
    pages = _printed_pages(browser, audit["out"], tmp_path)
    assert pages <= 4 + findings // 3, pages  # about three cards a page and the rules, with the summary


#: the largest municipal document among the real ones beside the repository (../shared)
REAL = ROOT.parent / "shared" / "corpus" / "real-dev" / "raw" / "county-of-orange"


@pytest.mark.skipif(not REAL.is_dir(), reason="needs the real documents in ../shared beside the repository")
def test_browser_prints_a_real_handbook_report_in_at_most_25_pages(browser, tmp_path):
    source = next(REAL.glob("*.pdf"))
    out = tmp_path / "handbook.html"
    result = run("report", source, "--html", out, "--fail-on", "never", "--timeout", "0")
    assert result.exit_code == 0, result.stderr
    assert _printed_pages(browser, out, tmp_path) <= 25
