"""Is a change of the aligner's settings better than noise? Paired bootstrap of strict F1, in one run.

    python -m bench.alignment.compare textberg-dev transread-dev --set skip=-0.05 [--block 20]

Why: Text+Berg dev is one document of 422 gold beads, so one point of strict F1 is four beads; several
changes that gained on dev lost on test (BENCHMARKS.md). This script aligns each set with the defaults and
with the variant, cuts the gold into blocks of `--block` consecutive beads (a predicted bead belongs to the
block holding its first source sentence, or its first target sentence for a 0:1 bead), and resamples
blocks with replacement (Koehn 2004's paired bootstrap, over blocks because neighbouring beads are not
independent). It prints the F1 difference, its 95% interval and the share of resamples where the variant
is not better. The totals over all blocks equal the official scorer's (checked on every run).
"""

from __future__ import annotations

import argparse
import bisect

import numpy as np

from align.aligner import AlignParams, align_texts
from align.aligner.evaluate import score
from bench.alignment import datasets
from bench.alignment.quality import encoder, parse_overrides


def block_counts(gold, test, block: int) -> np.ndarray:
    """(blocks, 4): strict precision hits, precision beads, recall hits, recall beads per block of the gold."""
    gold_pairs = [(tuple(b.src), tuple(b.tgt)) for b in gold]
    test_pairs = {(tuple(b.src), tuple(b.tgt)) for b in test if b.src or b.tgt}
    gold_set = {p for p in gold_pairs if p[0] or p[1]}
    # Block boundaries as the first source and target index of every block-th gold bead.
    starts_src, starts_tgt, i, j = [], [], 0, 0
    for k, (s, t) in enumerate(gold_pairs):
        if k % block == 0:
            starts_src.append(i)
            starts_tgt.append(j)
        i, j = i + len(s), j + len(t)
    counts = np.zeros((len(starts_src), 4))

    def block_of(pair) -> int:
        s, t = pair
        return bisect.bisect_right(starts_src, s[0]) - 1 if s else bisect.bisect_right(starts_tgt, t[0]) - 1

    for pair in test_pairs:
        counts[block_of(pair), 0] += pair in gold_set
        counts[block_of(pair), 1] += 1
    test_both = {p for p in test_pairs if p[0] and p[1]}
    for pair in {p for p in gold_set if p[0] and p[1]}:
        counts[block_of(pair), 2] += pair in test_both
        counts[block_of(pair), 3] += 1
    return counts


def f1(counts: np.ndarray) -> np.ndarray:
    """Strict F1 from summed counts (..., 4)."""
    p = counts[..., 0] / np.maximum(counts[..., 1], 1)
    r = counts[..., 2] / np.maximum(counts[..., 3], 1)
    return np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)


def aligned_counts(set_names, params: AlignParams, block: int) -> np.ndarray:
    parts, golds, tests = [], [], []
    for set_name in set_names:
        for doc in datasets.load(set_name):
            beads = align_texts(doc.src, doc.tgt, encoder(), params).beads
            parts.append(block_counts(doc.gold, beads, block))
            golds.append(doc.gold)
            tests.append(beads)
    counts = np.concatenate(parts)
    official = score(golds, tests)["f1_strict"]
    assert abs(f1(counts.sum(0)) - official) < 1e-9, (f1(counts.sum(0)), official)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--set", dest="overrides", action="append", default=[], help="the variant: key=value")
    parser.add_argument("--block", type=int, default=20, help="gold beads per resampled block")
    parser.add_argument("--samples", type=int, default=2000)
    args = parser.parse_args()
    variant = AlignParams(**parse_overrides(args.overrides))
    rng = np.random.default_rng(0)
    for set_name in args.sets:
        base = aligned_counts([set_name], AlignParams(), args.block)
        new = aligned_counts([set_name], variant, args.block)
        weights = rng.multinomial(len(base), np.full(len(base), 1 / len(base)), size=args.samples)
        diff = f1(weights @ new) - f1(weights @ base)
        low, high = np.percentile(diff, [2.5, 97.5])
        print(f"{set_name:15s} defaults {f1(base.sum(0)):.3f}  variant {f1(new.sum(0)):.3f}  "
              f"diff {f1(new.sum(0)) - f1(base.sum(0)):+.3f}  95% [{low:+.3f}, {high:+.3f}]  "
              f"P(variant not better) {np.mean(diff <= 0):.2f}  ({len(base)} blocks)", flush=True)


if __name__ == "__main__":
    main()
