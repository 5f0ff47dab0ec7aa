"""`whitespace`: double spaces, leading/trailing spaces, French spacing before `; : ! ?` in English
(and, for an English -> French file, the missing space before them in French).

French typography puts a (narrow) non-breaking space before `; : ! ?` and inside « »; carried into
English it is a defect. Leading/trailing spaces are flagged only when the source does not have them.
"""

from __future__ import annotations

import re

from align.qa.base import Check, Span

_DOUBLE_RE = re.compile(r"(?<=\S)[ \u00a0\u202f]{2,}(?=\S)")
_FRENCH_SPACING_RE = re.compile(r"(?<=[\w\"”’)])[ \u00a0\u202f]+[;:!?](?!\S*\d)")
_MISSING_FRENCH_SPACE_RE = re.compile(r"(?<=[\w»)])[;:!?](?![/\d\w])")


class Whitespace(Check):
    id = "whitespace"
    severity = "warning"
    description = "double spaces, leading or trailing spaces, French spacing before punctuation in English"

    def check(self, unit, position, context):
        target = unit.target
        for match in _DOUBLE_RE.finditer(target):
            yield self.finding(unit, position, "double space in the target", [Span("target", *match.span())])
        lead = len(target) - len(target.lstrip())
        if lead and not unit.source[:1].isspace():
            yield self.finding(unit, position, "leading space in the target", [Span("target", 0, lead)])
        trail = len(target.rstrip())
        if trail < len(target) and not unit.source[-1:].isspace():
            yield self.finding(unit, position, "trailing space in the target", [Span("target", trail, len(target))])
        if unit.tgt_lang.lower().startswith("fr"):  # English -> French: the space French requires
            for match in _MISSING_FRENCH_SPACE_RE.finditer(target):
                yield self.finding(unit, position, f"no space before '{match.group()}' in French",
                                   [Span("target", *match.span())])
        if unit.tgt_lang.lower().startswith("en"):
            for match in _FRENCH_SPACING_RE.finditer(target):
                yield self.finding(unit, position,
                                   f"space before '{match.group().strip()}' (French spacing) in English",
                                   [Span("target", *match.span())])
