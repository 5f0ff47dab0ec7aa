"""Benchmarks, run as modules from the repository root: `python -m bench.<topic>.<script>`; outputs go to bench/out/."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """`shared/` (gold sets, corpora, schemas) beside the repository, or beside the nearest folder above it
    that has one (a git worktree); `$ALIGN_SHARED_DIR` points elsewhere. The tests read the same variable."""
    if os.environ.get("ALIGN_SHARED_DIR"):
        return Path(os.environ["ALIGN_SHARED_DIR"])
    found = [p / "shared" for p in REPO.parents if (p / "shared" / "benchmarks").is_dir()]
    return found[0] if found else REPO.parent / "shared"
