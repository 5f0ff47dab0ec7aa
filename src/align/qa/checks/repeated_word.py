"""`repeated-word`: the same word twice in a row in the target ("the the").

English has a few legitimate doublings ("had had", "that that"); they are not flagged.
"""

from __future__ import annotations

import re

from align.qa.base import Check, Span

_REPEAT_RE = re.compile(r"(?<![\w'’-])([^\W\d_]+)[ \u00a0]+\1(?![\w'’-])", re.IGNORECASE)
_LEGITIMATE = {"had", "that", "is", "nous", "vous", "bye", "so", "far"}  # "had had", "so so", "far far away"


class RepeatedWord(Check):
    id = "repeated-word"
    severity = "warning"
    description = "a word repeated twice in a row in the target"

    def check(self, unit, position, context):
        for match in _REPEAT_RE.finditer(unit.target):
            word = match.group(1)
            if word.lower() in _LEGITIMATE:
                continue
            if re.search(rf"(?<!\w){re.escape(word)}[ \u00a0]+{re.escape(word)}(?!\w)", unit.source, re.IGNORECASE):
                continue  # the source repeats it too (a quotation, a name)
            yield self.finding(unit, position, f"word repeated: '{match.group()}'", [Span("target", *match.span())])
