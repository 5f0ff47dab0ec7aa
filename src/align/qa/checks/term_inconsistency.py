"""`term-inconsistency`: one source term rendered in different ways across the file, without a glossary.

Acronyms first: for each French acronym seen in two units or more, its English rendering is learnt from
co-occurrence (`align.qa.acronyms`); units that render it by a variant (`IIOJ&K`, `IOJ&K` for `IIOJK`)
or spell it out (`Indian Illegally Occupied Jammu and Kashmir`) while the file mostly uses another form
are flagged, naming the majority form. A spelled-out form next to the acronym in the same unit is a
definition and is not flagged.

Then capitalised names spelled two ways in the target (`Jammu & Kashmir` / `Jammu and Kashmir`,
`Secretary General` / `Secretary-General`). Then, with `--extract-terms`, the extractor's terms and their
per-unit renderings from word alignment (`align.glossary.term_renderings`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from align.qa.acronyms import acronym_stats, is_variant
from align.qa.base import Check, Span
from align.qa.terms import find_expansions, is_acronym


class TermInconsistency(Check):
    id = "term-inconsistency"
    severity = "warning"
    description = "a source term is rendered in different ways across the file"
    scope = "corpus"
    options = {"min_units": 2, "min_similarity": 85.0}

    def check_all(self, context):
        reported: set[tuple[int, int, int]] = set()  # (unit, start, end) of target spans already flagged
        for finding in (*self._acronyms(context), *self._spelling_variants(context), *self._extracted_terms(context)):
            spans = {(finding.position, s.start, s.end) for s in finding.spans if s.side == "target"}
            if spans and spans <= reported:
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
            if len(indices) < int(self.settings["min_units"]):
                continue
            reference = stats.rendering(acronym)
            if reference is None:
                continue
            family = {t for i in indices for t in stats.target[i] if t == reference or is_variant(t, reference)}
            # rendering -> {unit index: spans}
            seen: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(dict)
            for i in indices:
                present = [t for t in family if t in stats.target[i]]
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
                if form == majority or (form in approved.get(acronym, ()) and majority in approved.get(acronym, ())):
                    continue
                for i, spans in sorted(units.items()):
                    unit = context.units[i]
                    source_spans = [Span("source", s, e) for s, e in stats.source[i].get(acronym, [])]
                    yield self.finding(
                        unit, i + 1,
                        f"'{acronym}' rendered '{form}' here but '{majority}' in {counts[majority]} of "
                        f"{sum(1 for j in indices if any(j in u for u in seen.values()))} units",
                        source_spans + [Span("target", s, e) for s, e in spans])

    # -- extracted terms (opt-in: word alignment) ------------------------------------------------------
    def _extracted_terms(self, context):
        """Terms of the extractor (`extract_terms`) and how each unit renders them (`term_renderings`, word
        links). Word links are noisy on ordinary words, so a minority rendering is flagged only when it is
        a variant of the majority (string similarity >= `min_similarity`, not a mere case difference):
        `Jammu & Kashmir` for `Jammu and Kashmir`, not `measures` for `actions` (synonyms)."""
        if not context.use_extractor:
            return
        from rapidfuzz import fuzz

        from align.glossary import Glossary, term_renderings

        pairs = [p for p in context.extracted_pairs if not is_acronym(p.source) and p.status != "forbidden"]
        if not pairs:
            return
        first = context.units[0]
        renderings = term_renderings(context.units, sorted({p.source for p in pairs}), glossary=Glossary(pairs),
                                     src_lang=first.src_lang, tgt_lang=first.tgt_lang)
        threshold = float(self.settings["min_similarity"])
        for term, by_unit in renderings.items():
            forms: dict[str, list[int]] = defaultdict(list)
            for i, rendering in by_unit.items():
                if rendering and rendering.casefold() != term.casefold():  # a copied term: `untranslated`
                    forms[rendering].append(i)
            if len(forms) < 2:
                continue
            majority = max(forms, key=lambda f: (len(forms[f]), -forms[f][0]))
            if len(forms[majority]) < int(self.settings["min_units"]):
                continue
            for form, indices in forms.items():
                if form.casefold() == majority.casefold() or fuzz.ratio(form.casefold(), majority.casefold()) < threshold:
                    continue
                for i in indices:
                    unit = context.units[i]
                    start = unit.target.find(form)
                    spans = [Span("target", start, start + len(form))] if start >= 0 else []
                    yield self.finding(unit, i + 1, f"'{term}' rendered '{form}' here but '{majority}' in "
                                       f"{len(forms[majority])} units", spans)


# A capitalised name of two words or more, joined by spaces, hyphens, `&` or a few link words.
_NAME_RE = re.compile(r"[A-Z][a-z][\w'’]*(?:(?:[ \u00a0]+(?:and|of|the|for|on|&)[ \u00a0]+|[ \u00a0]+|-)[A-Z][a-z][\w'’]*)+")
_LEADING_WORD_RE = re.compile(r"(?:The|A|An|This|That|In|On|At|For|By|From|With|And|But)[ \u00a0]+")


def _name_key(surface: str) -> str:
    return " ".join(surface.replace("&", " and ").replace("-", " ").replace("’", "'").casefold().split())


def _glossary_renderings(context) -> dict[str, set[str]]:
    if context.glossary is None:
        return {}
    approved: dict[str, set[str]] = defaultdict(set)
    for pair in context.glossary.pairs:
        if pair.status != "forbidden":
            approved[pair.source].add(pair.target)
    return approved
