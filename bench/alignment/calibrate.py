"""Fit the bead confidence (logistic of the bead score) on development data.

    python -m bench.alignment.calibrate [SET ...] [--set=key=value ...]   # default: textberg-dev transread/AlicesAdventuresInWonderland

Target: the bead is exactly a gold bead (strict). Prints confidence_scale and confidence_center for
AlignParams, and the mean predicted vs observed accuracy per confidence decile of the fitted model.
"""

from __future__ import annotations

import math
import sys

import numpy as np

from align.aligner import AlignParams, align_texts
from bench.alignment import datasets, quality


def main(sets: list[str], overrides: list[str]) -> None:
    # confidence = logistic(raw score); `--set=key=value` changes other settings as in quality.py
    params = AlignParams(**quality.parse_overrides(overrides), confidence_scale=1.0, confidence_center=0.0)
    scores, right = [], []
    for set_name in sets:
        for doc in datasets.load(set_name):
            gold = {(b.src, b.tgt) for b in doc.gold}
            for bead in align_texts(doc.src, doc.tgt, quality.encoder(), params).beads:
                p = min(max(bead.score, 1e-6), 1 - 1e-6)
                scores.append(math.log(p / (1 - p)))
                right.append((bead.src, bead.tgt) in gold)
    x, y = np.array(scores), np.array(right, dtype=float)
    w = np.zeros(2)
    design = np.stack([x, np.ones_like(x)], axis=1)
    for _ in range(50):  # Newton's method for logistic regression
        p = 1 / (1 + np.exp(-design @ w))
        grad = design.T @ (y - p)
        hess = design.T @ (design * (p * (1 - p))[:, None]) + 1e-9 * np.eye(2)
        w += np.linalg.solve(hess, grad)
    scale, center = w[0], -w[1] / w[0]
    print(f"beads {len(x)}, accuracy {y.mean():.3f}; confidence_scale={scale:.2f} confidence_center={center:.4f}")
    p = 1 / (1 + np.exp(-design @ w))
    for lo in np.arange(0, 1, 0.2):
        sel = (p >= lo) & (p < lo + 0.2)
        if sel.any():
            print(f"  predicted {lo:.1f}-{lo + 0.2:.1f}: n={sel.sum():4d} mean predicted {p[sel].mean():.2f} observed {y[sel].mean():.2f}")


if __name__ == "__main__":
    sets = [a for a in sys.argv[1:] if not a.startswith("--set=")]
    main(sets or ["textberg-dev", "transread/AlicesAdventuresInWonderland"],
         [a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--set=")])
