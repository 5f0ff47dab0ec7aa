"""Concordance search over translation units: exact (case- and diacritic-insensitive) or fuzzy.

Why fold by hand rather than a regular expression flag: `re.IGNORECASE` does not see `etat` in `État`;
folding each character (NFD, combining marks dropped, casefold) keeps a one-to-one map back to the
original offsets, so highlights land on the text as written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from align.model import TranslationUnit


def fold(text: str) -> tuple[str, list[int]]:
    """`text` case- and accent-folded, and for each folded character the offset it came from."""
    folded: list[str] = []
    origin: list[int] = []
    for offset, char in enumerate(text):
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        for piece in base.casefold():
            folded.append(piece)
            origin.append(offset)
    return "".join(folded), origin


@dataclass
class Hit:
    position: int  # 1-based position of the unit in the file
    unit: TranslationUnit
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # side -> character spans
    score: float = 100.0

    def highlighted(self, side: str, color: bool = False) -> str:
        """The side's text with matches between [[ ]] (or in reverse video on a terminal)."""
        text = getattr(self.unit, side)
        opening, closing = ("\x1b[7m", "\x1b[0m") if color else ("[[", "]]")
        for start, end in sorted(self.spans.get(side, []), reverse=True):
            text = f"{text[:start]}{opening}{text[start:end]}{closing}{text[end:]}"
        return text

    def as_dict(self) -> dict:
        return {"position": self.position, "tuid": self.unit.tuid, "source": self.unit.source,
                "target": self.unit.target, "score": round(self.score, 1),
                "matches": {side: [{"start": s, "end": e} for s, e in spans] for side, spans in self.spans.items()}}


def _exact(text: str, query: str) -> list[tuple[int, int]]:
    folded, origin = fold(text)
    spans, start = [], folded.find(query)
    while start >= 0 and query:
        end = start + len(query)
        spans.append((origin[start], origin[end - 1] + 1))
        start = folded.find(query, end)
    return spans


def _fuzzy(text: str, query: str, min_score: float) -> tuple[float, list[tuple[int, int]]]:
    from rapidfuzz import fuzz  # lazily

    folded, origin = fold(text)
    match = fuzz.partial_ratio_alignment(query, folded, score_cutoff=min_score)
    if match is None or match.dest_end <= match.dest_start:
        return 0.0, []
    return match.score, [(origin[match.dest_start], origin[match.dest_end - 1] + 1)]


def search_units(units: Iterable[TranslationUnit], query: str, *, sides: Sequence[str] | None = None,
                 fuzzy: bool = False, min_score: float = 85.0) -> list[Hit]:
    """Units whose `sides` (default: source and target) contain `query`, in file order."""
    wanted, _ = fold(" ".join(query.split()))
    sides = list(sides or ("source", "target"))
    hits = []
    for position, unit in enumerate(units, start=1):
        hit = Hit(position, unit)
        scores = []
        for side in sides:
            text = getattr(unit, side)
            spans = _exact(text, wanted)
            score = 100.0 if spans else 0.0
            if not spans and fuzzy:
                score, spans = _fuzzy(text, wanted, min_score)
            if spans:
                hit.spans[side] = spans
                scores.append(score)
        if hit.spans:
            hit.score = max(scores)
            hits.append(hit)
    return hits
