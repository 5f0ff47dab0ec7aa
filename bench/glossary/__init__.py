"""bench.glossary: see BENCHMARKS.md."""
