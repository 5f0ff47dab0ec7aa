"""`placeholders`: printf (`%s`, `%1$s`, `%(name)s`), brace (`{0}`, `{name}`, ICU `{n, plural`), Qt `%1`
and `${var}` placeholders must be the same in source and target; unnamed printf ones in the same order
(`%s %d` is keyed `%1$s %2$d`, so `%2$d … %1$s` is right and `%d … %s` is not).

A program fills placeholders at run time: a lost, added or retyped one (`%d` -> `%s`) crashes it or
shows garbage. The singular form of a French plural entry may drop the count (`un fichier` for
`%d file`): gettext allows it, so a missing numeric placeholder in plural form 0 is excused.
"""

from __future__ import annotations

import re

from align.qa.checks.kept import KeptTokens
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
