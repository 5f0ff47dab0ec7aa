"""Bead scores from sentence vectors, without embedding any concatenation of sentences.

A run of consecutive sentences is represented by the sum of its sentence vectors weighted by the square
root of their length in characters, re-normalised: longer sentences carry more of a run's meaning, and
e5-style mean-pooled encoders give a concatenation a vector close to this sum. Every m:n bead is then a
dot product of two precomputed run vectors, so each sentence is embedded exactly once.

`RowScorer.row(i, js)` returns, for DP row i (source sentences < i aligned) and target cells js, the score
of every bead shape (a source, b target sentences) ending there, all shapes at once with a few matrix
products. The components (see `AlignParams`): cosine, neighbour margin (Bertalign), length agreement,
number/name agreement.
"""

from __future__ import annotations

import numpy as np

from align.aligner.params import AlignParams


def run_vectors(vectors: np.ndarray, weights: np.ndarray, max_run: int) -> np.ndarray:
    """(max_run, n + 1, dim): entry [r - 1, i] is the normalised weighted sum of sentences i - r .. i - 1."""
    n, dim = vectors.shape
    weighted = vectors * weights[:, None]
    runs = np.zeros((max_run, n + 1, dim), dtype=np.float32)
    total = np.zeros((n + 1, dim), dtype=np.float32)
    for r in range(1, max_run + 1):
        if r > n:
            break
        # total[i] = sum of weighted[i - r .. i - 1] for i >= r
        total = np.zeros((n + 1, dim), dtype=np.float32)
        for k in range(r):
            total[r:] += weighted[r - 1 - k : n - k]
        norms = np.linalg.norm(total, axis=1, keepdims=True)
        runs[r - 1] = total / np.maximum(norms, 1e-12)
    return runs


def run_sums(values: np.ndarray, max_run: int) -> np.ndarray:
    """(max_run, n + 1): entry [r - 1, i] is the sum of values[i - r .. i - 1] (0 where i < r)."""
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    out = np.zeros((max_run, len(values) + 1))
    for r in range(1, max_run + 1):
        out[r - 1, r:] = cumulative[r:] - cumulative[:-r]
    return out


def run_masks(masks: np.ndarray, max_run: int) -> np.ndarray:
    """(max_run, n + 1) uint64: the OR of the token masks of sentences i - r .. i - 1."""
    n = len(masks)
    out = np.zeros((max_run, n + 1), dtype=np.uint64)
    for r in range(1, max_run + 1):
        acc = np.zeros(n + 1, dtype=np.uint64)
        for k in range(r):
            if r <= n:
                acc[r:] |= masks[r - 1 - k : n - k]
        out[r - 1] = acc
    return out


def bead_shapes(params: AlignParams) -> list[tuple[int, int]]:
    """The m:n shapes with both sides non-empty that the DP considers."""
    return [(a, b) for a in range(1, params.max_side + 1) for b in range(1, params.max_side + 1)
            if a + b <= params.max_bead]


