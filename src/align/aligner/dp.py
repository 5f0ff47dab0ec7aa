"""Second pass: the best monotone sequence of beads inside the band (dynamic programming).

Cell (i, j) of row i means source sentences < i and target sentences < j are aligned. Row i stores only
the band's cells [lo[i], hi[i]], so memory is linear in document length. The value of a cell is the best
sum of bead scores of a path from (0, 0); transitions are the m:n shapes of `RowScorer`, 1:0 from the row
above and 0:1 inside the row. The 0:1 chain inside a row is a running maximum (numpy, no Python loop):
D[x] = max over y <= x of C[y] + the 0:1 scores of the target sentences y .. x - 1.
"""

from __future__ import annotations

import numpy as np

from align.aligner.scoring import RowScorer

# Back-pointer codes: 0 = 1:0 from the row above, 1 = 0:1 from the left, 2 + k = shape k of the scorer.
_DELETE, _INSERT = 0, 1


def best_path(scorer: RowScorer, lo: np.ndarray, hi: np.ndarray, skips: tuple[np.ndarray, np.ndarray]
              ) -> list[tuple[int, int, float]]:
    """Beads as (a, b, score) from (0, 0) to (n, m) in order; a or b is 0 for null beads.

    `skips` = (score of a 1:0 bead per source sentence, score of a 0:1 bead per target sentence).
    """
    src_skip, tgt_skip = skips
    # cumulative 0:1 score along a row: tgt_cum[j] = sum of tgt_skip[:j]
    tgt_cum = np.concatenate([[0.0], np.cumsum(tgt_skip)])
    n = len(lo) - 1
    values: list[np.ndarray] = []
    choices: list[np.ndarray] = []
    gains: list[np.ndarray] = []
    shapes = scorer.shapes
    for i in range(n + 1):
        js = np.arange(lo[i], hi[i] + 1)
        width = len(js)
        positions = np.arange(width)
        best = np.full(width, -np.inf)
        choice = np.full(width, _INSERT, dtype=np.int8)
        gain = np.zeros(width)
        if i == 0:
            best[0] = 0.0 if lo[0] == 0 else -np.inf
        else:
            previous = values[i - 1]
            idx = js - lo[i - 1]
            ok = (idx >= 0) & (idx < len(previous))
            cand = np.where(ok, previous[np.clip(idx, 0, len(previous) - 1)], -np.inf) + src_skip[i - 1]
            better = cand > best
            best[better], choice[better], gain[better] = cand[better], _DELETE, src_skip[i - 1]
            row_scores = scorer.row(i, js)  # (S, width) for shapes[:S]
            if len(row_scores):
                candidates = np.full(row_scores.shape, -np.inf)
                for a in range(1, min(scorer.A, i) + 1):
                    rows = np.flatnonzero(scorer.shape_a[: len(row_scores)] == a)
                    prev = values[i - a]
                    idx = js[None, :] - scorer.shape_b[rows][:, None] - lo[i - a]
                    ok = (idx >= 0) & (idx < len(prev))
                    candidates[rows] = np.where(ok, prev[np.clip(idx, 0, len(prev) - 1)], -np.inf)
                candidates += row_scores
                top = np.argmax(candidates, axis=0)
                cand = candidates[top, positions]
                better = cand > best
                best[better], choice[better] = cand[better], (top[better] + 2).astype(np.int8)
                gain[better] = row_scores[top[better], positions[better]]
        # 0:1 beads: D[x] = max over y <= x of C[y] + (cum[x] - cum[y]), a running maximum along the row.
        cum = tgt_cum[js]
        shifted = best - cum
        running = np.maximum.accumulate(shifted)
        from_left = running + cum
        origin = np.maximum.accumulate(np.where(shifted >= running, positions, 0))
        inserted = origin < positions
        best = np.where(inserted, from_left, best)
        choice[inserted] = _INSERT
        gain[inserted] = tgt_skip[np.maximum(js[inserted] - 1, 0)]
        values.append(best)
        choices.append(choice)
        gains.append(gain)
    # Back-track from (n, m).
    beads: list[tuple[int, int, float]] = []
    i, j = n, int(hi[n])
    while i > 0 or j > 0:
        x = j - lo[i]
        code = int(choices[i][x])
        g = float(gains[i][x])
        if code == _DELETE:
            a, b = 1, 0
        elif code == _INSERT:
            a, b = 0, 1
        else:
            a, b = shapes[code - 2]
        beads.append((a, b, g))
        i, j = i - a, j - b
    return beads[::-1]
