"""Checking on a Dask cluster (``--scheduler``): the same JSON, byte for byte,
as a local run; a shared results cache; a worker killed mid-run; a document
that kills every worker it is given; the API's ``check_many``.

The tests share one ``LocalCluster`` of two single-threaded worker processes
(built once: each worker builds its engine on the first batch it gets).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed", reason="the cluster tests need Dask distributed (policylint[dask])")

from policylint import api  # noqa: E402
from policylint.cli import cli  # noqa: E402
from tests.cluster_helpers import DieOnDocument, make_estate  # noqa: E402
from tests.conftest import ROOT, SAMPLES  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL,
                                       scheduler_kwargs={"allowed_failures": 2})
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def estate(tmp_path_factory) -> Path:
    folder = make_estate(tmp_path_factory.mktemp("estate") / "policies", 24)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return folder


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, [str(arg) for arg in args], input=stdin, catch_exceptions=False)


def test_samples_through_the_scheduler_give_the_local_json(client, monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)  # relative paths: the workers read them from another folder
    stdin = "# Leave\n\nThe chairman of the committee signs off every request.\n"
    args = ["check", "samples", "-", "--stdin-filename", "leave.md", "--isolated", "--format", "json", "--no-cache"]
    local = run(*args, "--jobs", "1", stdin=stdin)
    remote = run(*args, "--scheduler", client.scheduler.address, stdin=stdin)
    assert local.exit_code == remote.exit_code == 1
    paths = [f["path"] for f in json.loads(local.stdout)["files"]]
    assert len(paths) >= 7 and paths[0].startswith("samples/") and "leave.md" in paths
    assert remote.stdout == local.stdout


def test_an_estate_with_baseline_and_suppressions_as_file_urls(client, estate, tmp_path):
    config = tmp_path / "policylint.toml"
    config.write_text('[per-file-ignores]\n"policy-0*" = ["PL401"]\n', encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    url = estate.as_uri() + "/"
    common = ["--config", config, "--format", "json", "--no-cache", "--baseline", baseline, "--show-suppressed"]
    assert run("check", url, *common, "--update-baseline", "--exclude", "policy-1*").exit_code == 3
    local = run("check", url, *common, "--jobs", "2")
    remote = run("check", url, *common, "--scheduler", client.scheduler.address)
    assert local.exit_code == remote.exit_code == 3  # broken.docx
    assert remote.stdout == local.stdout
    data = json.loads(remote.stdout)
    assert [f["path"] for f in data["files"]] == [f"{url}policy-{n:02d}.{('docx', 'pdf', 'md')[n % 3]}"
                                                 for n in range(24)]
    assert data["errors"][0]["path"] == f"{url}broken.docx"
    summary = data["summary"]
    assert summary["baselined"] > 0 and summary["suppressed"] > 0 and summary["findings"] > 0
    # the baseline was made without policy-1*, so only their findings are new
    assert {f["path"].rsplit("/", 1)[1][:8] for f in data["files"] if f["findings"]} == {"policy-1"}


def test_the_workers_share_the_results_cache(client, estate, tmp_path, monkeypatch):
    cache = tmp_path / "shared-cache"
    args = ["check", estate, "--isolated", "--format", "json", "--scheduler", client.scheduler.address]
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", str(cache))
    first = run(*args)
    entries = sorted(cache.rglob("v1/??/*.json"))
    assert len(entries) == 24  # every readable document, written by the workers
    for entry in entries:  # mark every entry: a run that reads the cache reports the mark
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps(data | {"words": 4242}), encoding="utf-8")
    second = run(*args)
    assert first.exit_code == second.exit_code == 3
    assert {f["words"] for f in json.loads(second.stdout)["files"]} == {4242}
    assert json.loads(second.stdout)["errors"] == json.loads(first.stdout)["errors"]


def test_a_worker_killed_mid_run_loses_no_document(client, estate, tmp_path):
    local = run("check", estate, "--isolated", "--format", "json", "--no-cache", "--jobs", "2")
    pids = client.run(os.getpid)
    command = [sys.executable, "-m", "policylint", "check", str(estate), "--isolated", "--format", "json",
               "--no-cache", "--scheduler", client.scheduler.address]
    env = dict(os.environ, POLICYLINT_CACHE_DIR=str(tmp_path / "cache"))
    killed = []

    def kill_a_busy_worker():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            for worker, keys in client.processing().items():
                if any(str(key).startswith("check_batch") for key in keys) and worker in pids:
                    os.kill(pids[worker], signal.SIGKILL)
                    killed.append(worker)
                    return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=False)
    killer.join()
    assert killed, "no worker was busy to be killed"
    assert done.returncode == local.exit_code == 3, done.stderr
    assert done.stdout == local.stdout
    data = json.loads(done.stdout)
    paths = [f["path"] for f in data["files"]] + [e["path"] for e in data["errors"]]
    assert len(paths) == len(set(paths)) == 25
    client.wait_for_workers(2, timeout=120)


def test_a_document_that_kills_every_worker_is_an_error(client, tmp_path):
    folder = make_estate(tmp_path / "few", 3)
    (folder / "poison.md").write_text("# Policy\n\nEvery employee may ask for flexible hours.\n", encoding="utf-8")
    client.register_plugin(DieOnDocument("poison"))
    try:
        result = run("check", folder, "--isolated", "--format", "json", "--no-cache",
                     "--scheduler", client.scheduler.address)
    finally:
        client.unregister_worker_plugin(DieOnDocument.name)
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["files"]] == [str(folder / f"policy-{n:02d}.{ext}")
                                                 for n, ext in enumerate(("docx", "pdf", "md"))]
    [error] = data["errors"]
    assert error["path"] == str(folder / "poison.md") and "died 3 times" in error["message"]
    assert f"{folder / 'poison.md'}: the Dask worker checking this file died" in result.stderr
    client.wait_for_workers(2, timeout=120)


def test_check_many_yields_every_document_once_as_it_completes(client, estate):
    config = {"select": ["gendered-language"]}
    expected = api.check_paths([estate], config=config)
    seen = list(api.check_many([estate], config=config, client=client))
    assert sorted(item.path for item in seen) == sorted(
        [item.path for item in expected.files] + [item.path for item in expected.errors])
    by_path = {item.path: item for item in seen}
    for item in expected.files:
        assert by_path[item.path].findings == item.findings


def test_a_local_cluster_of_one_worker(tmp_path):
    document = tmp_path / "leave.md"
    document.write_text("# Leave\n\nThe chairman of the committee signs off every request.\n", encoding="utf-8")
    local = run("check", document, "--isolated", "--format", "json", "--no-cache")
    remote = run("check", document, "--isolated", "--format", "json", "--no-cache", "--scheduler", "local",
                 "--jobs", "1")
    assert local.exit_code == remote.exit_code == 1
    assert remote.stdout == local.stdout
