"""Progress of long steps (embedding, aligning a corpus): a bar on a terminal, plain lines elsewhere (CI
logs, pipes), so that a minute of work never looks like a hang and a log never fills with bar redraws."""

from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")
#: Without a terminal: a line at most this often (seconds), and always at the end.
LINE_EVERY_S = 10.0


def is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class Progress:
    """Counts work done towards `total`, shown on `stream` (default stderr): a tqdm bar on a terminal,
    else `align: DESC: DONE/TOTAL (S s)` lines at most every `LINE_EVERY_S` seconds. A context manager."""

    def __init__(self, total: int, desc: str, unit: str, stream=None):
        self.stream = stream or sys.stderr
        self.total, self.desc, self.done = total, desc, 0
        self.bar = None
        if is_terminal(self.stream):
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit=unit, leave=False, file=self.stream, dynamic_ncols=True)
        else:
            self.start = self.last = time.monotonic()
            self._line()

    def _line(self) -> None:
        elapsed = f" ({time.monotonic() - self.start:.0f} s)" if self.done else ""
        print(f"align: {self.desc}: {self.done}/{self.total}{elapsed}", file=self.stream, flush=True)

    def update(self, count: int = 1) -> None:
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
            return
        now = time.monotonic()
        if self.done >= self.total or now - self.last >= LINE_EVERY_S:
            self.last = now
            self._line()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def progress(items: Iterable[T], total: int, desc: str, enabled: bool, stream=None, unit: str = "doc"
             ) -> Iterator[T]:
    """Yield `items`, counting them on a `Progress` unless `enabled` is False or there are none."""
    if not enabled or total == 0:
        yield from items
        return
    with Progress(total, desc, unit, stream) as shown:
        for item in items:
            yield item
            shown.update()
