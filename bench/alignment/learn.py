"""Learn the bead-score weights from gold alignments (averaged structured perceptron), dev data only.

    python bench/alignment/learn.py --train transread-dev --eval textberg-dev [--epochs 8] [--lr 0.02]

Why: the aligner's score is a hand-weighted sum (margin-adjusted cosine x length factor, sentence fit, a
2:2 bias, a skip score), tuned by one-at-a-time sweeps. A structured perceptron tunes all weights at once
against the DP's own decisions: decode a document with the current weights, compare the DP path with the
gold path, and move the weights by (features of the gold beads - features of the predicted beads). The
decoder is the product's own pipeline (first pass, refinement embeddings, second pass); `align` itself is
not changed: the scorer class is swapped inside this process only.

Features of a bead (a source : b target sentences), all computed by `RowScorer.row` with settings switched:
  main      (cosine - neighbour margin) x lf^2     (lf = log2(1 + length ratio); the default score)
  margin    neighbour margin x lf^2                (weight 0 = the default margin; lets the margin's weight move)
  lf1       (cosine - neighbour margin) x lf       (a softer length factor)
  fit       RowScorer.fit
  gc        Gale-Church squared length deviation / 2
  shape:a:b 1 for 1:2, 2:1, 2:2, 1:3, 3:1 and `big` (a + b >= 5)
  skip      1 for each 1:0 / 0:1 bead
Gold beads larger than the scorer's shapes are left out of both sides of the update.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402
from quality import encoder, parse_overrides  # noqa: E402

import align.aligner.core as core  # noqa: E402
from align.aligner import AlignParams, align_texts  # noqa: E402
from align.aligner.evaluate import score  # noqa: E402
from align.aligner.scoring import RowScorer  # noqa: E402

SHAPES = [(1, 2), (2, 1), (2, 2), (1, 3), (3, 1)]
NAMES = ["main", "margin", "lf1", "fit", "gc"] + [f"shape:{a}:{b}" for a, b in SHAPES] + ["shape:big"]


def initial_weights(params: AlignParams) -> dict[str, float]:
    w = {name: 0.0 for name in NAMES}
    w.update(main=1.0, fit=params.fit_weight, skip=params.skip)
    w["shape:2:2"] = params.two_two_bias
    return w


WEIGHTS: dict[str, float] = {}


class LinearScorer(RowScorer):
    """`RowScorer` whose bead score is WEIGHTS . features (module global, set before each decode)."""

    def components(self, i: int, js: np.ndarray) -> dict[str, np.ndarray]:
        base = self.params
        self.shape_bias = np.zeros(len(self.shapes))
        plain = dataclasses.replace(base, fit_weight=0.0, two_two_bias=0.0, gale_church_weight=0.0,
                                    token_weight=0.0)
        try:
            self.params = plain
            main = RowScorer.row(self, i, js)
            count = len(main)
            if count == 0:
                return {}
            self.params = dataclasses.replace(plain, margin=False)
            no_margin = RowScorer.row(self, i, js)
            self.params = dataclasses.replace(plain, length_weight=1.0)
            lf1 = RowScorer.row(self, i, js)
            self.params = dataclasses.replace(plain, length_model="none", margin=False, gale_church_weight=1.0)
            gc_plus_cos = RowScorer.row(self, i, js)
            self.params = dataclasses.replace(plain, length_model="none", margin=False)
            cos = RowScorer.row(self, i, js)
        finally:
            self.params = base
        sa, sb = self.shape_a[:count, None], self.shape_b[:count, None]
        ok = np.isfinite(main)
        out = {"main": main, "margin": no_margin - main, "lf1": lf1,
               "fit": np.where(ok, self.fit(i, js, count), -np.inf), "gc": gc_plus_cos - cos}
        for a, b in SHAPES:
            out[f"shape:{a}:{b}"] = np.where(ok, ((sa == a) & (sb == b)).astype(float), -np.inf)
        out["shape:big"] = np.where(ok, (sa + sb >= 5).astype(float), -np.inf)
        return out

    def row(self, i: int, js: np.ndarray) -> np.ndarray:
        parts = self.components(i, js)
        if not parts:
            return np.zeros((0, len(js)))
        total = np.zeros_like(parts["main"])
        for name, value in parts.items():
            w = WEIGHTS.get(name, 0.0)
            if w:
                total = total + w * value
        return np.where(np.isfinite(parts["main"]), total, -np.inf)

    def bead_features(self, s0: int, s1: int, t0: int, t1: int) -> dict[str, float] | None:
        if (s1 - s0, t1 - t0) not in self.shape_index:
            return None
        k = self.shape_index[(s1 - s0, t1 - t0)]
        parts = self.components(s1, np.array([t1]))
        return {name: float(v[k, 0]) for name, v in parts.items()}


def params_for(base: AlignParams) -> AlignParams:
    return dataclasses.replace(base, skip=WEIGHTS["skip"], fit_weight=WEIGHTS["fit"],
                               two_two_bias=WEIGHTS["shape:2:2"])


def final_pass(doc, params: AlignParams):
    """The product pipeline up to the second DP pass (no null post-pass): spans and that pass's scorer."""
    enc = encoder()
    sv, tv = enc.encode(doc.src), enc.encode(doc.tgt)
    first = core._align(sv, tv, doc.src, doc.tgt, params, enc.id, None, False, None)[0]
    runs = sorted(core.runs_to_refine(first.beads, len(doc.src), len(doc.tgt), params.max_side))
    texts = [" ".join((doc.src if side == "src" else doc.tgt)[end - length: end]) for side, length, end in runs]
    refined = dict(zip(runs, enc.encode(texts))) if runs else None
    _, spans, scorer = core._align(sv, tv, doc.src, doc.tgt, params, enc.id, refined, False, None)
    return spans, scorer


