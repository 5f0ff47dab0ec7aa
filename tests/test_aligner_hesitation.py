"""The aligner's per-bead hesitation numbers (`Alignment.hesitations`): what `align review` ranks by."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import AlignParams, align_vectors
from align.aligner.core import solve
from align.aligner.hesitation import bead_hesitations


def unit_rows(rng: np.random.Generator, count: int, dim: int = 16) -> np.ndarray:
    v = rng.normal(size=(count, dim)).astype(np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


def best_cut(scorer, start, end, skip, forbidden):
    """Brute force: the best score of any cut of src[start[0]:end[0]] : tgt[start[1]:end[1]] into beads
    the DP may make, without the bead `forbidden` ((s0, t0), (s1, t1))."""
    if start == end:
        return 0.0
    best = -np.inf
    i, j = start
    shapes = [(1, 0), (0, 1)] + list(scorer.shapes)
    for a, b in shapes:
        stop = (i + a, j + b)
        if stop[0] > end[0] or stop[1] > end[1] or (start, stop) == forbidden:
            continue
        score = skip * (a + b) if a == 0 or b == 0 else scorer.bead(i, i + a, j, j + b)
        best = max(best, score + best_cut(scorer, stop, end, skip, forbidden))
    return best


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 7), m=st.integers(1, 7), seed=st.integers(0, 2**31))
def test_gap_is_the_chosen_cut_minus_the_best_other_cut_of_the_window(n, m, seed):
    """Each bead's gap = the DP's beads from the previous bead's start to the next bead's end, minus the
    best other cut of that span (found here by trying every cut). Without pinned anchors (which forbid
    some cuts) the DP's own beads are optimal there, so every gap is >= 0."""
    rng = np.random.default_rng(seed)
    params = AlignParams(hard_anchor_margin=0)
    dp_pass = solve(unit_rows(rng, n), unit_rows(rng, m), ["x"] * n, ["y"] * m, params)
    spans = dp_pass.spans
    hesitations = bead_hesitations(spans, dp_pass.scorer, params.skip)
    starts = [(sum(len(s) for s, _, _ in spans[:k]), sum(len(t) for _, t, _ in spans[:k]))
              for k in range(len(spans) + 1)]
    for k, hesitation in enumerate(hesitations):
        first, last = max(0, k - 1), min(len(spans), k + 2)
        chosen = sum(score for _, _, score in spans[first:last])
        other = best_cut(dp_pass.scorer, starts[first], starts[last], params.skip, (starts[k], starts[k + 1]))
        assert hesitation["gap"] == pytest.approx(min(1.0, chosen - other), abs=2e-4)
        assert hesitation["gap"] >= -1e-4


def test_pinned_anchors_and_the_null_post_pass_each_bead_gets_numbers():
    """With the defaults (pinned anchors, null post-pass) every bead still gets its gap and fit; fit is 0
    for a bead without counterpart."""
    rng = np.random.default_rng(1)
    alignment = align_vectors(unit_rows(rng, 9), unit_rows(rng, 11), ["x."] * 9, ["y."] * 11)
    assert len(alignment.hesitations) == len(alignment.beads)
    for bead, hesitation in zip(alignment.beads, alignment.hesitations):
        assert set(hesitation) == {"gap", "fit"}
        if bead.is_null:
            assert hesitation["fit"] == 0.0
