"""The shared shape of the checks on things a translator must copy (see `align.qa.markup`).

A `KeptTokens` check names the token kinds it compares; a token of the source whose key is not in the
target is "missing", one of the target not in the source is "added". Subclasses may excuse some
differences (`excused`). One finding per unit lists all of them.
"""

from __future__ import annotations

from align.qa.base import Check, Span
from align.qa.markup import Token, difference, of_kind


class KeptTokens(Check):
    kinds: tuple[str, ...] = ()
    noun = "token"
    weak_when_only_added = False  # a token only added (nothing lost) is `info`: e.g. <sup> for `1er`

    def weak_added(self, added: list[Token]) -> bool:
        return self.weak_when_only_added
    def excused(self, unit, missing: list[Token], added: list[Token]) -> tuple[list[Token], list[Token]]:
        return missing, added

    def check(self, unit, position, context):
        source, target = of_kind(unit.source, *self.kinds), of_kind(unit.target, *self.kinds)
        if not source and not target:
            return
        missing, added = self.excused(unit, *difference(source, target))
        if not missing and not added:
            return
        parts = []
        if len(missing) == 1 and len(added) == 1:
            parts.append(f"{self.noun} '{missing[0].text}' became '{added[0].text}'")
        else:
            if missing:
                parts.append(f"{self.noun} missing from the target: " + ", ".join(f"'{t.text}'" for t in missing))
            if added:
                parts.append(f"{self.noun} not in the source: " + ", ".join(f"'{t.text}'" for t in added))
        spans = [Span("source", t.start, t.end) for t in missing] + [Span("target", t.start, t.end) for t in added]
        yield self.finding(unit, position, "; ".join(parts), spans, weak=not missing and self.weak_added(added))
