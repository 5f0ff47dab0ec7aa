"""`term-inconsistency`: one source term rendered in different ways across the file, without a glossary.

Acronyms first: for each French acronym seen in two units or more, its English rendering is learnt from
co-occurrence (`align.qa.acronyms`); units that render it by a variant (`IIOJ&K`, `IOJ&K` for `IIOJK`)
or spell it out (`Indian Illegally Occupied Jammu and Kashmir`) while the file mostly uses another form
are flagged, naming the majority form. A spelled-out form next to the acronym in the same unit is a
definition and is not flagged.

Then capitalised names spelled two ways in the target (`Jammu & Kashmir` / `Jammu and Kashmir`,
`Secretary General` / `Secretary-General`). Then, by default, every term of the file whose renderings split
into a usual one and minority ones in other words (`align.glossary.consistency`: word alignment grouped by
lemma; set `word_alignment = false` in the config to skip it).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from align.qa.acronyms import acronym_stats, is_variant
from align.qa.base import Check, Span
from align.qa.terms import find_expansions


class TermInconsistency(Check):
    id = "term-inconsistency"
    severity = "warning"
    description = "a source term is rendered in different ways across the file"
    scope = "corpus"
    options = {"min_units": 2, "min_share": 0.6, "min_score": 0.4, "word_alignment": True}

    def check_all(self, context):
        reported: set[tuple[int, int, int]] = set()  # (unit, start, end) of target spans already flagged
        for finding in (*self._acronyms(context), *self._spelling_variants(context), *self._aligned_terms(context)):
            spans = {(finding.position, s.start, s.end) for s in finding.spans if s.side == "target"}
            if spans and all(_overlaps(span, reported) for span in spans):
                continue  # the same words, found by a second route
            reported |= spans
            yield finding

    # -- one name spelled several ways ----------------------------------------------------------------
    def _spelling_variants(self, context):
        """`Jammu & Kashmir` where the file mostly writes `Jammu and Kashmir`, `Secretary General` where it
        writes `Secretary-General`: the same capitalised name, differing only in `&`/`and`, hyphens or
        spaces. Cheap (no alignment), and it catches the variants the extractor would merge anyway."""
        forms: dict[str, dict[str, dict[int, list[tuple[int, int]]]]] = defaultdict(lambda: defaultdict(dict))
        for i, unit in enumerate(context.units):
            if not unit.target.strip():
                continue
            for match in _NAME_RE.finditer(unit.target):
                surface = match.group()
                start = match.start()
                lead = _LEADING_WORD_RE.match(surface)
                if lead:
                    surface, start = surface[lead.end():], start + lead.end()
                key = _name_key(surface)
                if " " not in key:
                    continue
                forms[key][surface].setdefault(i, []).append((start, start + len(surface)))
        for key, by_surface in forms.items():
            if len(by_surface) < 2:
                continue
            counts = Counter({surface: len(units) for surface, units in by_surface.items()})
            majority = max(counts, key=lambda f: (counts[f], -min(by_surface[f])))
            if counts[majority] < int(self.settings["min_units"]):
                continue
            for surface, units in by_surface.items():
                if surface == majority or counts[surface] >= counts[majority]:
                    continue
                for i, spans in sorted(units.items()):
                    yield self.finding(context.units[i], i + 1,
                                       f"'{surface}' here but '{majority}' in {counts[majority]} units",
                                       [Span("target", s, e) for s, e in spans])

    # -- acronyms -------------------------------------------------------------------------------------
    def _acronyms(self, context):
        stats = acronym_stats(context)
        approved = _glossary_renderings(context)
        for acronym, indices in stats.units_with_source.items():
            if len(indices) < int(self.settings["min_units"]) or _shouted_word(acronym):
                continue
            reference = stats.rendering(acronym)
            if reference is None:
                continue
            family = {t for i in indices for t in stats.target[i] if t == reference or is_variant(t, reference)}
            # rendering -> {unit index: spans}
            seen: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(dict)
            for i in indices:
                # a form the source writes too renders that other acronym (`GFMT et LFMT` / `GFMT and LFMT`)
                present = [t for t in family if t in stats.target[i]
                           and (t in (reference, acronym) or t not in stats.source[i])]
                for t in present:
                    seen[t][i] = stats.target[i][t]
                if not present:
                    target = context.units[i].target
                    for form in sorted(family, key=len):
                        spans = find_expansions(target, form)
                        if spans:
                            words = target[spans[0][0]:spans[0][1]]
                            seen[words][i] = spans
                            break
            if len(seen) < 2:
                continue
            counts = Counter({form: len(units) for form, units in seen.items()})
            first = {form: min(units) for form, units in seen.items()}
            # The majority is an acronym form when there is one (the source wrote an acronym); ties go to
            # the form the whole file uses most, then to the first seen.
            majority = max(counts, key=lambda f: (f in family, counts[f],
                                                  len(stats.units_with_target.get(f, ())), -first[f]))
            for form, units in seen.items():
                if form == majority or _plural(form, majority) or (
                        form in approved.get(acronym, ()) and majority in approved.get(acronym, ())):
                    continue
                for i, spans in sorted(units.items()):
                    unit = context.units[i]
                    source_spans = [Span("source", s, e) for s, e in stats.source[i].get(acronym, [])]
                    yield self.finding(
                        unit, i + 1,
                        f"'{acronym}' rendered '{form}' here but '{majority}' in {counts[majority]} of "
                        f"{sum(1 for j in indices if any(j in u for u in seen.values()))} units",
                        source_spans + [Span("target", s, e) for s, e in spans])

    # -- terms in other words (word alignment, on by default) ---------------------------------------
    def _aligned_terms(self, context):
        """Terms of the file (`align.glossary.analyse_terms`: noun-phrase candidates, lemma-grouped
        renderings by word links) rendered in other words in a minority of units: `Liaison Group` where
        the file says `Contact Group` in 3 units. See `align.glossary.consistency` for the rules."""
        if not self.settings["word_alignment"] or not context.units:
            return
        from align.glossary.consistency import inconsistent_renderings

        for item in inconsistent_renderings(context.term_analysis, min_units=int(self.settings["min_units"]),
                                            min_share=float(self.settings["min_share"]),
                                            min_score=float(self.settings["min_score"])):
            unit = context.units[item.position]
            spans = ([Span("source", *item.source_span)] if item.source_span else []) + (
                [Span("target", *item.target_span)] if item.target_span else [])
            yield self.finding(unit, item.position + 1,
                               f"'{item.source_term}' rendered '{item.rendering}' here but '{item.usual}' in "
                               f"{item.usual_units} of {item.units} units", spans)


# A capitalised name of two words or more, joined by spaces, hyphens, `&` or a few link words.
_NAME_RE = re.compile(r"[A-Z][a-z][\w'’]*(?:(?:[ \u00a0]+(?:and|of|the|for|on|&)[ \u00a0]+|[ \u00a0]+|-)[A-Z][a-z][\w'’]*)+")
_LEADING_WORD_RE = re.compile(r"(?:The|A|An|This|That|In|On|At|For|By|From|With|And|But)[ \u00a0]+")


def _shouted_word(acronym: str) -> bool:
    """`FICHIER`, `ENTRÉE` in command-line help are placeholders written in capitals, not acronyms: a word
    of four letters or more that the French dictionary knows (`align.glossary.lexicon`)."""
    from align.glossary.lexicon import shouted_word

    return shouted_word(acronym, "fr")


def _plural(form: str, majority: str) -> bool:
    """`IFUNCs`, `IFUNCS` for `IFUNC`: the same acronym in the plural, not another rendering."""
    return any(longer[:-1] == shorter and longer[-1] in "sS"
               for longer, shorter in ((form, majority), (majority, form)))


def _overlaps(span: tuple[int, int, int], reported: set[tuple[int, int, int]]) -> bool:
    """True when an already reported target span of the same unit shares characters with `span`."""
    position, start, end = span
    return any(p == position and s < end and start < e for p, s, e in reported)


def _name_key(surface: str) -> str:
    return " ".join(surface.replace("&", " and ").replace("-", " ").replace("’", "'").casefold().split())


def _glossary_renderings(context) -> dict[str, set[str]]:
    if context.glossary is None:
        return {}
    approved: dict[str, set[str]] = defaultdict(set)
    for pair in context.glossary.reviewed().pairs:
        if pair.status != "forbidden":
            approved[pair.source].add(pair.target)
    return approved
