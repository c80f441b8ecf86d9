"""``report --html`` with a history: the trend chart (open findings per
category, findings fixed so far) and the goals table, looked at in headless
Chromium; the structural map of each document."""

from __future__ import annotations

import os
import re

import pytest

from tests.history_estate import make_estate


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    monkeypatch = pytest.MonkeyPatch()
    try:
        estate = make_estate(tmp_path_factory.mktemp("trend"), monkeypatch)
        out = estate.root / "audit.html"
        result = estate.invoke("report", "policies", "--html", str(out), day="2027-02-24")
        assert result.exit_code == 0, result.output
        yield estate, out
    finally:
        monkeypatch.undo()


def test_the_page_has_an_inline_svg_chart_and_the_goals(report):
    _, out = report
    html = out.read_text(encoding="utf-8")
    svg = re.search(r"<svg class=\"trend\".*?</svg>", html, re.S).group(0)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert svg.count("<polyline") == 3  # complaints, gendered-language, fixed so far
    assert [m for m in re.findall(r'data-series="([^"]+)"', svg)] == ["complaints", "gendered-language",
                                                                      "fixed so far"]
    # four runs: complaints 3, 1, 0, 0; fixed so far 0, 2, 5, 5
    assert "complaints: 3 (2026-12-15)" in svg and "complaints: 0 (2027-02-20)" in svg
    assert "fixed so far: 2 (2027-01-10)" in svg and "fixed so far: 5 (2027-02-20)" in svg
    assert ">2026-12-15</text>" in svg and ">2027-02-20</text>" in svg
    assert re.findall(r'<td class="state state-[a-z-]+">([a-z ]+)</td>', html) == [
        "done", "at risk", "missed", "not started"]


def test_a_report_without_history_has_no_chart(tmp_path, monkeypatch):
    from tests.auditor import run

    (tmp_path / "p.md").write_text("# Roles\n\nEach shift is led by a foreman.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("report", "p.md", "--html", "r.html", "--isolated")
    assert result.exit_code == 1, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<svg class="trend"' not in html and "Structural map" in html


def test_the_chart_in_a_browser(report, browser, tmp_path):
    _, out = report
    page = browser.new_context(viewport={"width": 1000, "height": 900}).new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(out.as_uri())
    chart = page.locator("svg.trend")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 500 and box["height"] > 200
    lines = page.locator("svg.trend polyline")
    assert lines.count() == 3
    for index in range(3):
        line_box = lines.nth(index).bounding_box()
        assert line_box is not None and line_box["width"] > 300  # drawn across the plot, not collapsed
    # the dashed "fixed so far" line rises from the left to the right
    points = lines.nth(2).get_attribute("points").split()
    ys = [float(p.split(",")[1]) for p in points]
    assert ys[0] > ys[-1]
    assert page.locator("svg.trend text.key").all_text_contents() == ["complaints", "gendered-language",
                                                                     "fixed so far"]
    assert page.locator("table.goals tbody tr").count() == 4
    shot = tmp_path / "trend.png"
    chart.screenshot(path=str(shot))
    if os.environ.get("POLICYLINT_SCREENSHOT"):
        page.screenshot(path=os.environ["POLICYLINT_SCREENSHOT"], full_page=False)
    assert shot.stat().st_size > 5000
    assert all(url.startswith("file:") for url in requests), requests
