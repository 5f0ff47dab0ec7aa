"""The gold sets, found from a worktree too (`bench.alignment.datasets` looks beside the repository only)."""

from __future__ import annotations

from pathlib import Path

from bench.alignment import datasets


def _benchmarks() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "benchmarks"
        if candidate.is_dir():
            return candidate
    return datasets.BENCHMARKS


datasets.BENCHMARKS = _benchmarks()
datasets.TEXTBERG = datasets.BENCHMARKS / "textberg_de-fr"
datasets.TRANSREAD = datasets.BENCHMARKS / "transread_en-fr"
load = datasets.load
