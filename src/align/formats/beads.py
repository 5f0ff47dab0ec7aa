"""The `.beads` format of Vecalign/Bertalign gold files: one bead per line, `[0, 1]:[2]`.

0-based segment indices of the source and the target; `[3]:[]` is a source segment without counterpart.
We write an optional third field, a tab then the bead's score, only when asked (`with_scores=True`);
readers of the plain format (Vecalign's `score.py`) expect two fields, so it is off by default.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable

from align.errors import InputError
from align.fileio import atomic_write, read_utf8_text
from align.model import Bead

_BEAD = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?:\t\s*([-+0-9.eE]+))?\s*$")


def _indices(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.replace(",", " ").split())


def parse_bead(line: str) -> Bead:
    """Parse one `[i, ...]:[j, ...]` line (optionally followed by a tab and a score)."""
    match = _BEAD.match(line)
    if not match:
        raise ValueError(f"not a bead: {line.strip()[:60]!r}")
    score = float(match.group(3)) if match.group(3) else 0.0
    return Bead(_indices(match.group(1)), _indices(match.group(2)), score)


def read_beads(path: str | os.PathLike) -> list[Bead]:
    """Read a `.beads` file; blank lines are skipped. Raises InputError naming the file and line."""
    path = Path(path)
    text = read_utf8_text(path)
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            beads.append(parse_bead(line))
        except ValueError as error:
            raise InputError(f"{path}:{number}: {error} (expected `[0, 1]:[2]`)") from None
    return beads


def format_beads(beads: Iterable[Bead], with_scores: bool = False) -> str:
    lines = [b.to_text() + (f"\t{b.score:.4f}" if with_scores else "") for b in beads]
    return "".join(line + "\n" for line in lines)


def write_beads(path: str | os.PathLike, beads: Iterable[Bead], with_scores: bool = False) -> None:
    """Write beads atomically, one per line."""
    with atomic_write(path) as handle:
        handle.write(format_beads(beads, with_scores))
