"""`glossary-term-forbidden`: the target uses a rendering the glossary forbids for a source term present.

A forbidden rendering inside an approved one (forbidden `Kashmir` inside preferred `Jammu and Kashmir`)
is not a use of the forbidden term and is not flagged.
"""

from __future__ import annotations

from align.qa.base import Check, Span
from align.qa.glossary_match import glossary_rows, source_terms
from align.qa.terms import find_term


class GlossaryTermForbidden(Check):
    id = "glossary-term-forbidden"
    severity = "error"
    description = "the target uses a rendering that the glossary forbids"

    def check(self, unit, position, context):
        if context.glossary is None:
            return
        rows_of = glossary_rows(context.glossary, context)
        for term in source_terms(unit, context.glossary, context):  # only the terms in this source
            rows = rows_of[term]
            forbidden = [row.target for row in rows if row.status == "forbidden"]
            if not forbidden:
                continue
            approved = [span for row in rows if row.status != "forbidden"
                        for span in find_term(unit.target, row.target, unit.tgt_lang)]
            for rendering in forbidden:
                spans = [(s, e) for s, e in find_term(unit.target, rendering, unit.tgt_lang)
                         if not any(a <= s and e <= b for a, b in approved)]
                if spans:
                    yield self.finding(unit, position,
                                       f"'{rendering}' is a forbidden rendering of '{term}'",
                                       [Span("target", s, e) for s, e in spans])
