"""Sentence alignment: FAISS anchors, then a banded DP over m:n beads scored from sentence vectors.

Public API: `AlignParams`, `align_texts`, `align_vectors`, `Alignment`, `units_from_alignment` (beads -> units);
the scorer is `align.aligner.evaluate.score`.
"""

from align.aligner.core import Alignment, align_texts, align_vectors
from align.aligner.params import AlignParams
from align.aligner.units import units_from_alignment

__all__ = ["AlignParams", "Alignment", "align_texts", "align_vectors", "units_from_alignment"]
