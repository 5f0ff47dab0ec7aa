"""Review effort: if a reviewer looks at the top k% of beads by "needs review", what share of the wrong
beads does she see? Against today's ranking by the aligner's confidence alone.

    python -m bench.review.machine SETS...        # the machine's beads (once)
    python -m bench.review.effort --fit           # fit the weights on dev, print them
    python -m bench.review.effort                 # score dev and test with the weights in signals.py

A bead is wrong when it is not exactly a gold bead (strict, as Vecalign's scorer counts precision). All
beads of a set are ranked together (a reviewer works through a corpus, not one document).
"""

from __future__ import annotations

import argparse
import json
import math

import numpy as np

from align.formats.beads import read_beads
from align.review import signals
from align.review.beads import ReviewBead
from bench.review.gold import load
from bench.review.machine import OUT, beads_path, hesitations_path

# Candide, the fifth TransRead dev book, was not embedded in time on the shared machine (2,870 sentences).
DEV = ["textberg-dev", "transread/DuCoteDeChezSwann", "transread/AlicesAdventuresInWonderland",
       "transread/VoyageAuCentreDeLaTerre", "transread/VingtMilleLieuesSousLesMers"]
TEST = ["textberg-test", "transread-test"]
SHARES = (0.05, 0.10, 0.20)


def bead_rows(set_name: str, lang_pair: tuple[str, str], used: list | None = None, aligner: bool = True
              ) -> list[tuple[dict, float, bool]]:
    """(features, machine confidence, wrong?) for every machine bead of a set's documents; with `used`,
    documents not aligned yet are skipped and the names of those scored are appended to it; without
    `aligner`, the aligner's hesitation numbers are left out (as for a `.beads` file)."""
    rows = []
    for doc in load(set_name):
        path = beads_path(doc.name)
        if not path.exists() and used is not None:
            continue
        if not path.exists():
            raise SystemExit(f"{path}: missing; run python -m bench.review.machine {set_name}")
        if used is not None:
            used.append(doc.name)
        machine = [ReviewBead(b.src, b.tgt, "machine", b.score) for b in read_beads(path)]
        gold = {(b.src, b.tgt) for b in doc.gold}
        texts = signals.PairTexts.of(doc.src, doc.tgt, *lang_pair, machine)
        if aligner:
            numbers = json.loads(hesitations_path(doc.name).read_text())
            texts.hesitations = {(b.src, b.tgt): h for b, h in zip(machine, numbers)}
        for index, bead in enumerate(machine):
            rows.append((signals.bead_features(machine, index, texts), bead.score, (bead.src, bead.tgt) not in gold))
    return rows


def langs(set_name: str) -> tuple[str, str]:
    return ("de", "fr") if set_name.startswith("textberg") else ("en", "fr")


def found(order_scores: list[float], wrong: list[bool]) -> dict[str, float]:
    """Share of wrong beads among the top 5/10/20% by descending score (ties keep document order)."""
    order = sorted(range(len(wrong)), key=lambda i: -order_scores[i])
    total = sum(wrong) or 1
    return {f"top{int(s * 100)}": round(sum(wrong[i] for i in order[:math.ceil(s * len(order))]) / total, 3)
            for s in SHARES}


def matrix(rows) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[r[0][k] for k in signals.FEATURES] for r in rows], dtype=np.float64)
    y = np.array([r[2] for r in rows], dtype=np.float64)
    return x, y


def fit(rows, c: float = 3.0) -> signals.Model:
    """Logistic regression (scikit-learn, L2) of "wrong" on the signals, flagging the top 20% of `rows`.
    `acronyms` never fires on these books: its weight stays as set by hand."""
    from sklearn.linear_model import LogisticRegression

    x, y = matrix(rows)
    model = LogisticRegression(C=c, max_iter=1000).fit(x, y)
    weights = {"bias": round(float(model.intercept_[0]), 2),
               **{k: round(float(v), 2) for k, v in zip(signals.FEATURES, model.coef_[0])},
               "acronyms": signals.WITH_ALIGNER.weights["acronyms"]}
    scores = sorted((signals.review_score(r[0], signals.Model(weights, 0.0)) for r in rows), reverse=True)
    return signals.Model(weights, round(scores[len(scores) // 5], 3))


RANKINGS = {"needs_review": (True, "WITH_ALIGNER"), "text_only": (False, "TEXT_ONLY")}


def evaluate(set_names: list[str], partial: bool = False) -> dict:
    results = {}
    for name in set_names:
        used: list | None = [] if partial else None
        result = {}
        for ranking, (aligner, model_name) in RANKINGS.items():
            rows = bead_rows(name, langs(name), used if aligner else None, aligner)
            model, wrong = getattr(signals, model_name), [r[2] for r in rows]
            scores = [signals.review_score(r[0], model) for r in rows]
            result.update({"documents": used, "beads": len(rows), "wrong": sum(wrong),
                           "confidence": found([1 - r[1] for r in rows], wrong), ranking: found(scores, wrong),
                           f"{ranking}_flagged": round(sum(p >= model.flag_at for p in scores) / len(rows), 3)})
        results[name] = result
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fit", action="store_true", help="fit the weights on the dev sets and print them")
    parser.add_argument("--sets", nargs="*", default=DEV + TEST)
    parser.add_argument("--partial", action="store_true", help="score the documents aligned so far")
    args = parser.parse_args()
    if args.fit:
        for ranking, (aligner, model_name) in RANKINGS.items():
            model = fit([row for name in DEV for row in bead_rows(name, langs(name), aligner=aligner)])
            print(f"{model_name} = {model}")
        return
    results = evaluate(args.sets, args.partial)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    models = {name: vars(getattr(signals, name)) for _, name in RANKINGS.values()}
    (OUT.parent / "effort.json").write_text(json.dumps({"models": models, "sets": results}, indent=1))
    print("| set | documents | beads | wrong | ranking | top 5% | top 10% | top 20% | flagged |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|")
    for name, r in results.items():
        documents = len(r["documents"]) if r["documents"] is not None else len(load(name))
        for ranking in ("confidence", "text_only", "needs_review"):
            flagged = f"{r[ranking + '_flagged']:.0%}" if ranking != "confidence" else ""
            print(f"| {name} | {documents} | {r['beads']} | {r['wrong']} | {ranking} | " +
                  " | ".join(f"{r[ranking][k]:.0%}" for k in ("top5", "top10", "top20")) + f" | {flagged} |")


if __name__ == "__main__":
    main()
