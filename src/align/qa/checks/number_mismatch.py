"""`number-mismatch`: numbers, dates, times and ordinals of the source missing from the target or added.

Reads each side in its own language (see `align.qa.numbers`): `3,5` = `3.5` but not `35`,
`2 500 000` = `2,500,000`, `49ème` = `49th`, `16 mars 2023` = `March 16, 2023`. A number spelled out on
the other side (`40` / `forty`) is accepted, and so is a number written inside an identifier or a
unit-suffixed token on the other side (`6-digit` / `à 6 chiffres`, `150ms` / `150 ms`, `v3.5`).
Placeholders, URLs and paths are masked first (`%2$s` holds no quantity). A French decimal comma left in
English (`3,5`) is flagged.
"""

from __future__ import annotations

import re

from align.qa.base import Check, Span
from align.qa.markup import mask
from align.qa.numbers import extract_quantities, identifier_numbers, months_named, spelled_out, unmatched


def _describe(values) -> str:
    kind, number = sorted(values)[0]
    shown = f"{number:g}" if number != int(number) else str(int(number))
    return {"m": f"month {shown}", "t": f"time {int(number) // 60}:{int(number) % 60:02d}"}.get(kind, shown)


class NumberMismatch(Check):
    id = "number-mismatch"
    severity = "error"
    description = "a number, date, time or ordinal differs between source and target"

    def check(self, unit, position, context):
        # Placeholders, URLs, paths hold no quantity; inline code may (``-0`` for -0), so it stays.
        source_text, target_text = mask(unit.source, keep=("code",)), mask(unit.target, keep=("code",))
        source = extract_quantities(source_text, unit.src_lang)
        target = extract_quantities(target_text, unit.tgt_lang)
        missing, added = unmatched(source, target)
        in_source_ids = identifier_numbers(source_text, unit.src_lang)
        in_target_ids = identifier_numbers(target_text, unit.tgt_lang)
        missing = [q for q in missing if not any(k == "n" and (spelled_out(target_text, v) or v in in_target_ids)
                                                 for k, v in q.values)]
        added = [q for q in added if not any(k == "n" and (spelled_out(source_text, v) or v in in_source_ids)
                                             for k, v in q.values)]
        missing = [q for q in missing if not _month_elsewhere(q, target_text)]
        added = [q for q in added if not _month_elsewhere(q, source_text)]
        if missing or added:
            parts = []
            if missing:
                parts.append("missing from the target: " + ", ".join(f"'{q.text}'" for q in missing))
            if added:
                parts.append("not in the source: " + ", ".join(f"'{q.text}'" for q in added))
            spans = [Span("source", q.start, q.end) for q in missing] + [Span("target", q.start, q.end) for q in added]
            # An error only when both sides write digits and they disagree (`4 years` / `10 ans`). Numbers
            # in words on either side (`trente-six` / `six and thirty`, `dix-huit milles cinq dixièmes` /
            # `18.5`, `une heure moins sept` / `12:53`) are more often a rendering choice: `info`.
            worded = any(not any(c.isdigit() for c in q.text) and not any(k == "m" for k, _ in q.values)
                         for q in missing + added)
            one_sided = not _DIGIT.search(source_text) or not _DIGIT.search(target_text)
            # A list of examples the translator cut short (`15:30, 14:15:20, etc.`) loses items on purpose.
            abridged = not added and re.search(r"\betc\b|…|\.\.\.", target_text) is not None
            yield self.finding(unit, position, "numbers differ; " + "; ".join(parts), _dedupe(spans),
                               weak=worded or one_sided or abridged)
        for quantity in target:
            if quantity.french_format:
                yield self.finding(unit, position,
                                   f"French decimal comma in English: '{quantity.text}' (write "
                                   f"'{quantity.text.replace(',', '.')}')",
                                   [Span("target", quantity.start, quantity.end)])


_DIGIT = re.compile(r"\d")


def _month_elsewhere(quantity, other_text: str) -> bool:
    """A month read beside a date on one side and named apart from it on the other."""
    months = {v for k, v in quantity.values if k == "m"}
    return bool(months) and bool(months & months_named(other_text))


def _dedupe(spans: list[Span]) -> list[Span]:
    return list(dict.fromkeys(spans))
