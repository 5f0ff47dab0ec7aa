"""`typography`: the target language's typography (a warning: a style rule, not a mistranslation).

French target: a space before `; : ! ?` and `%` and inside « » (`10%`, `sont:` and `«mot»` are
flagged), a decimal point in a number (`3.5 %`). Spacing depends on the variety (`french_spacing`,
default from the target language code): `fr-FR`/`fr-BE` want a space before `; : ! ?`; `fr-CH` only
before `:` (a narrow space elsewhere is optional); `fr-CA` only before `:`. Any of space, NBSP or
narrow NBSP counts. English target: a space inside a word's apostrophe (`Commission' s`, as OCR and
French keyboards leave it). Code, URLs and placeholders are masked first (`align.qa.markup`).
"""

from __future__ import annotations

import re

from align.qa.base import Check, Span
from align.qa.markup import mask

_SPACE = "[ \u00a0\u202f]"
_BEFORE = {"fr-FR": ";:!?", "fr-BE": ";:!?", "fr-CH": ":", "fr-CA": ":"}
_DECIMAL_POINT = re.compile(r"(?<![\w.,])\d+\.\d{1,2}(?=" + _SPACE + r"?%)|(?<![\w.,])\d+\.\d+(?=" + _SPACE
                            + r"?(?:€|euros?|millions?|milliards?)\b)")
_APOSTROPHE_SPACE = re.compile(r"(?<=[A-Za-z])['’] (?=s\b)|(?<=[A-Za-z]) ['’](?=s\b)")


def _variety(lang: str, setting: str) -> str:
    if setting:
        return setting
    region = lang.replace("_", "-").split("-")[1].upper() if "-" in lang.replace("_", "-") else "FR"
    return f"fr-{region}" if f"fr-{region}" in _BEFORE else "fr-FR"


class Typography(Check):
    id = "typography"
    severity = "warning"
    description = "French or English typography of the target (spaces before : ; ! ? %, inside « », decimals)"
    options = {"french_spacing": ""}

    def check(self, unit, position, context):
        text = mask(unit.target)
        lang = unit.tgt_lang.lower()
        if lang.startswith("fr"):
            yield from self._french(unit, position, text, _variety(unit.tgt_lang, str(self.settings["french_spacing"])))
        elif lang.startswith("en"):
            for match in _APOSTROPHE_SPACE.finditer(text):
                yield self.finding(unit, position, "space at an apostrophe in English ('s)",
                                   [Span("target", *match.span())])

    def _french(self, unit, position, text, variety):
        marks = _BEFORE[variety]
        for match in re.finditer(rf"(?<=[\w»)\]])([{re.escape(marks)}])(?![:/\w=\]\"'”’)<.]|[!?]{{2}})", text):
            before = re.search(r"[\w-]+$", text[:match.start()])
            if before and ("_" in before.group() or (before.group().isupper() and len(before.group()) > 1)):
                continue  # FSCK_IGNORE?, [[HH:]MM:]: identifiers and format codes, not French prose
            yield self.finding(unit, position, f"no space before '{match.group()}' in French ({variety})",
                               [Span("target", *match.span())])
        for match in re.finditer(r"(?<=\d)%", text):
            yield self.finding(unit, position, "no space before '%' in French", [Span("target", *match.span())])
        for match in re.finditer(rf"«(?!{_SPACE})|(?<!{_SPACE})»", text):
            yield self.finding(unit, position, "no space inside « » in French", [Span("target", *match.span())])
        for match in _DECIMAL_POINT.finditer(text):
            yield self.finding(unit, position, f"decimal point in French: '{match.group()}' (write "
                               f"'{match.group().replace('.', ',')}')", [Span("target", *match.span())])
