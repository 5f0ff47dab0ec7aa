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
    starts = [_start(spans, k) for k in range(len(spans) + 1)]
    out = []
    for k, (s, t, _) in enumerate(spans):
        first, last = max(0, k - 1), min(len(spans) - 1, k + 1)
        window = (starts[first], starts[last + 1])
        chosen = [(starts[q], starts[q + 1]) for q in range(first, last + 1)]
        forbidden = (starts[k], starts[k + 1])
        rows = _window_rows(scorer, *window)
        chosen_score = sum(_bead_score(rows, window[0], a, b, scorer, skip) for a, b in chosen)
        gap = chosen_score - _best_without(rows, window, forbidden, scorer, skip)
        fit = scorer.bead_fit(s[0], s[-1] + 1, t[0], t[-1] + 1) if s and t else 0.0
        out.append({"gap": round(float(min(gap, 1.0)), 4), "fit": round(float(fit), 4)})
    return out


def _start(spans: list[Span], k: int) -> tuple[int, int]:
    """The DP cell where span k starts (k = len(spans): the end of the document)."""
    i = sum(len(s) for s, _, _ in spans[:k])
    j = sum(len(t) for _, t, _ in spans[:k])
    return i, j


def _window_rows(scorer: RowScorer, start: tuple[int, int], end: tuple[int, int]) -> dict[int, np.ndarray]:
    """scorer.row(i, js) for every row of the window, js the window's target cells."""
    js = np.arange(start[1], end[1] + 1)
    return {i: scorer.row(i, js) for i in range(start[0] + 1, end[0] + 1)}


def _bead_score(rows: dict[int, np.ndarray], origin: tuple[int, int], a: tuple[int, int], b: tuple[int, int],
                scorer: RowScorer, skip: float) -> float:
    """The DP's score of the bead from cell a to cell b (a null bead: `skip` per sentence)."""
    size = (b[0] - a[0], b[1] - a[1])
    if size[0] == 0 or size[1] == 0:
        return skip * (size[0] + size[1])
    return float(rows[b[0]][scorer.shape_index[size], b[1] - origin[1]])


def _best_without(rows: dict[int, np.ndarray], window: tuple[tuple[int, int], tuple[int, int]],
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
            scores = rows[i]
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
