"""Second pass: the best monotone sequence of beads inside the band (dynamic programming).

Cell (i, j) of row i means source sentences < i and target sentences < j are aligned. Row i stores only
the band's cells [lo[i], hi[i]], so memory is linear in document length. The value of a cell is the best
sum of bead scores of a path from (0, 0); transitions are the m:n shapes of `RowScorer`, 1:0 from the row
above and 0:1 inside the row. The 0:1 chain inside a row is a running maximum (numpy, no Python loop):
D[x] = max over y <= x of C[y] + the 0:1 scores of the target sentences y .. x - 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.aligner.scoring import RowScorer

# Back-pointer codes: 0 = 1:0 from the row above, 1 = 0:1 from the left, 2 + k = shape k of the scorer.
_DELETE, _INSERT = 0, 1


@dataclass
class Row:
    """The band cells [lo[i], hi[i]] of DP row i: best path value, back-pointer code and the score of the
    bead that code stands for."""

    values: np.ndarray
    choices: np.ndarray
    gains: np.ndarray


def best_path(scorer: RowScorer, lo: np.ndarray, hi: np.ndarray, skips: tuple[np.ndarray, np.ndarray]
              ) -> list[tuple[int, int, float]]:
    """Beads as (a, b, score) from (0, 0) to (n, m) in order; a or b is 0 for null beads.

    `skips` = (score of a 1:0 bead per source sentence, score of a 0:1 bead per target sentence).
    """
    src_skip, tgt_skip = skips
    tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_skip)])  # tgt_cum[j] = sum of tgt_skip[:j]
    rows: list[Row] = []
    for i in range(len(lo)):
        js = np.arange(lo[i], hi[i] + 1)
        row = Row(np.full(len(js), -np.inf), np.full(len(js), _INSERT, dtype=np.int8), np.zeros(len(js)))
        if i == 0:
            row.values[0] = 0.0 if lo[0] == 0 else -np.inf
        else:
            _from_above(row, rows[i - 1], js - lo[i - 1], src_skip[i - 1])
            _from_beads(row, rows, scorer, i, js, lo)
        _from_left(row, js, tgt_cum, tgt_skip)
        rows.append(row)
    return _backtrack(rows, lo, hi, scorer.shapes)


def _keep_better(row: Row, candidates: np.ndarray, codes, gains) -> None:
    """Cells where a candidate beats the row's value so far take it, with its code and bead score."""
    better = candidates > row.values
    row.values[better] = candidates[better]
    row.choices[better] = codes if np.isscalar(codes) else codes[better]
    row.gains[better] = gains if np.isscalar(gains) else gains[better]


def _lookup(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """values[index] where the index falls inside the row's band, -inf elsewhere."""
    ok = (index >= 0) & (index < len(values))
    return np.where(ok, values[np.clip(index, 0, len(values) - 1)], -np.inf)


def _from_above(row: Row, above: Row, index: np.ndarray, skip: float) -> None:
    """1:0 beads: the cell (i - 1, j) plus the source sentence's skip score."""
    _keep_better(row, _lookup(above.values, index) + skip, _DELETE, skip)


def _from_beads(row: Row, rows: list[Row], scorer: RowScorer, i: int, js: np.ndarray, lo: np.ndarray) -> None:
    """m:n beads: the cell (i - a, j - b) plus the bead's score, the best shape per cell."""
    bead_scores = scorer.row(i, js)  # (S, width) for shapes[:S]
    if not len(bead_scores):
        return
    candidates = np.full(bead_scores.shape, -np.inf)
    for a in range(1, min(scorer.max_side, i) + 1):
        shapes = np.flatnonzero(scorer.shape_a[: len(bead_scores)] == a)
        index = js[None, :] - scorer.shape_b[shapes][:, None] - lo[i - a]
        candidates[shapes] = _lookup(rows[i - a].values, index)
    candidates += bead_scores
    positions = np.arange(len(js))
    top = np.argmax(candidates, axis=0)
    _keep_better(row, candidates[top, positions], (top + 2).astype(np.int8), bead_scores[top, positions])


def _from_left(row: Row, js: np.ndarray, tgt_cum: np.ndarray, tgt_skip: np.ndarray) -> None:
    """0:1 beads: D[x] = max over y <= x of C[y] + (cum[x] - cum[y]), a running maximum along the row."""
    positions = np.arange(len(js))
    cum = tgt_cum[js]
    shifted = row.values - cum
    running = np.maximum.accumulate(shifted)
    origin = np.maximum.accumulate(np.where(shifted >= running, positions, 0))
    inserted = origin < positions
    row.values = np.where(inserted, running + cum, row.values)
    row.choices[inserted] = _INSERT
    row.gains[inserted] = tgt_skip[np.maximum(js[inserted] - 1, 0)]


def _backtrack(rows: list[Row], lo: np.ndarray, hi: np.ndarray, shapes: list[tuple[int, int]]
               ) -> list[tuple[int, int, float]]:
    """The path from (n, m) back to (0, 0), as (a, b, bead score) in document order."""
    beads: list[tuple[int, int, float]] = []
    i, j = len(rows) - 1, int(hi[-1])
    while i > 0 or j > 0:
        x = j - lo[i]
        code = int(rows[i].choices[x])
        if code == _DELETE:
            a, b = 1, 0
        elif code == _INSERT:
            a, b = 0, 1
        else:
            a, b = shapes[code - 2]
        beads.append((a, b, float(rows[i].gains[x])))
        i, j = i - a, j - b
    return beads[::-1]
