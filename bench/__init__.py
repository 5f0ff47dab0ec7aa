"""Benchmarks, run as modules from the repository root: `python -m bench.<topic>.<script>`; outputs go to bench/out/."""
