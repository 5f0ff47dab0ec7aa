"""`align_texts` / `align_vectors`: sentence alignment of one document pair, as named steps.

    vectors      embed each sentence of both sides once (`align_texts`)
    anchors      FAISS nearest neighbours + margin -> monotone 1:1 anchors (`anchors.find_anchors`)
    band         the cells the DP may visit around the anchors (`anchors.band_from_anchors`, pinned anchors)
    dp           best monotone path of m:n beads inside the band (`dp.best_path`, scores from `scoring.py`)
    refine       embed the real concatenation of the runs the DP hesitated on, and solve again
    nulls        split unmatched headings and document-edge sentences off as null beads (`nulls.py`)
    beads        each bead with a confidence in [0, 1]

The bead score and the confidence are stated once, in the docstring of `AlignParams`.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from align.aligner.anchors import Anchors, band_from_anchors, find_anchors, pin_strong_anchors
from align.aligner.dp import best_path
from align.aligner.hesitation import bead_hesitations
from align.aligner.nulls import Span, detach_null_edges
from align.aligner.params import KNN_REACH, AlignParams
from align.aligner.scoring import EmbeddedRuns, RowScorer
from align.embed.base import Encoder
from align.model import Bead
from align.signature import Signature


@dataclass
class Alignment:
    """The beads of one document pair, the settings that produced them and what it cost."""

    beads: list[Bead]
    signature: Signature
    stats: dict = field(default_factory=dict)
    hesitations: list[dict[str, float]] = field(default_factory=list)  # per bead (`hesitation.py`)


@dataclass
class DPPass:
    """One pass of anchors, band and DP: the beads as spans, the scorer that scored them (None when a side
    is empty: then there is nothing to score) and what the pass cost."""

    spans: list[Span]
    scorer: RowScorer | None
    anchors: int
    band_cells: int
    seconds: float


def solve(src_vectors: np.ndarray, tgt_vectors: np.ndarray, src: Sequence[str], tgt: Sequence[str],
          params: AlignParams, embedded_runs: EmbeddedRuns | None = None) -> DPPass:
    """Anchors, band and DP over one document pair (vectors float32, rows L2-normalised)."""
    start = time.perf_counter()
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        spans = [((i,), (), params.skip) for i in range(n)] + [((), (j,), params.skip) for j in range(m)]
        return DPPass(spans, None, 0, 0, time.perf_counter() - start)
    anchors = find_anchors(src_vectors, tgt_vectors, params.top_k, params.margin_k, KNN_REACH)
    lo, hi = search_band(anchors, n, m, params)
    scorer = RowScorer(src_vectors, tgt_vectors, src, tgt, params, anchors.baseline, embedded_runs)
    path = best_path(scorer, lo, hi, skip_scores(n, m, params))
    return DPPass(spans_of(path), scorer, len(anchors.pairs), int((hi - lo + 1).sum()),
                  time.perf_counter() - start)


def search_band(anchors: Anchors, n: int, m: int, params: AlignParams) -> tuple[np.ndarray, np.ndarray]:
    """For each DP row, the target range it searches: around the anchors, narrowed by the pinned ones."""
    lo, hi = band_from_anchors(anchors.pairs, n, m, params.window, depth=params.band_depth)
    if params.hard_anchor_margin > 0:
        lo, hi = pin_strong_anchors(anchors.pairs, anchors.strengths, lo, hi, params.hard_anchor_margin)
    return lo, hi


def skip_scores(n: int, m: int, params: AlignParams) -> tuple[np.ndarray, np.ndarray]:
    """Score of a 1:0 bead per source sentence and of a 0:1 bead per target sentence: `skip` (at most 0)."""
    skip = min(params.skip, 0.0)
    return np.full(n, skip), np.full(m, skip)


def spans_of(path: list[tuple[int, int, float]]) -> list[Span]:
    """DP path (a, b, score) -> (source indices, target indices, score) per bead."""
    spans = []
    i = j = 0
    for a, b, score in path:
        spans.append((tuple(range(i, i + a)), tuple(range(j, j + b)), score))
        i, j = i + a, j + b
    return spans


def runs_to_refine(spans: list[Span], n_src: int, n_tgt: int, max_side: int) -> set[tuple[str, int, int]]:
    """Runs (side, length, end) whose real concatenation is worth embedding after a DP pass.

    The first pass scores a run by its combined sentence vectors; the real embedding of the concatenated
    text is better (measured on dev) but costs embedding. We embed only where the DP hesitates: each run
    of an m:n bead it chose, and for a sentence left without counterpart, the runs joining it to its
    neighbours (maybe it belonged to one).
    """
    wanted: set[tuple[str, int, int]] = set()

    def add(side: str, start: int, end: int) -> None:
        limit = n_src if side == "src" else n_tgt
        if 0 <= start and end <= limit and 2 <= end - start <= max_side:
            wanted.add((side, end - start, end))

    for src, tgt, _ in spans:
        for side, idx in (("src", src), ("tgt", tgt)):
            if not idx:
                continue
            start, end = idx[0], idx[-1] + 1
            if not src or not tgt:
                add(side, start - 1, end)
                add(side, start, end + 1)
            elif len(src) + len(tgt) > 2:
                add(side, start, end)
    return wanted


def run_texts(runs: list[tuple[str, int, int]], src: Sequence[str], tgt: Sequence[str]) -> list[str]:
    """The concatenated text of each run (side, length, end), sentences joined by one space."""
    return [" ".join((src if side == "src" else tgt)[end - length : end]) for side, length, end in runs]


def confidence(score: float, params: AlignParams) -> float:
    """A bead score as a confidence in [0, 1] (the logistic of `AlignParams`)."""
    x = params.confidence_scale * (score - params.confidence_center)
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


def finish(dp_pass: DPPass, src: Sequence[str], tgt: Sequence[str], params: AlignParams, encoder_id: str,
           recover_nulls: bool = True) -> Alignment:
    """A pass's spans, with the null-bead post-pass (scored by the pass's own scorer), as an Alignment."""
    spans = dp_pass.spans
    if recover_nulls and params.null_recovery and dp_pass.scorer is not None:
        spans = detach_null_edges(spans, src, tgt, dp_pass.scorer.bead, params.null_gain, params.skip)
    beads = [Bead(s, t, round(confidence(score, params), 4)) for s, t, score in spans]
    stats = {"src_segments": len(src), "tgt_segments": len(tgt), "anchors": dp_pass.anchors,
             "band_cells": dp_pass.band_cells, "align_s": dp_pass.seconds}
    hesitations = bead_hesitations(spans, dp_pass.scorer, params.skip) if dp_pass.scorer is not None else []
    return Alignment(beads, Signature({"encoder": encoder_id, **params.signature_settings()}), stats, hesitations)


def _float32(vectors: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(vectors, dtype=np.float32)


def align_vectors(src_vectors: np.ndarray, tgt_vectors: np.ndarray, src: Sequence[str], tgt: Sequence[str],
                  params: AlignParams | None = None, encoder_id: str = "precomputed",
                  embedded_runs: EmbeddedRuns | None = None, recover_nulls: bool = True) -> Alignment:
    """Align two documents whose sentence vectors (L2-normalised rows) are already computed.

    `embedded_runs` optionally gives real embeddings of concatenated runs (`scoring.EmbeddedRuns`); other
    runs use combined sentence vectors. `recover_nulls=False` skips the null-bead post-pass.
    """
    params = params or AlignParams()
    if src_vectors.shape[0] != len(src) or tgt_vectors.shape[0] != len(tgt):
        raise ValueError(f"{src_vectors.shape[0]}/{tgt_vectors.shape[0]} vectors for {len(src)}/{len(tgt)} sentences")
    dp_pass = solve(_float32(src_vectors), _float32(tgt_vectors), src, tgt, params, embedded_runs)
    return finish(dp_pass, src, tgt, params, encoder_id, recover_nulls)


def align_texts(src: Sequence[str], tgt: Sequence[str], encoder: Encoder, params: AlignParams | None = None
                ) -> Alignment:
    """Align two lists of segments (source and target sentences of one document pair).

    Every segment of both sides is embedded once; then up to `params.refine_rounds` times, the runs the
    DP hesitated on are embedded as real concatenations and the DP runs again (`runs_to_refine`); the
    null-bead post-pass finishes the last pass. `stats` reports what embedding cost. Beads are monotone
    and cover every segment once. The score thresholds of `params` are scaled for the encoder
    (`AlignParams.scaled(encoder.score_scale)`; the signature records the values used).
    """
    params = (params or AlignParams()).scaled(encoder.score_scale)
    src, tgt = list(src), list(tgt)
    start = time.perf_counter()
    src_vectors, tgt_vectors = _float32(encoder.encode(src)), _float32(encoder.encode(tgt))
    cost = {"texts_embedded": len(src) + len(tgt), "chars_embedded": sum(map(len, src)) + sum(map(len, tgt)),
            "embed_s": time.perf_counter() - start, "refine_s": 0.0}
    dp_pass = solve(src_vectors, tgt_vectors, src, tgt, params)
    align_s = dp_pass.seconds
    embedded_runs: EmbeddedRuns = {}
    for _ in range(params.refine_rounds if dp_pass.scorer is not None else 0):
        runs = sorted(runs_to_refine(dp_pass.spans, len(src), len(tgt), params.max_side) - embedded_runs.keys())
        if not runs:
            break
        start = time.perf_counter()
        texts = run_texts(runs, src, tgt)
        embedded_runs.update(zip(runs, _float32(encoder.encode(texts))))
        cost["texts_embedded"] += len(texts)
        cost["chars_embedded"] += sum(map(len, texts))
        cost["refine_s"] += time.perf_counter() - start
        dp_pass = None  # free the previous scorer's run vectors before building the next
        dp_pass = solve(src_vectors, tgt_vectors, src, tgt, params, embedded_runs)
        align_s += dp_pass.seconds
    start = time.perf_counter()
    alignment = finish(dp_pass, src, tgt, params, encoder.id)
    alignment.stats = {**cost, **alignment.stats, "align_s": align_s + time.perf_counter() - start}
    return alignment
