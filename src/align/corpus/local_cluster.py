"""A throwaway Dask cluster on this machine (127.0.0.1), for the tests and benchmarks of
`align build --scheduler`: `dask scheduler` and `dask worker` as separate processes (each in its own
session, so that a worker can be killed like a lost machine), on free ports, with bounded waits, always
torn down. Workers import align from the same source tree as this process."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

#: The folder holding the `align` package, put on the workers' PYTHONPATH.
SOURCE = Path(__file__).resolve().parents[2]


@dataclass
class Cluster:
    address: str
    folder: Path
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)

    def client(self):
        from distributed import Client

        return Client(self.address, timeout="20s", set_as_default=False)


def _dask(*args: str) -> list[str]:
    return [sys.executable, "-m", "distributed.cli.dask_" + args[0], *args[1:]]


def _spawn(command: list[str], log: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen(command, stdout=open(log, "wb"), stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the Dask cluster did not come up: {what}")
        time.sleep(0.1)


@contextlib.contextmanager
def local_cluster(folder: Path, workers: int = 2, *, nanny: bool = False, worker_env: dict | None = None,
                  timeout: float = 90):
    """Start a scheduler and `workers` single-threaded worker processes; yield the `Cluster`.

    Each worker gets its own embedding cache folder (`folder/cache-N`) unless `worker_env` says otherwise.
    """
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(SOURCE)}  # no thread limits: the build sets them (`share_cores`)
    scheduler_file = folder / "scheduler.json"
    scheduler = _spawn(_dask("scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address",
                             "127.0.0.1:0", "--scheduler-file", str(scheduler_file)), folder / "scheduler.log", env)
    cluster = Cluster("", folder, scheduler)
    try:
        _wait(lambda: scheduler_file.exists() and scheduler_file.stat().st_size > 0, timeout, "scheduler file")
        _wait(lambda: _address(scheduler_file), timeout, "scheduler address")
        cluster.address = _address(scheduler_file)
        for number in range(workers):
            start_worker(cluster, number, nanny=nanny, env={**env, "ALIGN_CACHE_DIR": str(folder / f"cache-{number}"),
                                                            **(worker_env or {})})
        with cluster.client() as client:
            client.wait_for_workers(workers, timeout=timeout)
        yield cluster
    finally:
        for process in [*cluster.workers, scheduler]:
            stop(process)


def start_worker(cluster: Cluster, number: int, *, nanny: bool, env: dict) -> subprocess.Popen:
    command = _dask("worker", cluster.address, "--nthreads", "1", "--nworkers", "1", "--memory-limit", "0",
                    "--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0", "--name", f"w{number}",
                    "--local-directory", str(cluster.folder / f"dask-{number}"))
    if not nanny:
        command.append("--no-nanny")
    process = _spawn(command, cluster.folder / f"worker-{number}.log", env)
    cluster.workers.append(process)
    return process


def _address(scheduler_file: Path) -> str:
    try:
        return json.loads(scheduler_file.read_text(encoding="utf-8")).get("address", "")
    except (OSError, json.JSONDecodeError):
        return ""


def stop(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM the process's session, then SIGKILL it if it is still there after `grace` seconds."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=grace)
