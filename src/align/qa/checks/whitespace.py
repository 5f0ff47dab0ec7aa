"""`whitespace`: double spaces, leading/trailing spaces, French spacing before `; : ! ?` in English.

French typography puts a (narrow) non-breaking space before `; : ! ?` and inside « »; carried into
English it is a defect (the missing space in a French target is `typography`'s). Leading/trailing
spaces are flagged only when the source does not have them (a non-breaking space before French
punctuation is typography, not a stray space); double spaces only when the source has none (aligned
columns in a usage message). Code and markup are masked first: `voir :ref:`x`` is not prose.
"""

from __future__ import annotations

import re

from align.qa.base import Check, Span
from align.qa.markup import mask

_DOUBLE_RE = re.compile(r"(?<=\S)[ \u00a0\u202f]{2,}(?=\S)")
_FRENCH_SPACING_RE = re.compile(r"(?<=[\w\"”’)])[ \u00a0\u202f]+[;:!?](?!\S*\d)")


class Whitespace(Check):
    id = "whitespace"
    severity = "warning"
    description = "double spaces, leading or trailing spaces, French spacing before punctuation in English"

    def check(self, unit, position, context):
        target = mask(unit.target)
        if not _DOUBLE_RE.search(mask(unit.source)):
            for match in _DOUBLE_RE.finditer(target):
                yield self.finding(unit, position, "double space in the target", [Span("target", *match.span())])
        lead = len(target) - len(target.lstrip())
        if lead and not unit.source[:1].isspace() and not re.match(r"[\u00a0\u202f][;:!?»%]", target):
            yield self.finding(unit, position, "leading space in the target", [Span("target", 0, lead)])
        trail = len(target.rstrip())
        if trail < len(target) and not unit.source[-1:].isspace():
            yield self.finding(unit, position, "trailing space in the target", [Span("target", trail, len(target))])
        if unit.tgt_lang.lower().startswith("en"):
            for match in _FRENCH_SPACING_RE.finditer(target):
                yield self.finding(unit, position,
                                   f"space before '{match.group().strip()}' (French spacing) in English",
                                   [Span("target", *match.span())])
