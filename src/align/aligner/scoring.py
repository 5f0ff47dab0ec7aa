"""Bead scores from sentence vectors, without embedding any concatenation of sentences.

A run of consecutive sentences is represented by the sum of its sentence vectors weighted by the square
root of their length in characters, re-normalised: longer sentences carry more of a run's meaning, and
e5-style mean-pooled encoders give a concatenation a vector close to this sum. Every m:n bead is then a
dot product of two precomputed run vectors, so each sentence is embedded exactly once.

`RowScorer.row(i, js)` returns, for DP row i (source sentences < i aligned) and target cells js, the score
of every bead shape (a source, b target sentences) ending there, all shapes at once with one matrix
product and array indexing. The score itself is stated once, in the docstring of `AlignParams`.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from align.aligner.params import AlignParams

#: Real embeddings of concatenated runs, keyed (side, length, end): side "src" or "tgt", end the index
#: after the run's last sentence. They replace the combined run vectors of those runs.
EmbeddedRuns = dict[tuple[str, int, int], np.ndarray]


def char_lengths(texts: Sequence[str]) -> np.ndarray:
    """Length of each text in characters, ignoring spaces (tokenised and untokenised text compare alike)."""
    return np.array([max(1, len(t) - t.count(" ")) for t in texts], dtype=np.float64)


def run_vectors(vectors: np.ndarray, weights: np.ndarray, max_run: int) -> np.ndarray:
    """(max_run, n + 1, dim): entry [r - 1, i] is the normalised weighted sum of sentences i - r .. i - 1."""
    n, dim = vectors.shape
    weighted = vectors * weights[:, None]
    runs = np.zeros((max_run, n + 1, dim), dtype=np.float32)
    for r in range(1, min(max_run, n) + 1):
        total = np.zeros((n + 1, dim), dtype=np.float32)  # total[i] = sum of weighted[i - r .. i - 1], i >= r
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


def bead_shapes(params: AlignParams) -> list[tuple[int, int]]:
    """The m:n shapes with both sides non-empty that the DP considers, sorted by source size."""
    return [(a, b) for a in range(1, params.max_side + 1) for b in range(1, params.max_side + 1)
            if a + b <= params.max_bead]


class RowScorer:
    """Run vectors and run lengths of both sides; scores all bead shapes of one DP row at once.

    `baseline` is the document's typical cosine between a sentence and its nearest sentences of the other
    side: a run with no neighbour on a side (it spans the whole side) is compared with it instead.
    """

    def __init__(self, src: np.ndarray, tgt: np.ndarray, src_texts: Sequence[str], tgt_texts: Sequence[str],
                 params: AlignParams, baseline: float = 0.0, embedded_runs: EmbeddedRuns | None = None):
        self.params = params
        self.shapes = bead_shapes(params)  # sorted by source size, so shapes with a <= k are a prefix
        self.shape_a = np.array([a for a, _ in self.shapes], dtype=np.int64)
        self.shape_b = np.array([b for _, b in self.shapes], dtype=np.int64)
        self.shape_index = {shape: k for k, shape in enumerate(self.shapes)}
        self.shape_count = [int((self.shape_a <= k).sum()) for k in range(params.max_side + 1)]
        self.shape_bias = np.where((self.shape_a == 2) & (self.shape_b == 2), params.two_two_bias, 0.0)
        self.max_side = params.max_side
        self.n, self.m = len(src), len(tgt)
        self.src, self.tgt = src, tgt
        self.baseline = baseline
        src_chars, tgt_chars = char_lengths(src_texts), char_lengths(tgt_texts)
        self.src_runs = run_vectors(src, np.sqrt(src_chars).astype(np.float32), self.max_side)
        self.tgt_runs = run_vectors(tgt, np.sqrt(tgt_chars).astype(np.float32), self.max_side)
        for (side, length, end), vector in (embedded_runs or {}).items():
            (self.src_runs if side == "src" else self.tgt_runs)[length - 1, end] = vector
        self.ratio = float(tgt_chars.sum() / max(src_chars.sum(), 1.0))  # target characters per source one
        self.src_chars_runs = run_sums(src_chars, self.max_side)
        self.tgt_chars_runs = run_sums(tgt_chars, self.max_side)

    def row(self, i: int, js: np.ndarray) -> np.ndarray:
        """Scores (S, W) of the first S shapes of `self.shapes` (those with a <= i) for beads ending at
        cell (i, j), j in js; -inf where the shape does not fit. The formula: `AlignParams`."""
        count = self.shape_count[min(self.max_side, i)]
        if count == 0 or len(js) == 0:
            return np.zeros((0, len(js)))
        src_size, tgt_size = self.shape_a[:count], self.shape_b[:count]
        cosines = self._cosines(i, js)
        score = cosines[tgt_size - 1, :, src_size - 1].astype(np.float64)  # (S, W): cosine of the two runs
        if self.params.margin:
            score -= self._neighbour_margin(i, js, cosines, src_size, tgt_size)
        if self.params.length_weight:
            score *= self._length_agreement(i, js, src_size, tgt_size) ** self.params.length_weight
        score += self.shape_bias[:count, None]
        if self.params.fit_weight:
            score += self.params.fit_weight * self.fit(i, js, count)
        return np.where(js[None, :] >= tgt_size[:, None], score, -np.inf)

    def _cosines(self, i: int, js: np.ndarray) -> np.ndarray:
        """(max_side, W, 2 a_max + 1): cosines of every target run ending at a cell of js with each source
        run ending at i (columns 0 .. a_max - 1, by length), with the source sentence just before each
        of those runs (the next a_max columns) and with source sentence i, just after them (last column)."""
        a_max = min(self.max_side, i)
        runs = self.src_runs[:a_max, i]
        before = [max(i - a - 1, 0) for a in range(1, a_max + 1)]
        queries = np.concatenate([runs, self.src[before], self.src[[min(i, self.n - 1)]]])
        return self.tgt_runs[:, int(js[0]) : int(js[-1]) + 1] @ queries.T

    def _neighbour_margin(self, i: int, js: np.ndarray, cosines: np.ndarray, src_size: np.ndarray,
                          tgt_size: np.ndarray) -> np.ndarray:
        """(S, W): the mean of (the source run's mean cosine with the target sentences just before and
        after the target run) and (the target run's with the source sentences just outside the source
        run), Bertalign's margin. A run with no neighbour on a side is compared with `baseline`."""
        a_max = min(self.max_side, i)
        first_tgt = max(int(js[0]) - self.max_side - 1, 0)
        # Cosine of each source run with the single target sentences first_tgt .. js[-1].
        singles = self.tgt[first_tgt : min(int(js[-1]) + 1, self.m)] @ self.src_runs[:a_max, i].T
        last = len(singles) - 1
        tgt_before = js[None, :] - tgt_size[:, None] - 1  # (S, W)
        cos_before = np.where(tgt_before >= 0,
                              singles[np.clip(tgt_before - first_tgt, 0, last), (src_size - 1)[:, None]], 0.0)
        cos_after = np.where(js < self.m, singles[np.minimum(js - first_tgt, last)][:, src_size - 1].T, 0.0)
        tgt_count = (tgt_before >= 0).astype(np.int64) + (js < self.m)[None, :]
        tgt_mean = np.divide(cos_before + cos_after, tgt_count, out=np.full(cos_before.shape, self.baseline),
                             where=tgt_count > 0)
        has_before = (i - src_size - 1 >= 0)[:, None]
        src_sum = np.where(has_before, cosines[tgt_size - 1, :, a_max + src_size - 1], 0.0)
        if i < self.n:
            src_sum = src_sum + cosines[tgt_size - 1, :, 2 * a_max]
        src_count = has_before.astype(np.int64) + int(i < self.n)
        src_mean = np.divide(src_sum, src_count, out=np.full(src_sum.shape, self.baseline), where=src_count > 0)
        return (tgt_mean + src_mean) / 2

    def _length_agreement(self, i: int, js: np.ndarray, src_size: np.ndarray, tgt_size: np.ndarray
                          ) -> np.ndarray:
        """(S, W): log2(1 + shorter / longer run length), the target side scaled by the documents' ratio."""
        src_chars = self.src_chars_runs[src_size - 1, i][:, None]
        tgt_chars = self.tgt_chars_runs[(tgt_size - 1)[:, None], js[None, :]] / self.ratio  # (S, W), no (S, m) copy
        shorter, longer = np.minimum(src_chars, tgt_chars), np.maximum(src_chars, tgt_chars)
        return np.log2(1.0 + shorter / np.maximum(longer, 1e-9))

    def fit(self, i: int, js: np.ndarray, count: int) -> np.ndarray:
        """(S, W) like `row`: how well the worst-placed sentence of each bead sits in it.

        A sentence's fit = its best cosine with the other side's sentences inside the bead minus its best
        cosine with the other side's two sentences just outside the bead; a bead's fit is the lowest over
        its sentences. Why: run vectors blur a bead into one point, so a 1:2 bead whose second target
        sentence really translates the *next* source sentence still scores well; its fit is negative.
        And a 1:1 bead whose target also carries half of the next source sentence (the translator moved a
        clause) has a low fit, which favours the larger bead the gold sets annotate. Sentence cosines
        only: nothing is embedded. A bead with no neighbour on a side (it spans the whole side) is compared
        with `baseline` instead, as for the margin.
        """
        side = self.max_side
        cos, first_row, first_col = self._local_cosines(i, js)
        after_col = js - first_col  # column of target sentence j, the first after a bead ending at cell j
        after_row = i - first_row  # row of source sentence i, the first after the bead
        out = np.full((count, len(js)), np.inf)
        # Source sentences i-side .. i-1 against the bead's b target sentences j-b .. j-1 (growing b).
        src_block = cos[after_row - side : after_row]
        src_inside = np.full((side, len(js)), -1.0, dtype=np.float32)
        src_worst = []  # [b - 1][a - 1]: the worst fit among the last a source sentences
        for b in range(1, side + 1):
            src_inside = np.maximum(src_inside, src_block[:, after_col - b])
            src_outside = self._outside(np.maximum(src_block[:, after_col - b - 1], src_block[:, after_col]))
            src_worst.append(np.minimum.accumulate((src_inside - src_outside)[::-1], axis=0))
        # Target sentences against the bead's a source sentences i-a .. i-1 (growing a).
        tgt_inside = np.full(cos.shape[1], -1.0, dtype=np.float32)
        for a in range(1, min(side, i) + 1):
            tgt_inside = np.maximum(tgt_inside, cos[after_row - a])
            tgt_fit = tgt_inside - self._outside(np.maximum(cos[after_row - a - 1], cos[after_row]))
            worst = np.full(len(js), np.inf, dtype=np.float32)
            for b in range(1, side + 1):
                worst = np.minimum(worst, tgt_fit[after_col - b])
                k = self.shape_index.get((a, b))
                if k is not None and k < count:
                    out[k] = np.minimum(worst, src_worst[b - 1][a - 1])
        return out

    def _local_cosines(self, i: int, js: np.ndarray) -> tuple[np.ndarray, int, int]:
        """Sentence cosines of the block around the beads ending at row i, cells js: source sentences
        i - max_side - 1 .. i, target sentences js[0] - max_side - 1 .. js[-1]; -1 outside the document.
        Returns (block, its first source index, its first target index)."""
        first_row, first_col = i - self.max_side - 1, int(js[0]) - self.max_side - 1
        rows, cols = np.arange(first_row, i + 1), np.arange(first_col, int(js[-1]) + 1)
        row_ok, col_ok = (rows >= 0) & (rows < self.n), (cols >= 0) & (cols < self.m)
        cos = np.full((len(rows), len(cols)), -1.0, dtype=np.float32)
        cos[np.ix_(row_ok, col_ok)] = self.src[rows[row_ok]] @ self.tgt[cols[col_ok]].T
        return cos, first_row, first_col

    def _outside(self, best_outside: np.ndarray) -> np.ndarray:
        """Best cosine just outside a bead; -1 (both neighbours beyond the document) -> the baseline."""
        return np.where(best_outside <= -1.0, np.float32(self.baseline), best_outside)

    def bead(self, s0: int, s1: int, t0: int, t1: int) -> float:
        """Score of the single bead src[s0:s1] : tgt[t0:t1] (both sides non-empty), as the DP sees it."""
        shape = self.shape_index[(s1 - s0, t1 - t0)]
        return float(self.row(s1, np.array([t1]))[shape, 0])

    def bead_fit(self, s0: int, s1: int, t0: int, t1: int) -> float:
        """`fit` of the single bead src[s0:s1] : tgt[t0:t1] (both sides non-empty)."""
        shape = self.shape_index[(s1 - s0, t1 - t0)]
        return float(self.fit(s1, np.array([t1]), self.shape_count[min(self.max_side, s1)])[shape, 0])
