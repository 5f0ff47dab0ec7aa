"""Where the glossary's source terms occur in a source segment, longest match first.

`Cachemire` inside `Jammu-et-Cachemire` is part of the longer term, not an occurrence of its own: a
glossary listing both would otherwise demand both renderings. Computed once per unit and shared by the
two glossary checks.
"""

from __future__ import annotations

import re

from align.qa.terms import find_term, normalise


def glossary_rows(glossary, context) -> dict:
    """The rows a person set a status on (`candidate` rows, proposed by `align glossary` and not yet
    reviewed, are no reference), grouped by source term; built once per run, not once per unit and check."""
    if "glossary-rows" not in context.cache:
        context.cache["glossary-rows"] = glossary.reviewed().by_source()
    return context.cache["glossary-rows"]


def _anchors(glossary, context) -> dict[str, str]:
    """A cheap substring every occurrence of a term must contain (the first letters of its longest word,
    casefolded): a large glossary is then matched with regular expressions only where it may occur."""
    if "glossary-anchors" not in context.cache:
        anchors = {}
        for term in glossary_rows(glossary, context):
            words = re.findall(r"[^\W_]+", normalise(term)) or [term]
            anchors[term] = max(words, key=len)[:3].casefold()  # `city` must still find `cities`
        context.cache["glossary-anchors"] = anchors
    return context.cache["glossary-anchors"]


def source_terms(unit, glossary, context) -> dict[str, list[tuple[int, int]]]:
    """{source term: spans in `unit.source`} for the glossary terms present, nested matches removed."""
    key = ("glossary-source", id(unit))
    if key not in context.cache:
        folded = normalise(unit.source).casefold()
        found = {term: find_term(unit.source, term, unit.src_lang)
                 for term, anchor in _anchors(glossary, context).items() if anchor in folded}
        found = {term: spans for term, spans in found.items() if spans}
        result = {}
        for term, spans in found.items():
            free = [(s, e) for s, e in spans
                    if not any(other != term and a <= s and e <= b and (b - a) > (e - s)
                               for other, others in found.items() for a, b in others)]
            if free:
                result[term] = free
        context.cache[key] = result
    return context.cache[key]
