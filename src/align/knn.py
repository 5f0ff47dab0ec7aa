"""Nearest neighbours by inner product (cosine on L2-normalised rows) with FAISS, for the aligner's
anchors and the corpus job's ratio margin.

Two documents that translate each other run in the same order, so the aligner searches each sentence's
neighbours only among the other side's sentences near where its match is expected (`knn_near`): the cost
grows linearly with the documents instead of with their product.

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


def windows_along(centres: np.ndarray, n_base: int, reach: int, block: int) -> list[tuple[int, int, int, int]]:
    """(first query, end query, first base row, end base row) per block of `block` queries: the base rows
    within `reach` of the block's centres (`centres[i]`: the base row query i is expected near)."""
    windows = []
    for start in range(0, len(centres), block):
        stop = min(len(centres), start + block)
        first = max(0, int(np.floor(centres[start:stop].min())) - reach)
        end = min(n_base, int(np.ceil(centres[start:stop].max())) + 1 + reach)
        windows.append((start, stop, first, end))
    return windows


def _at_least(k: int, window: tuple[int, int, int, int], n_base: int) -> tuple[int, int, int, int]:
    """The window widened to hold at least k base rows (k <= n_base), so every query gets k neighbours."""
    start, stop, first, end = window
    first = min(first, n_base - k)
    return start, stop, first, max(end, first + k)


def knn_near(queries: np.ndarray, base: np.ndarray, k: int, centres: np.ndarray | None, reach: int,
             block: int) -> tuple[np.ndarray, np.ndarray]:
    """(cosines, indices) of the `k` nearest base rows of each query row among the base rows within about
    `reach` rows of its centre (`centres[i]`, a non-decreasing guess of where query i's match sits; None
    searches the whole base).

    Exact search over each block's window: about 2 reach + block rows per query plus, over all blocks, the
    base rows the centres sweep once, so the cost is linear in the documents' length. When every window
    spans the whole base, this is one exact search over all of it, with the same result as `knn`.
    """
    if centres is None:
        return knn(queries, base, k, approximate=False)
    k = max(1, min(k, len(base)))
    windows = [_at_least(k, window, len(base)) for window in windows_along(centres, len(base), reach, block)]
    if all(first == 0 and end == len(base) for _, _, first, end in windows):
        return knn(queries, base, k, approximate=False)
    sims = np.empty((len(queries), k), dtype=np.float32)
    ids = np.empty((len(queries), k), dtype=np.int64)
    queries = _f32(queries)
    for start, stop, first, end in windows:
        found_sims, found_ids = exact_index(base[first:end]).search(queries[start:stop], k)
        sims[start:stop], ids[start:stop] = found_sims, found_ids + first
    return sims, ids


def knn_mean(queries: np.ndarray, base: np.ndarray, k: int, centres: np.ndarray | None, reach: int,
             block: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each query row: (mean cosine of its k nearest base rows near its centre, their cosines, their
    indices); see `knn_near`."""
    sims, ids = knn_near(queries, base, k, centres, reach, block)
    return sims.mean(axis=1), sims, ids
