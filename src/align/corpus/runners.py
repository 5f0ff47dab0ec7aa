"""Where the tasks of a build run: in this process, in a local process pool (`--jobs`), or on a Dask
cluster (`--scheduler tcp://host:8786`). All three take the same task functions (`tasks.py`) with the
same plain arguments and yield `(number, result)` as tasks finish; the build writes each part file as
its result arrives and orders everything itself, so the outputs do not depend on the runner.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterator

from align.corpus.tasks import WorkerSettings, init_process
from align.errors import AlignError, ConfigError

#: Seconds to wait for the Dask scheduler to answer before saying it cannot be reached.
CONNECT_TIMEOUT_S = 10


class SchedulerError(AlignError):
    """The Dask scheduler cannot be reached or the cluster failed the build."""


class LocalRunner:
    """Tasks in a pool of `jobs` processes on this machine, or inline when one process is enough (jobs
    == 1, or a single task: a re-run that has one new pair to align does not start a pool)."""

    def __init__(self, jobs: int, settings: WorkerSettings):
        self.jobs, self.settings, self.pool = jobs, settings, None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.pool:
            self.pool.shutdown(cancel_futures=True)

    def run(self, function: Callable, arguments: list[tuple]) -> Iterator[tuple[int, object]]:
        if self.jobs == 1 or len(arguments) <= 1:
            for number, args in enumerate(arguments):
                yield number, function(self.settings, *args)
            return
        if self.pool is None:
            # "spawn", not fork: the parent may already run threads (faiss/OpenMP, torch, tqdm) and a
            # forked child can inherit a held lock and hang.
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=init_process, initargs=(self.settings,))
        futures = {self.pool.submit(function, self.settings, *args): n for n, args in enumerate(arguments)}
        for future in as_completed(futures):
            yield futures[future], future.result()


class DaskRunner:
    """Tasks on the Dask cluster whose scheduler is at `address`.

    Workers need align installed and the input folders at the same paths (shared storage); results come
    back to this process, which writes the part files, so the output folder need not be shared. Each
    worker process loads the encoder once (`tasks.encoder_for`). Dask reschedules the tasks of a lost
    worker on the others by itself; `retries` covers a task that raised on a sick worker.
    """

    def __init__(self, address: str, settings: WorkerSettings, retries: int = 2):
        self.address, self.settings, self.retries, self.client = address, settings, retries, None

    def __enter__(self):
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("--scheduler needs Dask: pip install 'align[dask]'") from None
        try:
            self.client = Client(self.address, timeout=f"{CONNECT_TIMEOUT_S}s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise SchedulerError(f"cannot reach the Dask scheduler at {self.address}: {reason}") from None
        if not self.settings.threads:
            share_cores(self.client)
        return self

    def __exit__(self, *exc):
        if self.client is not None:
            self.client.close()

    def run(self, function: Callable, arguments: list[tuple]) -> Iterator[tuple[int, object]]:
        from distributed import as_completed as dask_completed

        futures = [self.client.submit(function, self.settings, *args, pure=False, retries=self.retries)
                   for args in arguments]
        numbers = {future.key: n for n, future in enumerate(futures)}
        try:
            for future in dask_completed(futures, loop=self.client.loop):
                yield numbers[future.key], future.result()
        except AlignError:
            raise
        except Exception as error:  # noqa: BLE001 - KilledWorker, CancelledError, a worker's exception
            raise SchedulerError(f"the Dask cluster at {self.address} failed a task: "
                                 f"{type(error).__name__}: {error}") from None
        finally:
            for future in futures:
                future.release()


def share_cores(client) -> dict[str, int]:
    """Give each Dask worker process its share of its machine's cores for the model and BLAS, and return
    the shares. Without it every worker process starts one thread per core for the model: two workers on
    one machine would run twice as many threads as cores and slow each other down (as local `--jobs`
    did before its per-process cap). A worker's share: the machine's cores divided by the task threads
    of all its worker processes (`dask worker --nworkers 2 --nthreads 1` on 16 cores: 8 each), since each
    task thread embeds on its own. Workers that join after the build started keep their defaults."""
    from collections import Counter

    from align.corpus.tasks import set_share
    from align.threads import usable_cores

    workers = client.scheduler_info()["workers"]
    cores = client.run(usable_cores)
    task_threads = Counter()
    for address, worker in workers.items():
        task_threads[worker["host"]] += worker["nthreads"]
    shares = {address: max(1, cores[address] // task_threads[worker["host"]])
              for address, worker in workers.items() if address in cores}
    return client.run(set_share, shares, workers=list(shares))  # not a worker that joined meanwhile


def make_runner(jobs: int, settings: WorkerSettings, scheduler: str | None):
    return DaskRunner(scheduler, settings) if scheduler else LocalRunner(jobs, settings)
