"""`glossary-term-missing`: a glossary source term is in the source but none of its renderings is in the target.

Renderings are the term's `preferred` and `admitted` rows. Matching sees through French elision and
plurals, English plurals/possessives, case (except for acronyms) and hyphen/space variation
(see `align.qa.terms.term_pattern`). An acronym rendered by its expansion (`OCI` -> `Organization of
Islamic Cooperation` for a rendering `OIC`) satisfies the glossary.
"""

from __future__ import annotations

from align.qa.acronyms import spelled_out_anywhere
from align.qa.base import Check, Span
from align.qa.glossary_match import glossary_rows, source_terms
from align.qa.terms import find_term


class GlossaryTermMissing(Check):
    id = "glossary-term-missing"
    severity = "error"
    description = "a glossary term is in the source but none of its approved renderings is in the target"

    def check(self, unit, position, context):
        if context.glossary is None:
            return
        if " ".join(unit.source.split()) == " ".join(unit.target.split()):
            return  # a copied source: `untranslated` reports it, not once per term
        rows_of = glossary_rows(context.glossary, context)
        for term, spans in source_terms(unit, context.glossary, context).items():  # only terms present
            rows = rows_of[term]
            renderings = [row.target for row in rows if row.status in ("preferred", "admitted")]
            if not renderings:
                continue
            if any(find_term(unit.target, rendering, unit.tgt_lang) for rendering in renderings):
                continue
            if any(_is_acronym(r) and spelled_out_anywhere(unit.target, r) for r in renderings + [term]):
                continue  # `OCI` -> `Organization of Islamic Cooperation`: the acronym spelled out
            forbidden = [row.target for row in rows if row.status == "forbidden"]
            if any(find_term(unit.target, rendering, unit.tgt_lang) for rendering in forbidden):
                continue  # glossary-term-forbidden reports it: one error, one finding
            expected = " or ".join(f"'{r}'" for r in renderings)
            yield self.finding(unit, position, f"glossary term '{term}' should be rendered {expected}",
                               [Span("source", s, e) for s, e in spans])


def _is_acronym(term: str) -> bool:
    letters = term.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()
