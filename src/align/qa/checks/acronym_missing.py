"""`acronym-missing`: an acronym that English keeps as is (APHC, UNMOGIP) is in the source, not in the target.

An acronym counts as kept only when that same string is expected in English: the file keeps it in most other units where it occurs, or it is one of the few shared
international acronyms listed below. An acronym the glossary lists is left to the glossary checks
(one error, one finding). A translated acronym (JCIOI -> IIOJK, OCI -> OIC, CSNU -> UNSC,
S.E. -> H.E.) is never expected, so it never fires; nor does a spelled-out rendering of the acronym.
"""

from __future__ import annotations

from align.qa.acronyms import acronym_stats, spelled_out_anywhere
from align.qa.base import Check, Span
from align.qa.terms import find_expansions, find_term

# Acronyms written the same in French and English texts of this genre.
SHARED_ACRONYMS = ("UNESCO", "UNICEF", "UNMOGIP", "UNRWA", "UNHCR", "APHC", "FAO", "BBC", "CNN", "NASA",
                   "INTERPOL", "MINUSMA", "MONUSCO", "UNAMA", "SAARC", "BRICS")


class AcronymMissing(Check):
    id = "acronym-missing"
    severity = "info"  # measured: software spells acronyms out in French (EOF, ID) more often than it loses them
    description = "an acronym that stays the same in English is in the source but missing from the target"
    options = {"shared_acronyms": list(SHARED_ACRONYMS)}

    def check(self, unit, position, context):
        stats = acronym_stats(context)
        for acronym, spans in stats.source[position - 1].items():
            if find_term(unit.target, acronym, unit.tgt_lang) or not self._kept(acronym, position - 1, context, stats):
                continue
            if find_expansions(unit.target, acronym) or spelled_out_anywhere(unit.target, acronym):
                continue  # rendered by its expansion (`GUI` -> `interface graphique utilisateur`)
            yield self.finding(unit, position, f"acronym '{acronym}' is missing from the target",
                               [Span("source", s, e) for s, e in spans])

    def _kept(self, acronym, index, context, stats) -> bool:
        if context.glossary is not None:
            rows = [p for p in context.glossary.pairs if p.source == acronym and p.status != "forbidden"]
            if rows:
                return False  # the glossary names its renderings: glossary-term-missing reports a miss
        extracted = [p.target for p in context.extracted_pairs if p.source == acronym and p.status != "forbidden"]
        if extracted and acronym not in extracted:
            return False
        both, total = stats.kept_share(acronym)
        elsewhere = total - 1  # the other units with this acronym (this one does not keep it)
        if both >= 1 and both >= elsewhere / 2:
            return True
        return acronym in self.settings["shared_acronyms"]
