"""`align_texts` / `align_vectors`: sentence alignment of one document pair.

Pipeline: embed each sentence of both sides once -> FAISS anchors (first pass, `anchors.py`) -> band ->
DP over beads of up to `max_bead` sentences scored from combined sentence vectors and cheap text signals
(`scoring.py`, `dp.py`) -> unmatched headings and document-edge sentences split off as null beads
(`nulls.py`) -> beads with a confidence in [0, 1].

Confidence of a bead = logistic(confidence_scale * (bead score - confidence_center)), the bead score being
what the DP summed (margin-adjusted cosine with length and token terms; `skip` for 1:0 / 0:1 beads). The
scale and centre were fitted on development data (a bead's chance of being exactly right, see BENCHMARKS.md).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from align.aligner.anchors import band_from_anchors, find_anchors, pin_strong_anchors
from align.aligner.dp import best_path
from align.aligner.features import char_lengths, shared_token_masks, token_masks
from align.aligner.lexical import LexicalModel
from align.aligner.nulls import detach_null_edges
from align.aligner.params import AlignParams
from align.aligner.scoring import RowScorer
from align.embed.base import Encoder
from align.model import Bead
from align.signature import Signature


@dataclass
class Alignment:
    """The beads of one document pair, the settings that produced them and what it cost."""

    beads: list[Bead]
    signature: Signature
    stats: dict = field(default_factory=dict)
    lexicon: LexicalModel | None = field(default=None, repr=False)  # word table learned (lexical_weight > 0)


def _confidence(score: float, params: AlignParams) -> float:
    x = params.confidence_scale * (score - params.confidence_center)
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


def _solve(src_vectors, tgt_vectors, src, tgt, params, overrides=None, lexicon=None):
    """Anchors, band and DP; returns (path as (a, b, score) triples, anchor count, band cells, scorer, lexicon).

    With `params.lexical_weight`, a word-translation table is learned from the confident 1:1 beads of a
    plain DP pass and the DP runs again with it (`lexical.py`); a `lexicon` given by the caller (`align_texts`
    re-trains one on its first alignment's confident beads, `_refit`) is used as is, saving the plain pass.
    """
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [(1, 0, params.skip)] * n + [(0, 1, params.skip)] * m, 0, 0, None, None
    anchors, src_hub, tgt_hub, (src_best, tgt_best), strengths = find_anchors(
        src_vectors, tgt_vectors, params.top_k, params.margin_k)
    lo, hi = band_from_anchors(anchors, n, m, params.window)
    if params.hard_anchor_margin > 0:
        lo, hi = pin_strong_anchors(anchors, strengths, lo, hi, params.hard_anchor_margin)
    masks = (token_masks(src), token_masks(tgt)) if params.token_weight else (None, None)
    scorer = RowScorer(src_vectors, tgt_vectors, char_lengths(src), char_lengths(tgt), *masks, params,
                       src_hub, tgt_hub)
    if params.crossing_weight:
        scorer.set_crossing(*shared_token_masks(src, tgt, params.crossing_max_df))
    for (side, length, end), vector in (overrides or {}).items():
        runs = scorer.src_runs if side == "src" else scorer.tgt_runs
        runs[length - 1, end] = vector
    skips = (skip_costs(src_best, params), skip_costs(tgt_best, params))
    if params.lexical_weight and lexicon is None:
        lexicon = _fitted_lexicon(src, tgt, params,
                                  confident_pairs(best_path(scorer, lo, hi, skips), params.lexical_min_score))
    if params.lexical_weight:
        scorer.set_lexicon(lexicon)
    path = best_path(scorer, lo, hi, skips)
    return path, len(anchors), int((hi - lo + 1).sum()), scorer, lexicon


def _fitted_lexicon(src, tgt, params: AlignParams, pairs: list[tuple[int, int]]) -> LexicalModel:
    """A word table (`lexical.py`) learned from the given (source, target) 1:1 pairs of this document pair."""
    lexicon = LexicalModel(src, tgt, params.lexical_min_dice, params.lexical_max_df)
    lexicon.fit(pairs)
    return lexicon


def confident_pairs(path, min_score: float) -> list[tuple[int, int]]:
    """(source, target) index of each 1:1 bead of a DP path scoring at least `min_score`."""
    return [(s[0], t[0]) for s, t, score in _spans(path) if len(s) == 1 and len(t) == 1 and score >= min_score]


def skip_costs(best: np.ndarray, params: AlignParams) -> np.ndarray:
    """Score of leaving each sentence without counterpart (a 1:0 or 0:1 bead).

    `skip` for a typical sentence; cheaper (up to 0) for a sentence whose best cosine with any sentence of
    the other side is below the document's median: captions, OCR debris, datelines and added headers have
    no good match anywhere, so the DP should not have to absorb them into a neighbouring bead.
    """
    shortfall = np.minimum(best - np.median(best), 0.0)
    return np.minimum(params.skip - params.null_weight * shortfall, 0.0)


def _spans(path) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """DP path (a, b, score) -> (source indices, target indices, score) per bead."""
    spans = []
    i = j = 0
    for a, b, score in path:
        spans.append((tuple(range(i, i + a)), tuple(range(j, j + b)), score))
        i, j = i + a, j + b
    return spans


def _beads(spans, params: AlignParams) -> list[Bead]:
    return [Bead(s, t, round(_confidence(score, params), 4)) for s, t, score in spans]


def runs_to_refine(beads: list[Bead], n_src: int, n_tgt: int, max_side: int, extend: bool = False
                   ) -> set[tuple[str, int, int]]:
    """Runs (side, length, end) whose real concatenation is worth embedding after a first DP pass.

    The first pass scores a run by its combined sentence vectors; the real embedding of the concatenated
    text is better (measured on dev) but costs embedding. We embed only where the DP hesitates: each run
    of an m:n bead it chose, that run extended by one sentence either side, and for a sentence left
    without counterpart, the runs joining it to its neighbours (maybe it belonged to one).
    """
    wanted: set[tuple[str, int, int]] = set()

    def add(side: str, start: int, end: int) -> None:
        limit = n_src if side == "src" else n_tgt
        if 0 <= start and end <= limit and 2 <= end - start <= max_side:
            wanted.add((side, end - start, end))

    for bead in beads:
        for side, idx in (("src", bead.src), ("tgt", bead.tgt)):
            if not idx:
                continue
            start, end = idx[0], idx[-1] + 1
            if bead.is_null:
                add(side, start - 1, end)
                add(side, start, end + 1)
            elif len(bead.src) + len(bead.tgt) > 2:
                add(side, start, end)
                if extend and len(idx) >= 2:
                    add(side, start - 1, end)
                    add(side, start, end + 1)
    return wanted


def align_vectors(src_vectors: np.ndarray, tgt_vectors: np.ndarray, src: Sequence[str], tgt: Sequence[str],
                  params: AlignParams | None = None, encoder_id: str = "precomputed",
                  run_vectors: dict[tuple[str, int, int], np.ndarray] | None = None,
                  recover_nulls: bool = True, lexicon: LexicalModel | None = None) -> Alignment:
    """Align two documents whose sentence vectors (L2-normalised rows) are already computed.

    `run_vectors` optionally gives real embeddings of concatenated runs, keyed (side, length, end) with
    side "src"/"tgt" and end the index after the run's last sentence; other runs use combined vectors.
    `recover_nulls=False` skips the null-bead post-pass (`align_texts` does so for a pass that only
    chooses what to refine: nulls there would only ask for more runs to embed). `lexicon`: a word table
    fitted on this document pair by an earlier call (`Alignment.lexicon`), reused when `lexical_weight` > 0.
    """
    return _align(src_vectors, tgt_vectors, src, tgt, params or AlignParams(), encoder_id, run_vectors,
                  recover_nulls, lexicon)[0]


def _with_null_beads(spans, src, tgt, scorer: RowScorer | None, params: AlignParams):
    """The null-bead post-pass (`nulls.py`) on a DP path's spans, scored by that pass's own scorer."""
    if not params.null_recovery or scorer is None:
        return spans
    return detach_null_edges(spans, src, tgt, scorer.bead, params.null_gain, params.skip)


def _align(src_vectors, tgt_vectors, src, tgt, params: AlignParams, encoder_id, run_vectors, recover_nulls,
           lexicon):
    """`align_vectors`, also returning the DP's spans and scorer, so that `align_texts` can finish a first
    pass that turns out final (nothing to refine) with the null-bead post-pass instead of solving again."""
    n, m = len(src), len(tgt)
    if src_vectors.shape[0] != n or tgt_vectors.shape[0] != m:
        raise ValueError(f"{src_vectors.shape[0]}/{tgt_vectors.shape[0]} vectors for {n}/{m} sentences")
    signature = Signature({"encoder": encoder_id, **params.signature_settings()})
    t0 = time.perf_counter()
    src_vectors = np.ascontiguousarray(src_vectors, dtype=np.float32)
    tgt_vectors = np.ascontiguousarray(tgt_vectors, dtype=np.float32)
    path, anchors, cells, scorer, lexicon = _solve(src_vectors, tgt_vectors, src, tgt, params, run_vectors,
                                                   lexicon)
    spans = _spans(path)
    final = _with_null_beads(spans, src, tgt, scorer, params) if recover_nulls else spans
    stats = {"src_segments": n, "tgt_segments": m, "anchors": anchors, "band_cells": cells,
             "align_s": time.perf_counter() - t0}
    return Alignment(_beads(final, params), signature, stats, lexicon), spans, scorer


def _refit(alignment: Alignment, src, tgt, params: AlignParams) -> LexicalModel | None:
    """The word table retrained on the confident 1:1 beads of an alignment that already used one."""
    if alignment.lexicon is None:
        return None
    threshold = _confidence(params.lexical_min_score, params)
    return _fitted_lexicon(src, tgt, params, [(b.src[0], b.tgt[0]) for b in alignment.beads
                                              if len(b.src) == 1 and len(b.tgt) == 1 and b.score >= threshold])


def align_texts(src: list[str], tgt: list[str], encoder: Encoder, params: AlignParams | None = None) -> Alignment:
    """Align two lists of segments (source and target sentences of one document pair).

    Every segment of both sides is embedded once. With `params.refine_rounds` > 0 (default 1), the first alignment's
    uncertain m:n runs are embedded as real concatenations and the DP runs again (see `runs_to_refine`);
    `stats` reports how much extra text that cost. Beads are monotone and cover every segment once.
    """
    params = params or AlignParams()
    src, tgt = list(src), list(tgt)
    t0 = time.perf_counter()
    src_vectors = encoder.encode(src)
    tgt_vectors = encoder.encode(tgt)
    embed_s = time.perf_counter() - t0
    will_refine = params.refine_rounds > 0 and bool(src) and bool(tgt)
    alignment, first_spans, first_scorer = _align(src_vectors, tgt_vectors, src, tgt, params, encoder.id, None,
                                                  not will_refine, None)
    texts_embedded, chars_embedded = len(src) + len(tgt), sum(map(len, src)) + sum(map(len, tgt))
    refine_s = 0.0
    refined: dict[tuple[str, int, int], np.ndarray] = {}
    first_align_s = alignment.stats["align_s"]
    for _ in range(params.refine_rounds if src and tgt else 0):
        t1 = time.perf_counter()
        runs = sorted(runs_to_refine(alignment.beads, len(src), len(tgt), params.max_side, params.refine_extend)
                      - refined.keys())
        if not runs:
            if not refined:  # nothing to refine: the first pass is final, with its null-bead post-pass
                alignment.beads = _beads(_with_null_beads(first_spans, src, tgt, first_scorer, params), params)
                alignment.stats["align_s"] += time.perf_counter() - t1
            break
        first_spans = first_scorer = None  # the next pass builds its own scorer: free this one's run vectors
        texts = [" ".join((src if side == "src" else tgt)[end - length : end]) for side, length, end in runs]
        refined.update(zip(runs, encoder.encode(texts)))
        texts_embedded += len(texts)
        chars_embedded += sum(map(len, texts))
        refine_s += time.perf_counter() - t1
        alignment = align_vectors(src_vectors, tgt_vectors, src, tgt, params, encoder_id=encoder.id,
                                  run_vectors=refined, lexicon=_refit(alignment, src, tgt, params))
        alignment.stats["align_s"] += first_align_s
        first_align_s = alignment.stats["align_s"]
    alignment.stats = {"texts_embedded": texts_embedded, "chars_embedded": chars_embedded,
                       "embed_s": embed_s, "refine_s": refine_s, **alignment.stats}
    return alignment