class RowScorer:
    """Precomputed run vectors, lengths and token masks; scores all bead shapes of one DP row at once."""

    def __init__(self, src: np.ndarray, tgt: np.ndarray, src_len: np.ndarray, tgt_len: np.ndarray,
                 src_masks: np.ndarray, tgt_masks: np.ndarray, params: AlignParams,
                 src_hub: np.ndarray | None = None, tgt_hub: np.ndarray | None = None):
        self.params = params
        self.shapes = bead_shapes(params)
        self.n, self.m = len(src), len(tgt)
        self.A = self.B = params.max_side
        if params.run_weighting == "sqrt-chars":
            ws, wt = np.sqrt(src_len), np.sqrt(tgt_len)
        elif params.run_weighting == "chars":
            ws, wt = src_len, tgt_len
        else:
            ws, wt = np.ones(self.n), np.ones(self.m)
        self.src = src
        self.src_hub, self.tgt_hub = src_hub, tgt_hub  # mean cosine with k nearest sentences of the other side
        hubs = [h for h in (src_hub, tgt_hub) if h is not None and len(h)]
        self.baseline = float(np.median(np.concatenate(hubs))) if hubs else 0.0
        self.tgt = tgt
        self.src_runs = run_vectors(src, ws.astype(np.float32), self.A)
        self.tgt_runs = run_vectors(tgt, wt.astype(np.float32), self.B)
        # Length ratio of the documents: expected target characters per source character.
        self.ratio = float(tgt_len.sum() / max(src_len.sum(), 1.0))
        self.src_len_runs = run_sums(src_len, self.A)
        self.tgt_len_runs = run_sums(tgt_len, self.B)
        self.src_mask_runs = run_masks(src_masks, self.A)
        self.tgt_mask_runs = run_masks(tgt_masks, self.B)

    def row(self, i: int, js: np.ndarray) -> dict[tuple[int, int], np.ndarray]:
        """Scores of beads (a, b) ending at cell (i, j) for each j in js (-inf where the shape does not fit)."""
        p = self.params
        A, B, n, m = self.A, self.B, self.n, self.m
        a_max = min(A, i)
        if a_max == 0 or len(js) == 0:
            return {}
        u = self.src_runs[:a_max, i]  # (a_max, d)
        # Source sentences just before each run and just after row i, for the neighbour margin.
        before_src = [i - a - 1 for a in range(1, a_max + 1)]
        after_src = i if i < n else -1
        neighbours = np.stack([self.src[max(k, 0)] for k in before_src] + [self.src[max(after_src, 0)]])
        members = self.src[i - a_max : i]  # source sentences that runs ending at i can contain
        queries = np.concatenate([u, neighbours, members])  # (3 a_max + 1, d)
        j_lo, j_hi = int(js[0]), int(js[-1])
        runs_t = self.tgt_runs[:, j_lo : j_hi + 1]  # (B, W, d)
        g = runs_t @ queries.T  # (B, W, 2 a_max + 1)
        # Cosine of each source run with single target sentences j_lo - B - 1 .. j_hi (target neighbours).
        t_lo = max(j_lo - B - 1, 0)
        singles = self.tgt[t_lo : min(j_hi + 1, m)] @ u.T  # (k, a_max)
        out: dict[tuple[int, int], np.ndarray] = {}
        for a, b in self.shapes:
            if a > a_max:
                continue
            sim = g[b - 1, :, a - 1].astype(np.float64)
            valid = js >= b
            score = sim.copy()
            if p.margin:
                # Target side: cos(source run, target sentence before the run / after it).
                before_t = js - b - 1
                after_t = js
                tb = np.where(before_t >= 0, singles[np.minimum(np.maximum(before_t - t_lo, 0), len(singles) - 1), a - 1], 0.0)
                ta = np.where(after_t < m, singles[np.minimum(after_t - t_lo, len(singles) - 1), a - 1], 0.0)
                t_count = (before_t >= 0).astype(float) + (after_t < m)
                # A run with no neighbour on a side (it spans the whole side) is compared with the
                # document's typical neighbour cosine instead, or tiny documents would merge into one bead.
                t_mean = np.divide(tb + ta, t_count, out=np.full_like(tb, self.baseline), where=t_count > 0)
                s_parts, s_count = np.zeros_like(sim), 0
                if before_src[a - 1] >= 0:
                    s_parts = s_parts + g[b - 1, :, a_max + a - 1]
                    s_count += 1
                if after_src >= 0:
                    s_parts = s_parts + g[b - 1, :, 2 * a_max]
                    s_count += 1
                s_mean = s_parts / s_count if s_count else np.full_like(s_parts, self.baseline)
                score = score - (t_mean + s_mean) / 2
            if p.length_model != "none" or p.gale_church_weight:
                ls = self.src_len_runs[a - 1, i]
                lt = self.tgt_len_runs[b - 1, js] / self.ratio
            if p.length_model == "bertalign":
                factor = np.log2(1.0 + np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1e-9))
                score = score * factor ** p.length_weight
            if p.gale_church_weight:
                # Gale & Church (1993): the length difference in characters grows like the square root of
                # the length (variance 6.8 per character); -delta^2 / 2 is the log-likelihood. It punishes a
                # bead that absorbs a whole extra sentence (a headline, a dateline) much harder than the
                # ratio above, which barely moves when a short line is added.
                delta = (lt - ls) / np.sqrt(6.8 * np.maximum((ls + lt) / 2.0, 1.0))
                score = score - p.gale_church_weight * delta * delta / 2.0
            if p.token_weight:
                ms = self.src_mask_runs[a - 1, i]
                mt = self.tgt_mask_runs[b - 1, js]
                union = np.bitwise_count(ms | mt).astype(float)
                both = np.bitwise_count(ms & mt).astype(float)
                agreement = np.divide(both, union, out=np.full_like(union, 0.5), where=union > 0)
                score = score + p.token_weight * (agreement - 0.5) * (union > 0)
            if p.member_weight and self.src_hub is not None:
                # Weakest member: every sentence of the bead must be closer to the other side's run than to
                # its usual nearest neighbours, or the bead is penalised (stops runs absorbing stray lines).
                weakest = np.full(len(js), np.inf)
                for k in range(i - a, i):
                    col = 2 * a_max + 1 + (k - (i - a_max))
                    weakest = np.minimum(weakest, g[b - 1, :, col] - self.src_hub[k])
                for offset in range(1, b + 1):
                    k = js - offset
                    fit = singles[np.clip(k - t_lo, 0, len(singles) - 1), a - 1] - self.tgt_hub[np.clip(k, 0, m - 1)]
                    weakest = np.minimum(weakest, fit)
                score = score + p.member_weight * np.minimum(weakest, 0.0)
            if p.size_penalty:
                score = score - p.size_penalty * (a + b - 2)
            out[(a, b)] = np.where(valid, score, -np.inf)
        return out
