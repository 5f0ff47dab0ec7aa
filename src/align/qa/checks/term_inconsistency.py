"""`term-inconsistency`: one source term rendered in different ways across the file, without a glossary.

Acronyms first: for each French acronym seen in two units or more, its English rendering is learnt from
co-occurrence (`align.qa.acronyms`); units that render it by a variant (`IIOJ&K`, `IOJ&K` for `IIOJK`)
or spell it out (`Indian Illegally Occupied Jammu and Kashmir`) while the file mostly uses another form
are flagged, naming the majority form. A spelled-out form next to the acronym in the same unit is a
definition and is not flagged.

Then terms from the extractor (`align.glossary.extract_terms`): where a term's usual rendering is
absent, a near-identical string in the target (`Jammu & Kashmir` for `Jammu and Kashmir`) is a variant.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from align.qa.acronyms import acronym_stats, is_variant
from align.qa.base import Check, Span
from align.qa.terms import find_expansions, find_term, is_acronym, normalise


class TermInconsistency(Check):
    id = "term-inconsistency"
    severity = "warning"
    description = "a source term is rendered in different ways across the file"
    scope = "corpus"
    options = {"min_units": 2, "min_similarity": 85.0}

    def check_all(self, context):
        yield from self._acronyms(context)
        yield from self._extracted_terms(context)

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

    # -- extracted terms ------------------------------------------------------------------------------
    def _extracted_terms(self, context):
        """The extractor's renderings of one source term, plus near-identical strings where none occurs;
        a minority form is flagged when it is a variant of the majority (`Jammu & Kashmir` for
        `Jammu and Kashmir`), not when it is a different word (`measures` / `actions` are synonyms)."""
        from rapidfuzz import fuzz

        by_source: dict[str, list[str]] = defaultdict(list)
        for pair in context.extracted_pairs:
            if not is_acronym(pair.source) and pair.status != "forbidden":
                by_source[pair.source].append(pair.target)
        threshold = float(self.settings["min_similarity"])
        for term, renderings in by_source.items():
            seen: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(dict)
            for i, unit in enumerate(context.units):
                if not unit.target.strip() or not find_term(unit.source, term, unit.src_lang):
                    continue
                found = False
                for rendering in renderings:
                    spans = find_term(unit.target, rendering, unit.tgt_lang)
                    if spans:
                        seen[rendering.casefold()][i] = spans
                        found = True
                if found:
                    continue
                target = normalise(unit.target).casefold()
                for rendering in renderings:
                    if len(rendering) < 6:
                        continue
                    alignment = fuzz.partial_ratio_alignment(rendering.casefold(), target)
                    if alignment and alignment.score >= threshold:
                        window = unit.target[alignment.dest_start:alignment.dest_end]
                        seen[window.casefold()][i] = [(alignment.dest_start, alignment.dest_end)]
                        break
            if len(seen) < 2:
                continue
            counts = Counter({form: len(units) for form, units in seen.items()})
            majority = max(counts, key=lambda f: (counts[f], -min(seen[f])))
            if counts[majority] < int(self.settings["min_units"]):
                continue
            for form, units in seen.items():
                if form == majority or fuzz.ratio(form, majority) < threshold:
                    continue
                for i, spans in sorted(units.items()):
                    shown = context.units[i].target[spans[0][0]:spans[0][1]]
                    yield self.finding(context.units[i], i + 1,
                                       f"'{term}' rendered '{shown}' here but '{majority}' in {counts[majority]} units",
                                       [Span("target", s, e) for s, e in spans])


def _glossary_renderings(context) -> dict[str, set[str]]:
    if context.glossary is None:
        return {}
    approved: dict[str, set[str]] = defaultdict(set)
    for pair in context.glossary.pairs:
        if pair.status != "forbidden":
            approved[pair.source].add(pair.target)
    return approved
