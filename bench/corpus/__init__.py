"""bench.corpus: see BENCHMARKS.md."""
