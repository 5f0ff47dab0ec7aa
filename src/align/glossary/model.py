"""Glossary data model shared by extraction (glossary/), TBX/CSV files and the QA checks (qa/).

A glossary is a list of term pairs, one row each, as in the CSV format
`source,target,status,frequency,score,example`. Several rows may share a source term (its preferred,
admitted and forbidden renderings).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

STATUSES = ("preferred", "admitted", "forbidden", "candidate")
# Statuses a person sets; `candidate` is what extraction proposes and QA never uses as a reference.
REVIEWED_STATUSES = ("preferred", "admitted", "forbidden")
KINDS = ("term", "acronym", "expansion")
# How a terminologist sorts candidates: domain terms (and acronym pairs) first, then proper names, then
# copies (a term written identically in both languages: `OLAF -> OLAF`, `Pakistan -> Pakistan`).
CATEGORIES = ("term", "name", "copy")
# An example unit is written `source sentence ||| target sentence` (the Moses phrase-table separator), so
# one CSV cell holds both sides and TBX can put each side in its own language section.
EXAMPLE_SEPARATOR = " ||| "


@dataclass
class TermPair:
    source: str
    target: str
    status: str = "preferred"  # preferred | admitted | forbidden (TBX: deprecated) | candidate (not reviewed)
    frequency: int = 0
    score: float = 0.0
    example: str = ""
    kind: str = "term"  # term | acronym | expansion (TBX termType: fullForm / acronym)
    concept: str = ""  # rows sharing a concept (an acronym pair and its expansions) form one TBX entry
    category: str = ""  # term | name | copy for extracted candidates (CATEGORIES); "" when unknown

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"term status must be one of {', '.join(STATUSES)}, not {self.status!r}")


@dataclass
class Glossary:
    pairs: list[TermPair] = field(default_factory=list)
    src_lang: str = "fr"
    tgt_lang: str = "en"
    signature: str = ""  # settings that produced an extracted glossary (align.signature), shown in TBX headers

    def reviewed(self) -> "Glossary":
        """The rows a person set a status on: what QA checks a translation against."""
        return Glossary([p for p in self.pairs if p.status in REVIEWED_STATUSES], self.src_lang, self.tgt_lang,
                        self.signature)

    def by_source(self) -> dict[str, list[TermPair]]:
        """Rows grouped by source term, in file order."""
        groups: dict[str, list[TermPair]] = defaultdict(list)
        for pair in self.pairs:
            groups[pair.source].append(pair)
        return dict(groups)
