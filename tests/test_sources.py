"""fsspec URLs as inputs (memory://, file://), a missing protocol package,
limits applied from the listing, URLs in every output; the ``scheduler``
setting and its errors; the thread time limit Dask workers use."""

from __future__ import annotations

import importlib
import json
import sys
import threading
import time

import fsspec
import pytest
from click.testing import CliRunner

from policylint import sources
from policylint.cli import cli
from policylint.cluster import scheduler_address
from policylint.cluster_worker import thread_deadline
from policylint.config import ConfigError, Settings, load_settings
from policylint.limits import DocumentTimeout
from tests.helpers import FLAGGED_SENTENCE, make_docx


def run(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def memory_estate():
    """A folder in fsspec's in-memory file system, removed afterwards."""
    fs = fsspec.filesystem("memory")
    root = f"/estate-{time.monotonic_ns()}"
    fs.pipe(f"{root}/leave.md", f"# Leave\n\n{FLAGGED_SENTENCE}\n".encode())
    fs.pipe(f"{root}/hr/notes.txt", b"Every employee may ask for flexible hours in writing.\n")
    fs.pipe(f"{root}/hr/drafts/old.md", f"# Old\n\n{FLAGGED_SENTENCE}\n".encode())
    fs.pipe(f"{root}/.hidden/secret.md", FLAGGED_SENTENCE.encode())
    fs.pipe(f"{root}/~$leave.md", b"lock file")
    fs.pipe(f"{root}/photo.png", b"\x89PNG not checked")
    yield f"memory://{root.lstrip('/')}", fs, root
    fs.rm(root, recursive=True)


def test_a_memory_folder_is_listed_filtered_and_reported_by_url(memory_estate):
    url, _, _ = memory_estate
    result = run("check", url + "/", "--isolated", "--format", "json", "--no-cache", "--exclude", "drafts")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["files"]] == [f"{url}/hr/notes.txt", f"{url}/leave.md"]
    [finding] = data["files"][1]["findings"]
    assert finding["rule"] == "PL401" and finding["location"]["line"] == 3


