"""bench.alignment: see BENCHMARKS.md."""
