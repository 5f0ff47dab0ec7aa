"""Progress of the long steps of a build: a bar on a terminal, plain lines elsewhere (CI logs, pipes),
so that a minute of embedding or aligning never looks like a hang."""

from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")
#: Without a terminal: a line at most this often (seconds), and always at the end.
LINE_EVERY_S = 10.0


def progress(items: Iterable[T], total: int, desc: str, enabled: bool, stream=None) -> Iterator[T]:
    """Yield `items`, reporting progress on `stream` (default stderr) unless `enabled` is False."""
    stream = stream or sys.stderr
    if not enabled or total == 0:
        yield from items
        return
    if stream.isatty():
        from tqdm import tqdm

        yield from tqdm(items, total=total, desc=desc, unit="doc", leave=False, file=stream)
        return
    yield from _lines(items, total, desc, stream)


def _lines(items: Iterable[T], total: int, desc: str, stream) -> Iterator[T]:
    start = last = time.monotonic()
    print(f"align: {desc}: 0/{total}", file=stream, flush=True)
    done = 0
    for item in items:
        yield item
        done += 1
        now = time.monotonic()
        if done == total or now - last >= LINE_EVERY_S:
            last = now
            print(f"align: {desc}: {done}/{total} ({now - start:.0f} s)", file=stream, flush=True)