def test_urls_in_sarif_and_text_reports(memory_estate):
    url, _, _ = memory_estate
    sarif = json.loads(run("check", f"{url}/leave.md", "--isolated", "--format", "sarif", "--no-cache").stdout)
    [run_] = sarif["runs"]
    assert run_["artifacts"][0]["location"] == {"uri": f"{url}/leave.md"}
    region = run_["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 3  # the Markdown source is read again through fsspec
    text = run("check", f"{url}/leave.md", "--isolated", "--no-cache").stdout
    assert text.startswith(f"{url}/leave.md\n")


def test_baseline_and_per_file_ignores_see_urls(memory_estate, tmp_path):
    url, _, _ = memory_estate
    baseline = tmp_path / "baseline.json"
    common = ["--isolated", "--no-cache", "--baseline", baseline]
    assert run("check", url, *common, "--update-baseline").exit_code == 0
    assert {entry["file"] for entry in json.loads(baseline.read_text())["findings"]} == {
        f"{url}/leave.md", f"{url}/hr/drafts/old.md"}
    assert run("check", url, *common, "--format", "json").exit_code == 0
    config = tmp_path / "policylint.toml"
    config.write_text('[per-file-ignores]\n"drafts/" = ["PL401"]\n', encoding="utf-8")
    data = json.loads(run("check", url, "--config", config, "--no-cache", "--format", "json").stdout)
    assert {f["path"]: len(f["findings"]) for f in data["files"]}[f"{url}/hr/drafts/old.md"] == 0
    assert data["summary"]["suppressed"] == 1


def test_the_size_limit_applies_before_a_url_is_read(memory_estate, monkeypatch):
    url, fs, root = memory_estate
    size = len(fs.cat(f"{root}/leave.md"))
    opened = []
    original = type(fs)._open

    def spy(self, path, *args, **kwargs):
        opened.append(path)
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(type(fs), "_open", spy)
    result = run("check", url, "--isolated", "--no-cache", "--max-file-size", "40")
    assert result.exit_code == 3
    assert f"{url}/leave.md: file is too large: {size} bytes (limit 40 bytes; see --max-file-size)" in result.stderr
    assert not any(path.endswith("leave.md") for path in opened)


def test_a_missing_url_and_an_empty_url_folder(memory_estate):
    url, fs, root = memory_estate
    result = run("check", f"{url}/nope.docx", "--isolated", "--no-cache")
    assert result.exit_code == 3 and f"{url}/nope.docx: no such file" in result.stderr
    fs.pipe(f"{root}/empty/readme.png", b"x")
    result = run("check", f"{url}/empty", f"{url}/leave.md", "--isolated", "--no-cache")
    assert f"warning: {url}/empty: no .docx, .pdf, .md or .txt files found under this URL" in result.stderr
    assert result.exit_code == 1


def test_file_urls_and_a_cache_at_a_url(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    make_docx(tmp_path / "docs" / "policy.docx", [FLAGGED_SENTENCE])
    url = (tmp_path / "docs").as_uri()
    cache = f"memory://cache-{time.monotonic_ns()}"
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", cache)
    first = run("check", url, "--isolated", "--format", "json")
    assert first.exit_code == 1
    assert json.loads(first.stdout)["files"][0]["path"] == f"{url}/policy.docx"
    fs = fsspec.filesystem("memory")
    entries = [name for name in fs.find(cache.removeprefix("memory:/")) if "/v1/" in name and "run-" not in name]
    assert len(entries) == 1
    fs.pipe(entries[0], json.dumps(json.loads(fs.cat(entries[0])) | {"words": 4242}).encode())
    second = run("check", url, "--isolated", "--format", "json")
    assert json.loads(second.stdout)["files"][0]["words"] == 4242  # read from the memory:// cache


def test_a_url_whose_protocol_package_is_missing(monkeypatch, tmp_path):
    registry = importlib.import_module("fsspec.registry")  # the module (fsspec.registry is a mapping)
    monkeypatch.setitem(sys.modules, "s3fs", None)  # as if not installed
    monkeypatch.delitem(registry._registry, "s3", raising=False)
    (tmp_path / "a.md").write_text("# A\n\nText.\n", encoding="utf-8")
    result = run("check", "s3://bucket/policies/", tmp_path / "a.md", "--isolated", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == ("policylint: s3://bucket/policies/: reading s3:// URLs needs the s3fs package: "
                             "pip install 'policylint[s3]'\n")
    result = run("check", "nosuchprotocol://x/", "--isolated", "--no-cache")
    assert result.exit_code == 2 and "Protocol not known: nosuchprotocol" in result.stderr
    assert sources.missing_package("gs://b/x").endswith("pip install 'policylint[gcs]'")
    assert sources.missing_package("abfs://c/x").endswith("pip install 'policylint[azure]'")


# -- the scheduler setting ------------------------------------------------------


def test_where_the_scheduler_comes_from(monkeypatch, tmp_path):
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    assert scheduler_address(Settings()) is None
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://10.1.2.3:8786")
    assert scheduler_address(Settings()) == "tcp://10.1.2.3:8786"
    config = tmp_path / "policylint.toml"
    config.write_text('scheduler = "local"\n', encoding="utf-8")
    assert scheduler_address(load_settings(config)) == "local"
    assert scheduler_address(load_settings(config).merged(scheduler="none")) is None
    config.write_text('scheduler = "tcp://a b"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="scheduler: 'tcp://a b' give a scheduler address"):
        load_settings(config)


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    dask = pytest.importorskip("dask", reason="needs Dask distributed (policylint[dask])")
    document = tmp_path / "a.md"
    document.write_text(f"# A\n\n{FLAGGED_SENTENCE}\n", encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = run("check", document, "--isolated", "--no-cache", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert result.stderr.startswith("policylint: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_without_dask_the_scheduler_option_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)
    document = tmp_path / "a.md"
    document.write_text("# A\n\nText.\n", encoding="utf-8")
    result = run("check", document, "--isolated", "--no-cache", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert result.stderr == ("policylint: --scheduler needs Dask distributed, which is not installed: "
                             "pip install 'policylint[dask]'\n")


# -- the time limit in a worker thread ---------------------------------------------


def _in_thread(function):
    outcome = {}

    def target():
        try:
            outcome["value"] = function()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(30)
    return outcome


def test_thread_deadline_stops_python_code_in_a_worker_thread():
    def busy():
        with thread_deadline(0.2):
            while True:
                sum(range(1000))

    started = time.monotonic()
    outcome = _in_thread(busy)
    assert isinstance(outcome.get("error"), DocumentTimeout)
    assert time.monotonic() - started < 5


def test_thread_deadline_leaves_a_quick_block_alone():
    def quick():
        with thread_deadline(0.3):
            total = sum(range(1000))
        time.sleep(0.6)  # past the limit: nothing may fire now
        return total

    assert _in_thread(quick) == {"value": sum(range(1000))}
