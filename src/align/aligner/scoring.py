"""Bead scores from sentence vectors, without embedding any concatenation of sentences.

A run of consecutive sentences is represented by the sum of its sentence vectors weighted by the square
root of their length in characters, re-normalised: longer sentences carry more of a run's meaning, and
e5-style mean-pooled encoders give a concatenation a vector close to this sum. Every m:n bead is then a
dot product of two precomputed run vectors, so each sentence is embedded exactly once.

`RowScorer.row(i, js)` returns, for DP row i (source sentences < i aligned) and target cells js, the score
of every bead shape (a source, b target sentences) ending there, all shapes at once with one matrix
product and array indexing. The components (see `AlignParams`): cosine, neighbour margin (Bertalign), length agreement,
number/name agreement, numbers/names that cross the bead's border (`set_crossing`), learned word
translations (`set_lexicon`), the fit of the bead's worst-placed sentence (`fit`), a bias for 2:2 beads.
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
    """(max_run, n + 1) uint64: the OR of the token masks of sentences i - r .. i - 1 (one-word masks)."""
    return run_mask_rows(masks[:, None], max_run)[:, :, 0]


def run_mask_rows(masks: np.ndarray, max_run: int) -> np.ndarray:
    """(max_run, n + 1, words) uint64: the OR of the multi-word masks of sentences i - r .. i - 1."""
    n, words = masks.shape
    out = np.zeros((max_run, n + 1, words), dtype=np.uint64)
    for r in range(1, min(max_run, n) + 1):
        out[r - 1] = out[r - 2] if r > 1 else 0
        out[r - 1, r:] |= masks[: n - r + 1]
        out[r - 1, :r] = 0
    return out


def bead_shapes(params: AlignParams) -> list[tuple[int, int]]:
    """The m:n shapes with both sides non-empty that the DP considers."""
    return [(a, b) for a in range(1, params.max_side + 1) for b in range(1, params.max_side + 1)
            if a + b <= params.max_bead]


class RowScorer:
    """Precomputed run vectors, lengths and token masks; scores all bead shapes of one DP row at once."""

    def __init__(self, src: np.ndarray, tgt: np.ndarray, src_len: np.ndarray, tgt_len: np.ndarray,
                 src_masks: np.ndarray | None, tgt_masks: np.ndarray | None, params: AlignParams,
                 src_hub: np.ndarray | None = None, tgt_hub: np.ndarray | None = None):
        self.params = params
        self.shapes = bead_shapes(params)  # sorted by source size, so shapes with a <= k are a prefix
        self.shape_a = np.array([a for a, _ in self.shapes], dtype=np.int64)
        self.shape_b = np.array([b for _, b in self.shapes], dtype=np.int64)
        self.shape_index = {shape: k for k, shape in enumerate(self.shapes)}
        self.shape_count = [int((self.shape_a <= k).sum()) for k in range(params.max_side + 1)]
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
        # Number/name masks (`features.token_masks`) are only needed, and only given, when token_weight > 0.
        self.src_mask_runs = run_masks(src_masks, self.A) if src_masks is not None else None
        self.tgt_mask_runs = run_masks(tgt_masks, self.B) if tgt_masks is not None else None
        self.lexical = None
        self.crossing = None
        self.shape_bias = np.where((self.shape_a == 2) & (self.shape_b == 2), params.two_two_bias, 0.0)

    def set_lexicon(self, lexical) -> None:
        """Add the word-translation term (`lexical.LexicalModel`, fitted; `AlignParams.lexical_*`) to every
        bead score: run masks of each side's words and of the other side's words each side can translate."""
        self.lexical = (run_mask_rows(lexical.src_words, self.A), run_mask_rows(lexical.tgt_words, self.B),
                        run_mask_rows(lexical.src_covers, self.A), run_mask_rows(lexical.tgt_covers, self.B))

    def set_crossing(self, src_masks: np.ndarray, tgt_masks: np.ndarray) -> None:
        """Add the crossing term: masks (n, words) of each sentence's numbers and names shared with the
        other side (`features.shared_token_masks`); run masks are ORs, neighbours padded with empty masks."""
        self.crossing = (run_mask_rows(src_masks, self.A), run_mask_rows(tgt_masks, self.B),
                         np.pad(src_masks, ((1, 1), (0, 0))), np.pad(tgt_masks, ((1, 1), (0, 0))))

    def bead(self, s0: int, s1: int, t0: int, t1: int) -> float:
        """Score of the single bead src[s0:s1] : tgt[t0:t1] (both sides non-empty), as the DP sees it."""
        shape = self.shape_index[(s1 - s0, t1 - t0)]
        return float(self.row(s1, np.array([t1]))[shape, 0])

    def fit(self, i: int, js: np.ndarray, count: int) -> np.ndarray:
        """(S, W) like `row`: how well the worst-placed sentence of each bead sits in it.

        A sentence's fit = its best cosine with the other side's sentences inside the bead minus its best
        cosine with the other side's two sentences just outside the bead; a bead's fit is the lowest over
        its sentences. Why: run vectors blur a bead into one point, so a 1:2 bead whose second target
        sentence really translates the *next* source sentence still scores well; its fit is negative.
        And a 1:1 bead whose target also carries half of the next source sentence (the translator moved a
        clause) has a low fit, which favours the larger bead the gold sets annotate. Sentence cosines
        only: nothing is embedded. A bead with no neighbour on a side (it spans the whole side) is compared
        with the document's typical neighbour cosine instead, as for the margin.
        """
        n, m, A, B = self.n, self.m, self.A, self.B
        r0, c0 = i - A - 1, int(js[0]) - B - 1  # first source / target index of the local block
        rows, cols = np.arange(r0, i + 1), np.arange(c0, int(js[-1]) + 1)
        row_ok, col_ok = (rows >= 0) & (rows < n), (cols >= 0) & (cols < m)
        cos = np.full((len(rows), len(cols)), -1.0, dtype=np.float32)
        cos[np.ix_(row_ok, col_ok)] = self.src[rows[row_ok]] @ self.tgt[cols[col_ok]].T
        width = len(js)
        after_col = js - c0  # column of target sentence j, the first after a bead ending at cell j
        after_row = i - r0  # row of source sentence i, the first after the bead
        out = np.full((count, width), np.inf)
        # Source sentences i-A .. i-1 against the bead's b target sentences j-b .. j-1 (growing b).
        src_block = cos[after_row - A : after_row]
        src_inside = np.full((A, width), -1.0, dtype=np.float32)
        src_worst = []  # [b - 1][a - 1]: the worst fit among the last a source sentences
        for b in range(1, B + 1):
            src_inside = np.maximum(src_inside, src_block[:, after_col - b])
            src_outside = self._outside(np.maximum(src_block[:, after_col - b - 1], src_block[:, after_col]))
            src_worst.append(np.minimum.accumulate((src_inside - src_outside)[::-1], axis=0))
        # Target sentences against the bead's a source sentences i-a .. i-1 (growing a).
        tgt_inside = np.full(cos.shape[1], -1.0, dtype=np.float32)
        for a in range(1, min(A, i) + 1):
            tgt_inside = np.maximum(tgt_inside, cos[after_row - a])
            tgt_fit = tgt_inside - self._outside(np.maximum(cos[after_row - a - 1], cos[after_row]))
            worst = np.full(width, np.inf, dtype=np.float32)
            for b in range(1, B + 1):
                worst = np.minimum(worst, tgt_fit[after_col - b])
                k = self.shape_index.get((a, b))
                if k is not None and k < count:
                    out[k] = np.minimum(worst, src_worst[b - 1][a - 1])
        return out

    def _outside(self, best_outside: np.ndarray) -> np.ndarray:
        """Best cosine just outside a bead; -1 (both neighbours beyond the document) -> the baseline."""
        return np.where(best_outside <= -1.0, np.float32(self.baseline), best_outside)

    def bead_fit(self, s0: int, s1: int, t0: int, t1: int) -> float:
        """`fit` of the single bead src[s0:s1] : tgt[t0:t1] (both sides non-empty)."""
        shape = self.shape_index[(s1 - s0, t1 - t0)]
        return float(self.fit(s1, np.array([t1]), self.shape_count[min(self.A, s1)])[shape, 0])

    def row(self, i: int, js: np.ndarray) -> np.ndarray:
        """Scores (S, W) of the first S shapes of `self.shapes` (those with a <= i) for beads ending at
        cell (i, j), j in js; -inf where the shape does not fit. All shapes at once, no Python loop."""
        p = self.params
        n, m = self.n, self.m
        a_max = min(self.A, i)
        count = self.shape_count[a_max]
        if count == 0 or len(js) == 0:
            return np.zeros((0, len(js)))
        sa, sb = self.shape_a[:count], self.shape_b[:count]
        u = self.src_runs[:a_max, i]  # (a_max, d) source runs ending at i
        # Source sentences just before each run and just after row i, for the neighbour margin.
        before_src = [max(i - a - 1, 0) for a in range(1, a_max + 1)]
        queries = np.concatenate([u, self.src[before_src], self.src[[min(i, n - 1)]]])  # (2 a_max + 1, d)
        j_lo, j_hi = int(js[0]), int(js[-1])
        g = self.tgt_runs[:, j_lo : j_hi + 1] @ queries.T  # (B, W, 2 a_max + 1)
        score = g[sb - 1, :, sa - 1].astype(np.float64)  # (S, W): cosine of the two runs
        if p.margin:
            # Cosine of each source run with single target sentences t_lo .. j_hi (the target neighbours).
            t_lo = max(j_lo - self.B - 1, 0)
            singles = self.tgt[t_lo : min(j_hi + 1, m)] @ u.T  # (k, a_max)
            last = len(singles) - 1
            before_t = js[None, :] - sb[:, None] - 1  # (S, W)
            tb = np.where(before_t >= 0, singles[np.clip(before_t - t_lo, 0, last), (sa - 1)[:, None]], 0.0)
            ta = np.where(js < m, singles[np.minimum(js - t_lo, last)][:, sa - 1].T, 0.0)
            t_count = (before_t >= 0).astype(np.int64) + (js < m)[None, :]
            # A run with no neighbour on a side (it spans the whole side) is compared with the document's
            # typical neighbour cosine instead, or tiny documents would merge into one bead.
            t_mean = np.divide(tb + ta, t_count, out=np.full(tb.shape, self.baseline), where=t_count > 0)
            has_before = (i - sa - 1 >= 0)[:, None]
            s_parts = np.where(has_before, g[sb - 1, :, a_max + sa - 1], 0.0)
            if i < n:
                s_parts = s_parts + g[sb - 1, :, 2 * a_max]
            s_count = has_before.astype(np.int64) + int(i < n)
            s_mean = np.divide(s_parts, s_count, out=np.full(s_parts.shape, self.baseline), where=s_count > 0)
            score -= (t_mean + s_mean) / 2
        if p.length_model != "none" or p.gale_church_weight:
            ls = self.src_len_runs[sa - 1, i][:, None]
            lt = self.tgt_len_runs[sb - 1][:, js] / self.ratio
        if p.length_model == "bertalign":
            factor = np.log2(1.0 + np.minimum(ls, lt) / np.maximum(np.maximum(ls, lt), 1e-9))
            score *= factor ** p.length_weight
        if p.gale_church_weight:
            # Gale & Church (1993): the length difference in characters grows like the square root of the
            # length (variance 6.8 per character); -delta^2 / 2 is the log-likelihood. It punishes a bead
            # that absorbs a whole extra sentence much harder than the ratio above.
            delta = (lt - ls) / np.sqrt(6.8 * np.maximum((ls + lt) / 2.0, 1.0))
            score -= p.gale_church_weight * delta * delta / 2.0
        if p.token_weight:
            ms = self.src_mask_runs[sa - 1, i][:, None]
            mt = self.tgt_mask_runs[sb - 1][:, js]
            union = np.bitwise_count(ms | mt).astype(float)
            both = np.bitwise_count(ms & mt).astype(float)
            agreement = np.divide(both, union, out=np.full(union.shape, 0.5), where=union > 0)
            score += p.token_weight * (agreement - 0.5) * (union > 0)
        if self.lexical is not None:
            src_words, tgt_words, src_covers, tgt_covers = self.lexical
            sw = src_words[sa - 1, i][:, None]  # (S, 1, K)
            sc = src_covers[sa - 1, i][:, None]
            tw = tgt_words[sb - 1][:, js]  # (S, W, K)
            tc = tgt_covers[sb - 1][:, js]
            hits = np.bitwise_count(sw & tc).sum(-1) + np.bitwise_count(tw & sc).sum(-1)
            total = np.bitwise_count(sw).sum(-1) + np.bitwise_count(tw).sum(-1)
            if p.lexical_mode == "count":  # additive over the path: per 10 words, translated minus centre
                score += p.lexical_weight * (hits - p.lexical_center * total) / 10.0
            else:
                share = np.divide(hits, total, out=np.full(hits.shape, p.lexical_center), where=total > 0)
                score += p.lexical_weight * (share - p.lexical_center)
        if self.crossing is not None:
            # A number or name of the bead whose only counterpart nearby is in the sentence just before or
            # after the other run: the translator moved a clause across the sentence boundary, and the gold
            # sets then join the sentences into one larger bead.
            src_runs, tgt_runs, src_one, tgt_one = self.crossing
            ms = src_runs[sa - 1, i][:, None]  # (S, 1, K)
            mt = tgt_runs[sb - 1][:, js]  # (S, W, K)
            t_near = tgt_one[np.maximum(js[None, :] - sb[:, None], 0)] | tgt_one[np.minimum(js + 1, m + 1)][None]
            s_near = (src_one[np.maximum(i - sa, 0)] | src_one[min(i + 1, n + 1)])[:, None]  # (S, 1, K)
            leaks = (np.bitwise_count(ms & ~mt & t_near).sum(-1) + np.bitwise_count(mt & ~ms & s_near).sum(-1))
            score -= p.crossing_weight * leaks
        score += self.shape_bias[:count, None]
        if p.fit_weight:
            score += p.fit_weight * self.fit(i, js, count)
        return np.where(js[None, :] >= sb[:, None], score, -np.inf)
