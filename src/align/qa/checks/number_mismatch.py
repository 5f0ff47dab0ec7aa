"""`number-mismatch`: numbers, dates, times and ordinals of the source missing from the target or added.

Reads each side in its own language (see `align.qa.numbers`): `3,5` = `3.5` but not `35`,
`2 500 000` = `2,500,000`, `49ème` = `49th`, `16 mars 2023` = `March 16, 2023`. A number spelled out on
the other side (`40` / `forty`) is accepted. A French decimal comma left in English (`3,5`) is flagged.
"""

from __future__ import annotations

from align.qa.base import Check, Span
from align.qa.numbers import extract_quantities, spelled_out, unmatched


def _describe(values) -> str:
    kind, number = sorted(values)[0]
    shown = f"{number:g}" if number != int(number) else str(int(number))
    return {"m": f"month {shown}", "t": f"time {int(number) // 60}:{int(number) % 60:02d}"}.get(kind, shown)


class NumberMismatch(Check):
    id = "number-mismatch"
    severity = "error"
    description = "a number, date, time or ordinal differs between source and target"

    def check(self, unit, position, context):
        source = extract_quantities(unit.source, unit.src_lang)
        target = extract_quantities(unit.target, unit.tgt_lang)
        missing, added = unmatched(source, target)
        missing = [q for q in missing if not any(k == "n" and spelled_out(unit.target, v) for k, v in q.values)]
        added = [q for q in added if not any(k == "n" and spelled_out(unit.source, v) for k, v in q.values)]
        if missing or added:
            parts = []
            if missing:
                parts.append("missing from the target: " + ", ".join(f"'{q.text}'" for q in missing))
            if added:
                parts.append("not in the source: " + ", ".join(f"'{q.text}'" for q in added))
            spans = [Span("source", q.start, q.end) for q in missing] + [Span("target", q.start, q.end) for q in added]
            yield self.finding(unit, position, "numbers differ; " + "; ".join(parts), _dedupe(spans))
        for quantity in target:
            if quantity.french_format:
                yield self.finding(unit, position,
                                   f"French decimal comma in English: '{quantity.text}' (write "
                                   f"'{quantity.text.replace(',', '.')}')",
                                   [Span("target", quantity.start, quantity.end)])


def _dedupe(spans: list[Span]) -> list[Span]:
    return list(dict.fromkeys(spans))
