"""The shared FAISS k-NN helper: exact search, the IVF index used beyond `IVF_FROM` rows, and the aligner's
search near the diagonal."""

from __future__ import annotations

import numpy as np

from align.aligner.anchors import guide_line
from align.knn import knn, knn_mean, knn_near, windows_along


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
    means, sims, ids = knn_mean(queries, base, 10, None, reach=2048, block=512)
    assert sims.shape == ids.shape == (5, 3) and np.allclose(means, sims.mean(axis=1))


def _translation_of(rng, source, noise=0.01):
    rows = source + noise * rng.standard_normal(source.shape).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_near_is_the_whole_search_without_centres_or_when_the_windows_cover_the_base():
    rng = np.random.default_rng(5)
    src = _clustered(rng, 900)
    tgt = _translation_of(rng, src[np.r_[0:300, 350:900]])  # 50 sentences missing in the translation
    sims, ids = knn(src, tgt, 4, approximate=False)
    for centres in (None, np.arange(900) * (850 / 900)):
        near_sims, near_ids = knn_near(src, tgt, 4, centres, reach=1000, block=512)
        assert (near_ids == ids).all() and (near_sims == sims).all()


def test_the_guide_line_follows_a_long_insertion_and_every_translation_is_found():
    """A long document whose translation opens with 2,500 lines of its own and drops a 300-sentence
    chapter: the diagonal would miss by 2,000 sentences, far beyond the reach; the guide line does not."""
    rng = np.random.default_rng(6)
    src = _clustered(rng, 6000, centres=400)
    kept = np.r_[0:2000, 2300:6000]
    tgt = np.concatenate([_clustered(rng, 2500, centres=400), _translation_of(rng, src[kept])])
    reach = 300
    src_centres, tgt_centres = guide_line(src, tgt, reach)
    sims, ids = knn_near(src, tgt, 4, src_centres, reach=reach, block=256)
    assert (ids[kept, 0] == 2500 + np.arange(len(kept))).all()
    for start, stop, first, end in windows_along(src_centres, len(tgt), reach, 256):
        assert ((ids[start:stop] >= first) & (ids[start:stop] < end)).all()
    assert np.all(np.diff(sims, axis=1) <= 1e-6)  # best first
    _, back = knn_near(tgt, src, 1, tgt_centres, reach=reach, block=256)
    assert (back[2500 + np.arange(len(kept)), 0] == kept).all()


def test_a_side_of_at_most_two_reaches_is_searched_whole():
    rng = np.random.default_rng(7)
    assert guide_line(_clustered(rng, 4096), _clustered(rng, 3000), 2048) is None
    assert guide_line(_clustered(rng, 10_000), _clustered(rng, 4096), 2048) is None  # 2 x 2048 x 10,000 pairs
    assert guide_line(_clustered(rng, 4097), _clustered(rng, 4097), 2048) is not None


def test_every_query_gets_k_neighbours_even_from_a_narrow_window():
    rng = np.random.default_rng(9)
    base = _clustered(rng, 20)
    sims, ids = knn_near(_translation_of(rng, base), base, 8, np.arange(20.0), reach=1, block=4)
    assert np.isfinite(sims).all() and (ids >= 0).all() and (ids[:, 0] == np.arange(20)).all()


def test_near_cost_grows_linearly():
    """Rows compared per query stay at about 2 reach + 2 block, however long the documents."""
    for n in (10_000, 40_000, 160_000):
        centres = np.arange(n) * 1.1
        compared = sum((stop - start) * (end - first) for start, stop, first, end in
                       windows_along(centres, int(1.1 * n), 2048, 512))
        assert compared / n <= 2 * 2048 + 2 * 512 + 2


def test_a_short_side_against_a_long_one_finds_its_matches_anywhere():
    """One sentence (or three) against a 10,000-sentence side: the short side is searched whole, so each
    finds its translation wherever it sits, both ways (the anchors are mutual best pairs)."""
    from align.aligner.anchors import find_anchors

    rng = np.random.default_rng(8)
    long_side = _clustered(rng, 10_000, centres=2000)
    assert find_anchors(_translation_of(rng, long_side[[7000]]), long_side, 4, 4, 2048).pairs == [(0, 7000)]
    few = _translation_of(rng, long_side[[100, 5000, 9999]])
    anchors = find_anchors(long_side, few, 4, 4, 2048)
    assert anchors.pairs == [(100, 0), (5000, 1), (9999, 2)] and np.isfinite(anchors.strengths).all()
