"""Input that is slow, large or odd on purpose: endless standard input, the
Markdown that was quadratic, many paragraphs, deep nesting, a text that
mentions %PDF, and the cache with same-bytes files of different formats.
Speed and memory are measured by ``benchmarks/pathological.py``; these tests
check the results at sizes that run quickly."""

from __future__ import annotations

import json

import pytest

from benchmarks.pathological import entities, inline_directives, nested_lists, nested_quotes, short_paragraphs, \
    unclosed_comments
from policylint.extract import markdown, read_document
from policylint.extract.sniff import sniff
from policylint.limits import Limits
from reliability import GOOD_FINDINGS, GOOD_TEXT, digests, one_error, only_lines, run, write_good


def _json(done) -> dict:
    return json.loads(done.stdout)


def _findings(data: dict, path: str) -> int:
    return next(len(f["findings"]) for f in data["files"] if f["path"] == path)


# --------------------------------------------------------------------------- standard input


def test_endless_standard_input_stops_at_the_size_limit(tmp_path):
    write_good(tmp_path)
    with open("/dev/zero", "rb") as zero:
        done = run(["check", "-", "good.txt", "--no-cache", "--format", "json", "--max-file-size", "2MiB"],
                   tmp_path, stdin=zero, timeout=180)
    assert done.returncode == 3
    one_error(done, "<stdin>", "standard input is larger than the limit of 2 MB", "--max-file-size")
    assert len(only_lines(done)) == 1
    assert _findings(_json(done), "good.txt") == GOOD_FINDINGS


def test_standard_input_within_the_limit_is_checked():
    from click.testing import CliRunner

    from policylint.cli import cli

    result = CliRunner().invoke(cli, ["check", "-", "--no-cache", "--format", "json", "--stdin-filename", "p.md",
                                      "--max-file-size", "1KiB"], input=GOOD_TEXT)
    assert result.exit_code == 1 and _findings(json.loads(result.stdout), "p.md") == GOOD_FINDINGS


# --------------------------------------------------------------------------- Markdown that was quadratic


def test_unclosed_comments_are_text_and_the_finding_after_them_is_kept():
    extracted = markdown.extract(unclosed_comments(20_000))
    assert extracted.blocks[-1].text == "The chairman approves leave."
    assert extracted.comments == []


def test_many_inline_directives_each_turn_off_their_own_paragraph(tmp_path):
    extracted = markdown.extract(inline_directives(5_000))
    assert len(extracted.comments) == 5_000 and len(extracted.blocks) == 5_000
    assert [c.blocks for c in extracted.comments[:3]] == [(1,), (2,), (3,)]
    assert extracted.comments[-1].line == 3 * 4_999 + 1  # three lines per directive and paragraph
    (tmp_path / "many.md").write_bytes(inline_directives(2_000) + b"The chairman decides.\n")
    done = run(["check", "many.md", "--no-cache", "--format", "json"], tmp_path)
    data = _json(done)
    kept = [f for f in data["files"][0]["findings"] if f["rule"] == "PL401"]
    assert done.returncode == 1 and len(kept) == 1 and data["summary"]["suppressed"] == 2_000


def test_character_entities_keep_offsets_right():
    source = entities(20_000)
    extracted = markdown.extract(source)
    text = source.decode()
    first = extracted.blocks[0]
    assert first.text.startswith("Fees & costs © Fees & costs")
    for span in first.source_spans[:50] + first.source_spans[-50:]:  # each span's text is the source's text
        piece = first.text[span.start:span.end]
        assert text[span.source_start:span.source_start + len(piece)] == piece
    assert extracted.blocks[-1].text == "The chairman approves leave."


# --------------------------------------------------------------------------- size and nesting


def test_many_short_paragraphs_are_all_read(tmp_path):
    path = tmp_path / "many.txt"
    path.write_bytes(short_paragraphs(30_000) + GOOD_TEXT.encode())
    document = read_document(path, Limits())
    assert len(document.blocks) == 30_002
    assert document.blocks[-1].location.line == 60_003


@pytest.mark.parametrize("depth", [25, 1_000, 200_000])
def test_text_nested_past_the_parsers_limit_is_checked(tmp_path, depth):
    (tmp_path / "quotes.md").write_bytes(nested_quotes(depth))
    write_good(tmp_path)
    done = run(["check", "quotes.md", "good.txt", "--no-cache", "--format", "json"], tmp_path)
    assert done.returncode == 1, done.stderr
    data = _json(done)
    assert _findings(data, "quotes.md") == 1 and _findings(data, "good.txt") == GOOD_FINDINGS
    assert only_lines(done) == []


def test_deeply_nested_lists_are_checked_to_the_last_level():
    extracted = markdown.extract(nested_lists(60))
    text = " ".join(block.text for block in extracted.blocks)
    assert all(f"level {level}: the chairman" in text for level in range(60))


# --------------------------------------------------------------------------- formats


def test_a_text_that_mentions_pdf_on_its_first_line_is_text(tmp_path):
    (tmp_path / "notes.txt").write_text("%PDF-1.7 is the format we publish policies in.\n\n" + GOOD_TEXT)
    (tmp_path / "about.md").write_text("Files that start with %PDF- are sent to print.\n\n" + GOOD_TEXT)
    before = digests(tmp_path / "notes.txt", tmp_path / "about.md")
    done = run(["check", "notes.txt", "about.md", "--no-cache", "--format", "json"], tmp_path)
    data = _json(done)
    assert done.returncode == 1 and only_lines(done) == []
    assert [(f["path"], f["format"]) for f in data["files"]] == [("notes.txt", "text"), ("about.md", "markdown")]
    assert _findings(data, "notes.txt") == GOOD_FINDINGS
    assert digests(tmp_path / "notes.txt", tmp_path / "about.md") == before


def test_a_pdf_is_sniffed_by_structure():
    from benchmarks.pathological import content_stream_bomb

    real = content_stream_bomb(1)
    assert sniff(real, ".txt") == "pdf" and sniff(real, ".pdf") == "pdf" and sniff(real, "") == "pdf"
    assert sniff(b"%PDF-1.4 and nothing else", ".pdf") == "pdf"  # reported as a broken PDF
    assert sniff(b"%PDF-1.4 and nothing else", ".txt") == "text"
    assert sniff(b"junk\n%PDF-1.4 and nothing else", ".pdf") == "text"


# --------------------------------------------------------------------------- the cache


@pytest.mark.parametrize("order", [("same.md", "same.txt"), ("same.txt", "same.md")])
def test_the_cache_keeps_formats_of_same_bytes_apart(tmp_path, order):
    source = "Notes\n\n" + "".join(f"    {line}\n" for line in GOOD_TEXT.splitlines())  # Markdown: code
    for name in order:
        (tmp_path / name).write_text(source)
    runs = []
    for files in ([order[0]], [order[1]], list(order)):  # cold one by one, then both from the cache
        done = run(["check", *files, "--format", "json"], tmp_path)
        runs.append({f["path"]: (f["format"], len(f["findings"])) for f in _json(done)["files"]})
    final = runs[-1]
    assert final["same.md"][0] == "markdown" and final["same.txt"][0] == "text"
    assert final == {**runs[0], **runs[1]}
    assert final["same.txt"][1] == GOOD_FINDINGS and final["same.md"][1] == 0


def test_the_cache_respects_the_limits(tmp_path):
    write_good(tmp_path)
    assert run(["check", "good.txt"], tmp_path).returncode == 1
    done = run(["check", "good.txt", "--max-words", "3"], tmp_path)
    assert done.returncode == 3
    one_error(done, "good.txt", "document is too long")
