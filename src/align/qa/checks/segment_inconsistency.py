"""`segment-inconsistency`: one source segment translated differently, or one target from different sources.

Segments are compared after collapsing whitespace and case. The finding is put on each unit whose
translation differs from the most frequent one (the first seen on a tie) and names that one. Units
with different contexts (PO `msgctxt`) or forms of one plural entry are not compared: gettext keeps
them apart on purpose. One translation for different sources (`could not` / `unable to` -> `impossible
de`) is measured as mostly synonyms, and one source translated differently is mostly context: `info`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from align.qa.base import Check, Span


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class SegmentInconsistency(Check):
    id = "segment-inconsistency"
    severity = "info"  # measured on real software and literary files: 5 real of 44 (bench/qa/run_real.py)
    description = "the same source segment has different translations (or one translation, different sources)"
    scope = "corpus"

    def check_all(self, context):
        units = [(i, u) for i, u in enumerate(context.units, start=1) if u.source.strip() and u.target.strip()]
        yield from self._inconsistent(units, context, by="source")
        yield from self._inconsistent(units, context, by="target")

    def _inconsistent(self, units, context, by):
        other = "target" if by == "source" else "source"
        groups = defaultdict(list)
        for position, unit in units:
            groups[(_key(getattr(unit, by)), unit.props.get("context", ""))].append((position, unit))
        for members in groups.values():
            variants = Counter(_key(getattr(u, other)) for _, u in members)
            if len(variants) < 2:
                continue
            first_seen = {}
            for position, unit in members:
                first_seen.setdefault(_key(getattr(unit, other)), (position, unit))
            reference = max(variants, key=lambda v: (variants[v], -first_seen[v][0]))
            ref_position, ref_unit = first_seen[reference]
            for position, unit in members:
                if _key(getattr(unit, other)) == reference or _same_entry(unit, ref_unit):
                    continue
                if by == "source":
                    message = (f"same source as unit {context.label(ref_position)} but translated differently "
                               f"(there: '{getattr(ref_unit, other)}')")
                else:
                    message = (f"same translation as unit {context.label(ref_position)} for a different source "
                               f"(there: '{getattr(ref_unit, other)}')")
                yield self.finding(unit, position, message, [Span(other, 0, len(getattr(unit, other)))])


def _same_entry(unit, other) -> bool:
    """Two plural forms of one PO entry (`%d file[0]`, `%d file[1]`)."""
    return "plural" in unit.props and "plural" in other.props and \
        unit.tuid.rsplit("[", 1)[0] == other.tuid.rsplit("[", 1)[0]
