"""`align build --scheduler` on a real Dask cluster (a scheduler and worker processes on 127.0.0.1):
the same bytes as the local build, one encoder per worker, a lost worker's tasks done elsewhere, an
unreachable scheduler refused in one line."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time

import pytest
from click.testing import CliRunner

from conftest import CORPUS

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow
from align.corpus.local_cluster import local_cluster  # noqa: E402

NAMES = ["oic-gs-2023-12-12-supreme-court-verdict-jk.txt", "un-news-2019-02-19-sg-india-pakistan-pulwama.txt",
         "un-news-2019-10-29-ohchr-indian-administered-kashmir.txt", "una-2023-09-20-oic-contact-group-jk-new-york.txt"]
UNPAIRED = {"fr": ["oic-cg-jk-2023-03-16-nouakchott-communique.txt"],
            "en": ["dnd-2021-09-23-oic-cg-jk-joint-communique.txt", "oic-gs-2023-10-27-jk-76-years.txt"]}
OUTPUTS = ("corpus.tmx", "corpus.tsv", "corpus-report.json", "corpus-report.html")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("docs")
    for side in ("fr", "en"):
        (root / side).mkdir()
        for name in NAMES + UNPAIRED[side]:
            (root / side / name).write_bytes((CORPUS / side / name).read_bytes())
    return root / "fr", root / "en"


@pytest.fixture(scope="module")
def local_build(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    result = _cli(*corpus, "-o", out, "--jobs", "1", env={"ALIGN_CACHE_DIR": str(tmp_path_factory.mktemp("c"))})
    assert result.exit_code == 0, result.output
    return out


def _cli(*args, env=None):
    from align.cli import cli

    return CliRunner().invoke(cli, ["build", *map(str, args), "--date", "2024-01-01", "--quiet"], env=env)


def _same_outputs(first, second):
    for name in OUTPUTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_a_dask_build_is_byte_identical_and_loads_one_encoder_per_worker(corpus, local_build, tmp_path):
    from align.corpus.build import BuildOptions, build_corpus

    with local_cluster(tmp_path / "cluster", workers=2) as cluster:
        out = tmp_path / "tm"
        result = build_corpus(*corpus, out, BuildOptions(scheduler=cluster.address, date="2024-01-01",
                                                         progress=False))
        assert result.aligned == result.pairs == len(NAMES)
        assert set(result.workers.values()) == {1}  # each worker process loaded the encoder once
        assert os.getpid() not in result.workers
        _same_outputs(local_build, out)
        caches = [p for p in (tmp_path / "cluster").glob("cache-*/*.sqlite3")]
        assert caches, "the workers did not use their embedding caches"
        # each worker process took its share of the cores for the model: two single-threaded workers here
        from align.corpus import tasks
        from align.threads import usable_cores

        with cluster.client() as client:
            limits = client.run(lambda: (tasks.SHARE["threads"], os.environ.get("OMP_NUM_THREADS")))
        share = max(1, usable_cores() // 2)
        assert sorted(limits.values()) == [(share, str(share))] * 2


def test_a_lost_worker_is_replaced_and_the_build_completes(corpus, local_build, tmp_path):
    from align.corpus.build import BuildOptions, build_corpus

    with local_cluster(tmp_path / "cluster", workers=2) as cluster:
        outcome = {}

        def run():
            try:
                outcome["result"] = build_corpus(*corpus, tmp_path / "tm", BuildOptions(
                    scheduler=cluster.address, date="2024-01-01", progress=False, mine=True))
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                outcome["error"] = error

        thread = threading.Thread(target=run)
        thread.start()
        killed = _kill_a_busy_worker(cluster, timeout=240)
        thread.join(timeout=600)
        assert not thread.is_alive() and "error" not in outcome, outcome.get("error")
        assert killed.poll() is not None  # the worker is gone for good (no nanny to restart it)
        assert outcome["result"].pairs == len(NAMES)
        _same_outputs(local_build, tmp_path / "tm")


def _kill_a_busy_worker(cluster, timeout: float):
    """SIGKILL the first worker seen running a task (as if its machine went away); return its process."""
    deadline = time.monotonic() + timeout
    with cluster.client() as client:
        while time.monotonic() < deadline:
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                name = client.scheduler_info()["workers"][busy[0]]["name"]  # "w0", "w1"
                process = cluster.workers[int(str(name)[1:])]
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
                return process
            time.sleep(0.02)
    raise AssertionError("no worker was seen running a task")


def test_an_unreachable_scheduler_is_one_line_and_exit_2(corpus, tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    result = _cli(*corpus, "-o", tmp_path / "tm", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("align: error: cannot reach the Dask scheduler"), lines
    assert time.monotonic() - started < 60
    assert not any((tmp_path / "tm" / name).exists() for name in OUTPUTS)
