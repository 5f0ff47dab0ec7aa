"""`placeholders`: printf (`%s`, `%1$s`, `%(name)s`), brace (`{0}`, `{name}`, ICU `{n, plural`), Qt `%1`
and `${var}` placeholders must be the same in source and target; unnamed printf ones in the same order
(`%s %d` is keyed `%1$s %2$d`, so `%2$d … %1$s` is right and `%d … %s` is not).

A program fills placeholders at run time: a lost, added or retyped one (`%d` -> `%s`) crashes it or
shows garbage; so does `'%s:%s'` written `'%s.%s'` (the punctuation joining two placeholders is parsed
too). The singular form of a French plural entry may drop the count (`un fichier` for
`%d file`): gettext allows it, so a missing numeric placeholder in plural form 0 is excused.
"""

from __future__ import annotations

import re

from align.qa.base import Span
from align.qa.checks.kept import KeptTokens
from align.qa.markup import of_kind
_NUMERIC = re.compile(r"%(?:\([\w.-]+\)|\d+\$)?[-+0#']*\d*(?:hh|h|ll|l|L|q|j|z|t)?[diu]|\{\w*\}")


class Placeholders(KeptTokens):
    id = "placeholders"
    severity = "error"
    description = "a printf, brace, ICU or Qt placeholder is missing, added, changed or reordered"
    kinds = ("placeholder",)
    noun = "placeholder"

    def excused(self, unit, missing, added):
        if unit.props.get("plural") == "0" and not added:
            missing = [t for t in missing if not _NUMERIC.fullmatch(t.text)]
        return missing, added

    def check(self, unit, position, context):
        found = list(super().check(unit, position, context))
        yield from found
        if found:
            return
        source, target = _joined(unit.source), _joined(unit.target)
        for (left, right), (joiner, start, end) in source.items():
            if (left, right) in target and target[(left, right)][0] != joiner:
                _, t_start, t_end = target[(left, right)]
                yield self.finding(unit, position,
                                   f"placeholders joined differently: '{unit.source[start:end]}' became "
                                   f"'{unit.target[t_start:t_end]}'",
                                   [Span("source", start, end), Span("target", t_start, t_end)])


_JOINER = re.compile(r"[^\w\s]{1,3}")


def _joined(text: str) -> dict[tuple[str, str], tuple[str, int, int]]:
    """{(left key, right key): (joining punctuation, start, end)} for placeholders written as one token
    (`%s:%s`, `{0}/{1}`): a program parses that punctuation (`'%s:%s'` is not `'%s.%s'`)."""
    found = of_kind(text, "placeholder")
    pairs = {}
    for left, right in zip(found, found[1:]):
        between = text[left.end:right.start]
        if _JOINER.fullmatch(between):
            pairs[(left.key, right.key)] = (between, left.start, right.end)
    return pairs
