"""`empty-target`: a unit whose source has text and whose target has none (never translated or lost)."""

from __future__ import annotations

from align.qa.base import Check


class EmptyTarget(Check):
    id = "empty-target"
    severity = "error"
    description = "the target is empty while the source has text"
    skip_empty_target = False

    def check(self, unit, position, context):
        if unit.source.strip() and not unit.target.strip():
            yield self.finding(unit, position, "target is empty")
