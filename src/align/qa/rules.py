"""User checklists (Xbench-style): regular-expression rules from the QA config.

    [[rules]]
    id = "no-click-ici"                 # the finding's check id (accept files name it)
    source = "\\bclick\\b"              # optional: the rule applies where the source matches
    target = "cliquer ici"              # required
    mode = "must-not"                   # "must": the target must match; "must-not": it must not
    message = "write « cliquez ici »"   # optional
    severity = "warning"                # error | warning | info (default warning)
    ignore_case = true                  # optional, default false

Patterns are Python regular expressions, compiled when the config is read: a bad one stops the run
with its rule and the reason (exit 2), never silently.
"""

from __future__ import annotations

import re

from align.errors import ConfigError
from align.qa.base import SEVERITIES, Check, Span

_KEYS = {"id", "source", "target", "mode", "message", "severity", "ignore_case"}
_ID_RE = re.compile(r"[A-Za-z0-9][\w.-]{0,63}")


class UserRule(Check):
    """One rule of the config; built by `parse_rule`, never registered in `CHECKS`."""

    description = "a rule of the QA config"

    def __init__(self, rule_id: str, target: re.Pattern, source: re.Pattern | None, must: bool, message: str,
                 severity: str) -> None:
        self.id, self.target, self.source, self.must, self.message = rule_id, target, source, must, message
        super().__init__(severity)

    def check(self, unit, position, context):
        if self.source is not None and not self.source.search(unit.source):
            return
        found = list(self.target.finditer(unit.target))
        if self.must and not found:
            spans = [Span("source", *m.span()) for m in self.source.finditer(unit.source)] if self.source else []
            yield self.finding(unit, position, self.message or f"the target does not match /{self.target.pattern}/",
                               spans)
        elif not self.must and found:
            yield self.finding(unit, position, self.message or f"the target matches /{self.target.pattern}/",
                               [Span("target", *m.span()) for m in found if m.end() > m.start()])


def _pattern(value: object, name: str, where: str, flags: int) -> re.Pattern:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: '{name}' must be a non-empty regular expression string")
    try:
        return re.compile(value, flags)
    except (re.error, RecursionError, OverflowError) as error:
        raise ConfigError(f"{where}: '{name}' is not a valid regular expression ({error})") from None


def parse_rule(data: object, number: int, where: str, taken: set[str]) -> UserRule:
    """A `UserRule` from one `[[rules]]` table; ConfigError naming the rule for anything wrong."""
    place = f"{where}: rule {number}"
    if not isinstance(data, dict):
        raise ConfigError(f"{place} must be a table ([[rules]])")
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{place}: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(_KEYS))})")
    rule_id = data.get("id", f"rule-{number}")
    if not isinstance(rule_id, str) or not _ID_RE.fullmatch(rule_id) or rule_id in taken:
        raise ConfigError(f"{place}: 'id' must be a unique name of letters, digits, '-', '_' or '.' "
                          f"that is not a check's id, not {rule_id!r}")
    ignore_case = data.get("ignore_case", False)
    mode = data.get("mode", "must-not")
    severity = data.get("severity", "warning")
    message = data.get("message", "")
    if not isinstance(ignore_case, bool):
        raise ConfigError(f"{place}: 'ignore_case' must be true or false")
    if mode not in ("must", "must-not"):
        raise ConfigError(f"{place}: 'mode' must be \"must\" or \"must-not\", not {mode!r}")
    if severity not in SEVERITIES:
        raise ConfigError(f"{place}: 'severity' must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    if not isinstance(message, str):
        raise ConfigError(f"{place}: 'message' must be a string")
    flags = re.IGNORECASE if ignore_case else 0
    source = _pattern(data["source"], "source", place, flags) if "source" in data else None
    target = _pattern(data.get("target"), "target", place, flags)
    return UserRule(rule_id, target, source, mode == "must", message, severity)
