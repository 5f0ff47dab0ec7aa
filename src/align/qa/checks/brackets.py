"""`brackets`: brackets and quotation marks unbalanced in the target, or brackets lost from the source.

French « » becomes English “ ” or "…", so quotation marks are compared as one family. A sentence of a
multi-sentence quotation opens a quote without closing it: imbalance is flagged only when the source
is balanced for that family. A pair lost from the source (`(or any parent directory)` left out, `(IT)`
dropped) is often a translator's choice: `info`. Code and markup are masked first.
"""

from __future__ import annotations

import re

from align.qa.base import Check, Span
from align.qa.markup import mask

PAIRS = {"(": ")", "[": "]", "{": "}"}
QUOTE_OPEN = "«“"
QUOTE_CLOSE = "»”"


def _unmatched(text: str, opening: str, closing: str) -> list[int]:
    """Positions of brackets of one family without partner (openers left open, stray closers)."""
    if not any(char in text for char in opening + closing):
        return []
    stack, stray = [], []
    for i, char in enumerate(text):
        if char in opening:
            stack.append(i)
        elif char in closing:
            if stack:
                stack.pop()
            else:
                stray.append(i)
    return sorted(stack + stray)


_SINGLE_QUOTE_MARK = re.compile(r"""(?:^|\s)'(?=\s?\w)|(?<=[\w.,!?"]) ?'(?=\s|$)""")


def _straight_quotes_odd(text: str) -> bool:
    return text.count('"') % 2 == 1


class Brackets(Check):
    id = "brackets"
    severity = "error"
    description = "unbalanced brackets or quotation marks in the target, or brackets lost or added"

    def check(self, unit, position, context):
        source, target = mask(unit.source), mask(unit.target)
        for opening, closing in PAIRS.items():
            bad_target = _unmatched(target, opening, closing)
            if bad_target and not _unmatched(source, opening, closing):
                yield self.finding(unit, position, f"unbalanced '{opening}{closing}' in the target",
                                   [Span("target", i, i + 1) for i in bad_target])
            elif not bad_target and target.count(opening) < source.count(opening):
                # Fewer pairs: a parenthesis lost. More pairs is usual (an expansion, a translator's gloss).
                yield self.finding(unit, position,
                                   f"'{opening}{closing}' pairs: {source.count(opening)} in the source, "
                                   f"{target.count(opening)} in the target",
                                   [Span("source", i, i + 1) for i, c in enumerate(source) if c in opening + closing],
                                   weak=True)
        # Only where the source quotes something and closes its quotes: French dialogue dashes become
        # English quotation marks, and one sentence of a long quotation legitimately leaves one open.
        source_quotes_ok = (any(c in source for c in QUOTE_OPEN + '"')
                            and not _unmatched(source, QUOTE_OPEN, QUOTE_CLOSE) and not _straight_quotes_odd(source))
        bad = _unmatched(target, QUOTE_OPEN, QUOTE_CLOSE)
        if source_quotes_ok and (bad or _straight_quotes_odd(target)):
            spans = [Span("target", i, i + 1) for i in bad] or [
                Span("target", i, i + 1) for i, c in enumerate(target) if c == '"']
            # Single quotes used as quotation marks beside double ones (`' Well, ' said the Hatter, " He's`):
            # a quotation nested across sentences, not countable within one unit: `info`.
            # Straight quotes counted over several quotations (`" a ", " b` ...) may pair across sentences.
            mixed = _SINGLE_QUOTE_MARK.search(target) is not None or (not bad and source.count('"') > 2)
            yield self.finding(unit, position, "unbalanced quotation marks in the target", spans, weak=mixed)
