"""`accelerators`: a menu accelerator (`_File` in GTK, `&File` in Qt/Windows) kept in UI strings.

The marker is `_` or `&` before a letter or digit (`_File`, `Si_ze`), outside code, paths and entities
(`&amp;`), and not Markdown `_emphasis_`. It fires when the source has exactly one marker and the
target has none of that kind, or more than one; a target that adds one to a source without any is
flagged too. An identifier such as `week_start` is copied to the target, so the counts agree.
"""

from __future__ import annotations

import re

from align.qa.base import Check, Span
from align.qa.markup import mask

# `_` at a word start, or inside a word before a lower-case letter (`Si_ze`); `KP_Begin`, `Page_Down`
# are key names, not accelerators.
_MARKER = re.compile(r"(?<![&_\\\w])([_&])(?=[^\W_])|(?<=[^\W_])([_&])(?=[^\W\d_A-Z])")
_METAVARIABLE = re.compile(r"<[\w -]+>")
_EMPHASIS = re.compile(r"(?<!\w)_[^\W_][^_\n]*_(?!\w)")


def markers(text: str, char: str | None = None) -> list[re.Match]:
    prose = _EMPHASIS.sub(lambda m: "x" * len(m.group()), mask(text))
    prose = _METAVARIABLE.sub(lambda m: "x" * len(m.group()), prose)
    return [m for m in _MARKER.finditer(prose) if char is None or _char(m) == char]


def _char(match: re.Match) -> str:
    return match.group(1) or match.group(2)


class Accelerators(Check):
    id = "accelerators"
    severity = "warning"
    description = "a menu accelerator (_ or &) of the source is lost, doubled or added in the target"

    def check(self, unit, position, context):
        if "_" not in unit.source + unit.target and "&" not in unit.source + unit.target:
            return
        source = markers(unit.source)
        if len(source) == 1:
            char = _char(source[0])
            target = markers(unit.target, char)
            if len(target) != 1:
                problem = "lost" if not target else "doubled"
                yield self.finding(unit, position, f"accelerator '{char}' {problem} in the target",
                                   [Span("source", source[0].start(), source[0].start() + 2)]
                                   + [Span("target", m.start(), m.start() + 2) for m in target])
        elif not source:
            target = markers(unit.target)
            if len(target) == 1 and _char(target[0]) == "_":
                yield self.finding(unit, position, "accelerator '_' in the target but not in the source",
                                   [Span("target", target[0].start(), target[0].start() + 2)])