def path_features(beads, scorer: LinearScorer, excluded: set[int]) -> dict[str, float]:
    """Summed features of beads (src tuple, tgt tuple), leaving out those touching an excluded source index."""
    total = {name: 0.0 for name in WEIGHTS}
    for s, t in beads:
        if any(i in excluded for i in s):
            continue
        if not s or not t:
            total["skip"] += 1.0
            continue
        f = scorer.bead_features(s[0], s[-1] + 1, t[0], t[-1] + 1)
        if f is None:
            continue
        for name, value in f.items():
            total[name] += value
    return total


def train(docs, params: AlignParams, epochs: int, lr: float) -> dict[str, float]:
    averaged = {k: 0.0 for k in WEIGHTS}
    steps = 0
    rng = np.random.default_rng(0)
    for epoch in range(epochs):
        mistakes = 0
        for index in rng.permutation(len(docs)):
            doc = docs[index]
            spans, scorer = final_pass(doc, params_for(params))
            predicted = {(s, t) for s, t, _ in spans}
            gold = {(tuple(b.src), tuple(b.tgt)) for b in doc.gold}
            wrong_pred, missed_gold = predicted - gold, gold - predicted
            mistakes += len(missed_gold)
            excluded = {i for s, t in missed_gold if (len(s), len(t)) not in scorer.shape_index and s and t
                        for i in s}
            g = path_features(missed_gold, scorer, excluded)
            p = path_features(wrong_pred, scorer, excluded)
            for name in WEIGHTS:
                if name != "main":  # the scale of the weights is free: keep main at 1
                    WEIGHTS[name] += lr * (g[name] - p[name]) / max(len(gold), 1) * 10
            steps += 1
            for name in WEIGHTS:
                averaged[name] += WEIGHTS[name]
        print(f"epoch {epoch + 1}: {mistakes} missed gold beads; "
              + " ".join(f"{k}={v:+.4f}" for k, v in WEIGHTS.items()), flush=True)
    return {k: v / steps for k, v in averaged.items()}


def evaluate(set_names, params: AlignParams) -> dict[str, float]:
    out = {}
    for set_name in set_names:
        golds, tests = [], []
        for doc in datasets.load(set_name):
            golds.append(doc.gold)
            tests.append(align_texts(doc.src, doc.tgt, encoder(), params_for(params)).beads)
        out[set_name] = round(score(golds, tests)["f1_strict"], 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", nargs="+", required=True)
    parser.add_argument("--eval", nargs="+", default=["textberg-dev", "transread-dev"])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    args = parser.parse_args()
    core.RowScorer = LinearScorer
    params = AlignParams(**parse_overrides(args.overrides))
    WEIGHTS.update(initial_weights(params))
    t0 = time.perf_counter()
    print("initial", evaluate(args.eval, params), flush=True)
    docs = [doc for name in args.train for doc in datasets.load(name)]
    learned = train(docs, params, args.epochs, args.lr)
    WEIGHTS.clear()
    WEIGHTS.update(learned)
    print("learned (averaged):", json.dumps({k: round(v, 4) for k, v in learned.items()}))
    print("learned", evaluate(args.eval, params), f"({time.perf_counter() - t0:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
