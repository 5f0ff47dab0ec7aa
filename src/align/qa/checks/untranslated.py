"""`untranslated`: the target is a copy of the source.

A copy is fine when there is nothing to translate: numbers, names, acronyms, URLs, a date line. So
the check fires only when the source holds running words (lower-case words of three letters or more),
which is what a French sentence left in the English file looks like.
"""

from __future__ import annotations

import re

from align.qa.base import Check, Span

_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_RUNNING_WORD_RE = re.compile(r"(?<![\w'’])[a-zà-ÿœæ][a-zà-ÿœæ'’-]{2,}")


def _comparable(text: str) -> str:
    return " ".join(text.split()).casefold()


class Untranslated(Check):
    id = "untranslated"
    severity = "error"
    description = "the target is identical to the source although the source has words to translate"
    options = {"min_running_words": 2}

    def check(self, unit, position, context):
        if _comparable(unit.source) != _comparable(unit.target):
            return
        words = _RUNNING_WORD_RE.findall(_URL_RE.sub(" ", unit.source))
        if len(words) >= int(self.settings["min_running_words"]):
            yield self.finding(unit, position, "target is identical to the source (not translated)",
                               [Span("target", 0, len(unit.target))])
