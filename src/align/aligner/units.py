"""Beads -> TranslationUnits with provenance props, for the TMX/TSV writers."""

from __future__ import annotations

from align.aligner.core import Alignment
from align.model import TranslationUnit


def units_from_alignment(alignment: Alignment, src_segments: list[str], tgt_segments: list[str], *,
                         document: str, src_lang: str, tgt_lang: str, origin: str = "parallel") -> list[TranslationUnit]:
    """One unit per bead, in order: each side is its segments joined by one space.

    Null beads (1:0, 0:1) become units with an empty side so that the writer decides to skip or keep them.
    Props: `x-document`, `x-bead` (`[0, 1]:[2]`), `x-score` (confidence, 4 decimals), `x-origin`.
    """
    units = []
    for bead in alignment.beads:
        units.append(TranslationUnit(
            source=" ".join(src_segments[i] for i in bead.src),
            target=" ".join(tgt_segments[j] for j in bead.tgt),
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            props={"x-document": document, "x-bead": bead.to_text(), "x-score": f"{bead.score:.4f}",
                   "x-origin": origin},
            score=bead.score,
        ))
    return units
