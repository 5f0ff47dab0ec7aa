"""Beads -> TranslationUnits with provenance props, for the file writers."""

from __future__ import annotations

from typing import Iterable

from align.model import Bead, TranslationUnit


def units_from_alignment(beads: Iterable[Bead], src_segments: list[str], tgt_segments: list[str], *,
                         document: str, src_lang: str, tgt_lang: str, origin: str = "parallel"
                         ) -> list[TranslationUnit]:
    """One unit per bead, in order: each side is its segments joined by one space.

    Null beads (1:0, 0:1) become units with an empty side so that the writer decides to skip or keep them.
    Provenance props (bare keys, see `TranslationUnit`): `document`, `bead` (`[0, 1]:[2]`), `origin`; the
    bead's confidence is the unit's `score`.
    """
    return [TranslationUnit(source=" ".join(src_segments[i] for i in bead.src),
                            target=" ".join(tgt_segments[j] for j in bead.tgt),
                            src_lang=src_lang, tgt_lang=tgt_lang,
                            props={"document": document, "bead": bead.to_text(), "origin": origin},
                            score=bead.score)
            for bead in beads]
