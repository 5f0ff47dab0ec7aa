"""Where the DP hesitated: per bead, how much better it scored than the best other way to cut its span.

A reviewer wants to see the beads the aligner nearly cut differently. The DP only keeps the best path, so
after it, for each bead, the span from the start of the bead before it to the end of the bead after it is
aligned again by a small DP with the same scorer, the bead itself forbidden: `gap` is the chosen cut's
score minus that best alternative's (small = the aligner hesitated, e.g. between `[8]:[10] + [9]:[11, 12]`
and `[8, 9]:[10, 11, 12]`). `fit` is the bead's worst-placed sentence's best cosine inside the bead minus
its best cosine just outside (`RowScorer.fit`; negative = a sentence that would sit better next door).
A negative gap means the bead was not the DP's free choice: a pinned anchor or the null post-pass
(`nulls.py`) overruled the score; capped at 1 (a run of 0:1 beads has no other cut).
Nothing here changes a bead; `align.review.signals` turns these numbers into reasons a translator reads.
"""

from __future__ import annotations

import numpy as np

from align.aligner.nulls import Span
from align.aligner.scoring import RowScorer


def bead_hesitations(spans: list[Span], scorer: RowScorer, skip: float) -> list[dict[str, float]]:
    """{"gap", "fit"} per span, in order (`fit` 0 for a bead without counterpart)."""
    starts = _starts(spans)
    windows = [(starts[max(0, k - 1)], starts[min(len(spans), k + 2)]) for k in range(len(spans))]
    rows = _rows(scorer, windows)
    out = []
    for k, (s, t, _) in enumerate(spans):
        first, last = max(0, k - 1), min(len(spans) - 1, k + 1)
        window = windows[k]
        chosen = sum(_bead_score(rows, starts[q], starts[q + 1], scorer, skip) for q in range(first, last + 1))
        gap = chosen - _best_without(rows, window, (starts[k], starts[k + 1]), scorer, skip)
        fit = scorer.bead_fit(s[0], s[-1] + 1, t[0], t[-1] + 1) if s and t else 0.0
        out.append({"gap": round(float(min(gap, 1.0)), 4), "fit": round(float(fit), 4)})
    return out


def _starts(spans: list[Span]) -> list[tuple[int, int]]:
    """The DP cell where each span starts, and the end of the document."""
    cells, i, j = [(0, 0)], 0, 0
    for s, t, _ in spans:
        i, j = i + len(s), j + len(t)
        cells.append((i, j))
    return cells


class _Row:
    """`scorer.row(i, js)` over the target cells [first, last] that any window needs in row i."""

    def __init__(self, scorer: RowScorer, i: int, first: int, last: int) -> None:
        self.first = first
        self.scores = scorer.row(i, np.arange(first, last + 1))

    def cells(self, j0: int, j1: int) -> np.ndarray:
        return self.scores[:, j0 - self.first : j1 - self.first + 1]


def _rows(scorer: RowScorer, windows: list[tuple[tuple[int, int], tuple[int, int]]]) -> dict[int, _Row]:
    """Each DP row once, over the union of the windows' target cells in it (windows overlap)."""
    bounds: dict[int, list[int]] = {}
    for (i0, j0), (i1, j1) in windows:
        for i in range(i0 + 1, i1 + 1):
            low, high = bounds.setdefault(i, [j0, j1])
            bounds[i] = [min(low, j0), max(high, j1)]
    return {i: _Row(scorer, i, low, high) for i, (low, high) in bounds.items()}


def _bead_score(rows: dict[int, _Row], a: tuple[int, int], b: tuple[int, int], scorer: RowScorer,
                skip: float) -> float:
    """The DP's score of the bead from cell a to cell b (a null bead: `skip` per sentence)."""
    size = (b[0] - a[0], b[1] - a[1])
    if size[0] == 0 or size[1] == 0:
        return skip * (size[0] + size[1])
    return float(rows[b[0]].cells(b[1], b[1])[scorer.shape_index[size], 0])


def _best_without(rows: dict[int, _Row], window: tuple[tuple[int, int], tuple[int, int]],
                  forbidden: tuple[tuple[int, int], tuple[int, int]], scorer: RowScorer, skip: float) -> float:
    """The best path value from the window's first cell to its last, never using the forbidden bead."""
    (i0, j0), (i1, j1) = window
    width = j1 - j0 + 1
    values = np.full((i1 - i0 + 1, width), -np.inf)
    values[0, 0] = 0.0
    (fi, fj), (gi, gj) = forbidden
    null_forbidden = (gi - fi) + (gj - fj) == 1 and (gi == fi or gj == fj)
    for i in range(i0, i1 + 1):
        row = values[i - i0]
        if i > i0:
            above = values[i - i0 - 1] + skip
            if null_forbidden and gi == i and gj == fj:
                above[fj - j0] = -np.inf
            row[:] = np.maximum(row, above)
            scores = rows[i].cells(j0, j1)
            for k, (a, b) in enumerate(scorer.shapes[: len(scores)]):
                if a > i - i0 or b >= width:
                    continue
                candidates = values[i - i0 - a, : width - b] + scores[k, b:]
                if (fi, gi) == (i - a, i) and gj - fj == b:  # the forbidden bead ends at (i, gj)
                    candidates[gj - b - j0] = -np.inf
                row[b:] = np.maximum(row[b:], candidates)
        for j in range(1, width):  # 0:1 beads, left to right
            if null_forbidden and fi == gi == i and fj == j0 + j - 1:
                continue
            row[j] = max(row[j], row[j - 1] + skip)
    return float(values[-1, -1])
