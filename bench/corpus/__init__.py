"""Benchmarks of the corpus job (`align build`, mining); run as modules from the repository root."""
