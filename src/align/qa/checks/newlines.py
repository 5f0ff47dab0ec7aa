"""`newlines`: line breaks of the source kept in the target (UI strings, messages printed to a terminal).

A leading or trailing line break that differs changes a program's output layout; a different number of
inner breaks is reported when the source has any (a paragraph reflowed into one line stays silent
when the source has none).
"""

from __future__ import annotations

from align.qa.base import Check, Span


def _edges(text: str) -> tuple[int, int]:
    return len(text) - len(text.lstrip("\n")), len(text) - len(text.rstrip("\n"))


class Newlines(Check):
    id = "newlines"
    severity = "warning"
    description = "leading, trailing or inner line breaks differ between source and target"

    def check(self, unit, position, context):
        source, target = unit.source, unit.target
        if "\n" not in source and "\n" not in target:
            return
        (s_lead, s_trail), (t_lead, t_trail) = _edges(source), _edges(target)
        problems = []
        if s_lead != t_lead:
            problems.append(f"{s_lead} leading line break(s) in the source, {t_lead} in the target")
        if s_trail != t_trail:
            problems.append(f"{s_trail} trailing line break(s) in the source, {t_trail} in the target")
        s_inner = source.strip("\n").count("\n")
        t_inner = target.strip("\n").count("\n")
        if s_inner and s_inner != t_inner:
            problems.append(f"{s_inner} line break(s) inside the source, {t_inner} inside the target")
        if problems:
            yield self.finding(unit, position, "; ".join(problems),
                               [Span("target", i, i + 1) for i, c in enumerate(target) if c == "\n"])
