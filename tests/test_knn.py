"""The shared FAISS k-NN helper: exact search, and the IVF index used beyond `IVF_FROM` rows."""

from __future__ import annotations

import numpy as np

from align.knn import knn, knn_mean


def _clustered(rng, n, dim=48, centres=20):
    rows = rng.standard_normal((centres, dim))[rng.integers(0, centres, n)] + 0.3 * rng.standard_normal((n, dim))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_ivf_finds_the_exact_nearest_neighbours_of_translations():
    rng = np.random.default_rng(3)
    base = _clustered(rng, 4000)
    queries = base[:300] + 0.02 * rng.standard_normal((300, base.shape[1])).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    exact_sims, exact_ids = knn(queries, base, 4, approximate=False)
    ivf_sims, ivf_ids = knn(queries, base, 4, approximate=True)
    assert (exact_ids[:, 0] == np.arange(300)).all()
    assert np.mean(ivf_ids[:, 0] == exact_ids[:, 0]) >= 0.99
    assert np.all(ivf_sims[:, 0] <= exact_sims[:, 0] + 1e-5)  # approximate never beats exact


def test_knn_mean_keeps_the_aligner_signature_and_caps_k():
    rng = np.random.default_rng(4)
    base, queries = _clustered(rng, 3), _clustered(rng, 5)
    means, sims, ids = knn_mean(queries, base, 10)
    assert sims.shape == ids.shape == (5, 3) and np.allclose(means, sims.mean(axis=1))
