"""First pass: reliable 1:1 anchors from nearest neighbours, and the search band they define.

Each source sentence's `top_k` nearest target sentences come from a FAISS inner-product index (vectors are
L2-normalised, so inner product = cosine), searched among the targets near where the sentence's match is
expected (`guide_line`, `align.knn.knn_near`: linear cost; a whole search when one side has at most
2 x `KNN_REACH` sentences). Candidates are scored by margin (Artetxe & Schwenk 2019): the cosine
minus the mean cosine of each sentence with its `k` nearest neighbours on the other side, which discounts
"hub" sentences close to everything. The best monotone chain of positive-margin candidates
(strictly increasing on both sides) gives the anchors; the second pass searches a band around the
piecewise-linear path through them, so memory and time grow linearly with document length.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.aligner.params import GUIDE_SAMPLES, KNN_BLOCK
from align.knn import knn, knn_mean


def monotone_chain(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray) -> list[tuple[int, int]]:
    """The maximum-weight chain of candidates strictly increasing in both row and column.

    A Fenwick tree over columns holds the best chain ending before each column; rows are processed in
    groups so that two candidates of the same row never chain. O(C log C) for C candidates.
    """
    order = np.lexsort((cols, rows))
    rows, cols, weights = rows[order], cols[order], weights[order]
    size = int(cols.max()) + 2 if len(cols) else 1
    tree_best = np.full(size + 1, 0.0)
    tree_arg = np.full(size + 1, -1, dtype=np.int64)
    best = np.zeros(len(rows))
    back = np.full(len(rows), -1, dtype=np.int64)

    def query(col: int) -> tuple[float, int]:  # best chain ending at a column < col
        value, arg, pos = 0.0, -1, col
        while pos > 0:
            if tree_best[pos] > value:
                value, arg = tree_best[pos], tree_arg[pos]
            pos -= pos & -pos
        return value, arg

    def update(col: int, value: float, arg: int) -> None:
        pos = col + 1
        while pos <= size:
            if value > tree_best[pos]:
                tree_best[pos], tree_arg[pos] = value, arg
            pos += pos & -pos

    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end] == rows[start]:
            end += 1
        for c in range(start, end):
            value, arg = query(int(cols[c]))
            best[c], back[c] = value + weights[c], arg
        for c in range(start, end):
            update(int(cols[c]), best[c], c)
        start = end
    if not len(rows):
        return []
    chain, c = [], int(np.argmax(best))
    while c >= 0:
        chain.append((int(rows[c]), int(cols[c])))
        c = int(back[c])
    return chain[::-1]


@dataclass
class Anchors:
    """The first pass's result: monotone 1:1 anchors (source index, target index) with positive margin,
    each anchor's strength (its margin when the two sentences are each other's nearest neighbour, else
    NaN; see `pin_strong_anchors`), and the document's typical cosine between a sentence and its
    `margin_k` nearest sentences of the other side (the median over both sides' hubness)."""

    pairs: list[tuple[int, int]]
    strengths: np.ndarray
    baseline: float


def guide_line(src: np.ndarray, tgt: np.ndarray, reach: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Where each source sentence's match is expected among the targets, and each target's among the
    sources: the centres of the windows `knn_near` searches.

    Why: comparing every pair of sentences costs n x m. For long documents, `GUIDE_SAMPLES` evenly spaced
    source sentences are searched against the whole target (linear in m); the best monotone chain of their
    nearest targets, weighted by cosine, is the documents' coarse path, so an inserted or missing chapter
    moves the windows with it. None when the shorter side has at most 2 `reach` sentences: searching it
    whole costs at most 2 reach x the longer side, as linear as the windows, and loses nothing.
    """
    n, m = len(src), len(tgt)
    if min(n, m) <= 2 * reach:
        return None
    rows = np.unique(np.linspace(0, n - 1, min(n, GUIDE_SAMPLES)).astype(np.int64))
    sims, ids = knn(src[rows], tgt, 1, approximate=False)
    chain = monotone_chain(rows, ids[:, 0], sims[:, 0]) or [(0, 0), (n - 1, m - 1)]
    # Strictly increasing on both sides, so both interpolations are defined; beyond the chain's ends the
    # centre stays at its first or last point (the windows' reach covers the rest).
    xs = np.array([s for s, _ in chain], dtype=np.float64)
    ys = np.array([t for _, t in chain], dtype=np.float64)
    return np.interp(np.arange(n), xs, ys), np.interp(np.arange(m), ys, xs)


def find_anchors(src: np.ndarray, tgt: np.ndarray, top_k: int, margin_k: int, reach: int) -> Anchors:
    """Anchors of two non-empty documents from each side's nearest neighbours within `reach` sentences of
    the guide line (see the module docstring)."""
    src_centres, tgt_centres = guide_line(src, tgt, reach) or (None, None)
    _, sims, ids = knn_mean(src, tgt, max(top_k, margin_k), src_centres, reach, KNN_BLOCK)
    src_hub = sims[:, :margin_k].mean(axis=1)
    tgt_hub, _, tgt_ids = knn_mean(tgt, src, margin_k, tgt_centres, reach, KNN_BLOCK)
    src_top, tgt_top = ids[:, 0], tgt_ids[:, 0]
    sims, ids = sims[:, :top_k], ids[:, :top_k]
    rows = np.repeat(np.arange(len(src)), ids.shape[1])
    cols = ids.ravel()
    margins = sims.ravel() - (src_hub[rows] + tgt_hub[cols]) / 2
    keep = (margins > 0) & (cols >= 0)
    chain = monotone_chain(rows[keep], cols[keep], margins[keep])
    margin_of = dict(zip(zip(rows[keep].tolist(), cols[keep].tolist()), margins[keep].tolist()))
    strengths = np.array([margin_of[(s, t)] if src_top[s] == t and tgt_top[t] == s else np.nan
                          for s, t in chain])
    return Anchors(chain, strengths, float(np.median(np.concatenate([src_hub, tgt_hub]))))


def band_from_anchors(anchors: list[tuple[int, int]], n_src: int, n_tgt: int, window: int,
                      max_gap: int = 256, depth: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """For each DP row i in 0..n_src, the inclusive target range [lo[i], hi[i]] the second pass searches.

    DP cell (i, j) means "source sentences < i and target sentences < j are aligned"; anchor (s, t) puts
    the path through cell (s + 0.5, t + 0.5). Between two consecutive anchors any monotone path is
    possible (a block of untranslated lines makes the true path run flat, far from the straight line), so
    the rows between them search the whole rectangle the anchors span, plus `window` either side. A
    rectangle is searched only when it is thin: at most `max_gap` target sentences wide, and its area
    (ds x dt) at most `depth` times its half-perimeter (ds + dt). Other gaps, where the rectangle would
    make the cost grow faster than the document (poor anchors: comparable rather than parallel texts,
    heavy reordering, an encoder that does not know the languages), search `window` around the straight
    line instead. So the band holds at most about (2 window + depth + 4) cells per row plus (depth + 4)
    per target sentence, whatever the anchors: time and memory stay linear. Rows are widened so
    consecutive rows overlap, so a path from (0, 0) to (n_src, n_tgt) always exists.
    """
    points = [(0, 0)] + [(s, t) for s, t in anchors] + [(n_src, n_tgt)]
    xs = np.array([p[0] for p in points], dtype=np.float64)
    ys = np.array([p[1] for p in points], dtype=np.float64)
    rows = np.arange(n_src + 1, dtype=np.float64)
    centre = np.interp(rows, xs + 0.5 * (xs > 0) * (xs < n_src), ys + 0.5 * (ys > 0) * (ys < n_tgt))
    previous = np.concatenate([[0.0], centre[:-1]])
    following = np.concatenate([centre[1:], [float(n_tgt)]])
    lo = np.floor(np.minimum(centre, previous)) - window
    hi = np.ceil(np.maximum(centre, following)) + window
    for (s1, t1), (s2, t2) in zip(points[:-1], points[1:]):
        if t2 - t1 <= max_gap and (s2 - s1) * (t2 - t1) <= depth * (s2 - s1 + t2 - t1):
            lo[s1 + 1 : s2 + 1] = np.minimum(lo[s1 + 1 : s2 + 1], t1 - window)
            hi[s1 : s2 + 1] = np.maximum(hi[s1 : s2 + 1], t2 + 1 + window)
    lo = np.clip(lo, 0, n_tgt).astype(np.int64)
    hi = np.clip(hi, 0, n_tgt).astype(np.int64)
    lo[0], hi[-1] = 0, n_tgt
    lo = np.maximum.accumulate(lo)
    hi = np.maximum.accumulate(hi)
    # Consecutive rows must overlap so a 1:0 bead can always step down.
    hi[:-1] = np.maximum(hi[:-1], lo[1:])
    return lo, hi


def pin_strong_anchors(anchors: list[tuple[int, int]], strengths: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                       min_margin: float) -> tuple[np.ndarray, np.ndarray]:
    """Narrow the band so that each strong anchor's two sentences end up in the same bead.

    Why: the second pass scores a bead by the cosine of combined vectors, which barely drops when short
    unrelated lines (page chrome, datelines, a lede) are added, while leaving each of them unaligned costs
    `skip`. Without a pin the DP shifts a whole stretch by one sentence to absorb them (seen on web copies of
    UN News stories). A mutual nearest-neighbour pair with a clear margin is almost never wrong, so it is
    kept: for anchor (s, t), rows <= s may not pass target t (hi <= t) and rows > s must have passed it
    (lo >= t + 1). `strengths[k]` is anchor k's margin when it is a mutual best pair, else NaN. Applied as
    a suffix minimum and a prefix maximum over all pins at once: linear in the document's length.
    """
    strong = [(s, t) for (s, t), strength in zip(anchors, strengths) if strength >= min_margin]  # NaN: False
    if not strong:
        return lo.copy(), hi.copy()
    rows = len(lo)
    ceiling = np.full(rows, np.iinfo(np.int64).max)  # ceiling[i]: smallest t of a strong anchor with s >= i
    floor = np.full(rows, np.iinfo(np.int64).min)  # floor[i]: largest t + 1 of a strong anchor with s < i
    for s, t in strong:
        ceiling[s] = min(ceiling[s], t)
        if s + 1 < rows:
            floor[s + 1] = max(floor[s + 1], t + 1)
    ceiling = np.minimum.accumulate(ceiling[::-1])[::-1]
    floor = np.maximum.accumulate(floor)
    hi = np.minimum(hi, ceiling)
    lo = np.maximum(lo, floor)
    return np.minimum(lo, hi), hi
