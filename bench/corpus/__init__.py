"""Benchmarks of the corpus job (`align build`, mining); run as modules from the repository root."""

from __future__ import annotations

import os
from pathlib import Path


def shared_dir() -> Path:
    """../shared beside the project, or beside the folder of a git worktree; $ALIGN_SHARED overrides."""
    if os.environ.get("ALIGN_SHARED"):
        return Path(os.environ["ALIGN_SHARED"])
    for parent in Path(__file__).resolve().parents[2:]:
        if (parent / "shared" / "benchmarks").is_dir():
            return parent / "shared"
    return Path("../shared")
