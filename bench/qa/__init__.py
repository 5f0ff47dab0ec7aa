"""bench.qa: see BENCHMARKS.md."""
