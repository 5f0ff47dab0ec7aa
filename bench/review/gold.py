"""The gold sets for the review benchmarks: those of `bench.alignment.datasets`."""

from __future__ import annotations

from bench.alignment.datasets import load

__all__ = ["load"]
