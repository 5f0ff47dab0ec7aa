"""Nearest neighbours by inner product (cosine on L2-normalised rows) with FAISS, for the aligner's
anchors and the corpus job's ratio margin.

Exact search (`IndexFlatIP`) up to `IVF_FROM` base rows; beyond that an inverted-file index (`IndexIVFFlat`)
trained on a sample of the base, which visits `nprobe` of its `nlist` cells per query instead of every row.
Its recall of the exact neighbours, and where exact search stops paying, are measured in
`bench/corpus/mining_scale.py` (BENCHMARKS.md, section "issue 17").
"""

from __future__ import annotations

import numpy as np

#: Base rows from which `knn` switches from exact search to IVF (measured, see the module docstring).
IVF_FROM = 2_000_000
#: IVF settings: cells per sqrt(rows), cells visited per query, training rows per cell.
IVF_CELLS_PER_SQRT = 4
IVF_NPROBE = 32
IVF_TRAIN_PER_CELL = 40


def _f32(matrix: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(matrix, dtype=np.float32)


def exact_index(base: np.ndarray):
    import faiss  # lazy: importing align never loads faiss

    index = faiss.IndexFlatIP(base.shape[1])
    index.add(_f32(base))
    return index


def ivf_index(base: np.ndarray, *, nlist: int | None = None, nprobe: int = IVF_NPROBE, seed: int = 0):
    """An IVF index over `base`, its coarse quantiser trained on a fixed random sample (deterministic)."""
    import faiss

    base = _f32(base)
    nlist = nlist or max(1, int(IVF_CELLS_PER_SQRT * np.sqrt(len(base))))
    quantizer = faiss.IndexFlatIP(base.shape[1])
    index = faiss.IndexIVFFlat(quantizer, base.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
    sample = min(len(base), nlist * IVF_TRAIN_PER_CELL)
    rows = np.random.default_rng(seed).choice(len(base), sample, replace=False) if sample < len(base) else None
    index.cp.seed = seed
    index.train(base if rows is None else base[np.sort(rows)])
    index.add(base)
    index.nprobe = min(nprobe, nlist)
    return index


def knn(queries: np.ndarray, base: np.ndarray, k: int, *, approximate: bool | None = None
        ) -> tuple[np.ndarray, np.ndarray]:
    """(cosines, indices) of the `k` nearest base rows of each query row, best first; k is capped at the
    base size. `approximate`: None = IVF from `IVF_FROM` base rows, True / False to force it."""
    k = max(1, min(k, len(base)))
    if approximate is None:
        approximate = len(base) >= IVF_FROM
    index = ivf_index(base) if approximate else exact_index(base)
    return index.search(_f32(queries), k)


def knn_mean(queries: np.ndarray, base: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each query row: (mean cosine of its k nearest base rows, their cosines, their indices)."""
    sims, ids = knn(queries, base, k, approximate=False)
    return sims.mean(axis=1), sims, ids
