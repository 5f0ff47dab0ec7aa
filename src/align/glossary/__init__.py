"""Bilingual glossaries: term extraction from translation units, CSV/TBX files, per-unit renderings.

    extract_terms(units)            -> Glossary of term pair candidates (frequency, Dice score, category, example)
    analyse_terms(units)            -> the same plus each unit's renderings (term consistency, review page)
    read_glossary(path)             -> Glossary from .csv or .tbx (TBX v3 or v2)
    write_glossary(path, glossary)  atomically, .csv or .tbx (TBX-Basic v3; tbx_version=2 for <martif>)
    term_renderings(units, terms)   -> {term: {unit index: rendering}} for term-consistency QA
    align_words(units)              -> tokens and symmetrised word links per unit (deterministic)
    find_expansions(text)           -> [(acronym, long form)] for `Long Form (ACR)` definitions

Nothing heavy is imported here: numpy and simplemma load when words are first aligned or lemmatised.
"""

from align.glossary.acronyms import find_expansions
from align.glossary.extract import analyse_terms, extract_terms
from align.glossary.io import read_glossary, write_glossary
from align.glossary.model import Glossary, TermPair
from align.glossary.renderings import term_renderings
from align.glossary.wordalign import WordAlignment, align_words

__all__ = [
    "Glossary",
    "TermPair",
    "WordAlignment",
    "align_words",
    "analyse_terms",
    "extract_terms",
    "find_expansions",
    "read_glossary",
    "term_renderings",
    "write_glossary",
]
