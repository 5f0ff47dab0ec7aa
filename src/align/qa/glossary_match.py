"""Where the glossary's source terms occur in a source segment, longest match first.

`Cachemire` inside `Jammu-et-Cachemire` is part of the longer term, not an occurrence of its own: a
glossary listing both would otherwise demand both renderings. Computed once per unit and shared by the
two glossary checks.
"""

from __future__ import annotations

from align.qa.terms import find_term


def source_terms(unit, glossary, context) -> dict[str, list[tuple[int, int]]]:
    """{source term: spans in `unit.source`} for the glossary terms present, nested matches removed."""
    key = ("glossary-source", id(unit))
    if key not in context.cache:
        found = {term: find_term(unit.source, term, unit.src_lang) for term in glossary.by_source()}
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
