"""Checks borrowed from translate-toolkit (`StandardChecker`) that hold for French -> English.

Only `urls`, `emails` and `xmltags` are wrapped: its `acronyms`, `endpunc`, `simplecaps`, `startcaps`
assume an English source and misfire on French (JCIOI -> IIOJK, `Pourquoi ?` -> `Why?`), and its
`numbers` treats `3,5` as `35` (our `number-mismatch` replaces it). translate-toolkit is imported on
first use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from align.qa.base import Check, Span


@lru_cache(maxsize=1)
def _checker():
    from translate.filters.checks import StandardChecker

    return StandardChecker()


class ToolkitCheck(Check):
    """Runs one translate-toolkit test by name; a `FilterFailure` becomes a finding."""

    toolkit_name = ""
    span_pattern = ""  # what to highlight on both sides when the test fails

    def check(self, unit, position, context):
        from translate.filters.checks import FilterFailure

        test = getattr(_checker(), self.toolkit_name)
        try:
            test(unit.source, unit.target)
        except FilterFailure as failure:
            messages = getattr(failure, "messages", None) or [str(failure)]
            spans = [Span(side, *m.span()) for side in ("source", "target")
                     for m in re.finditer(self.span_pattern, getattr(unit, side))] if self.span_pattern else []
            yield self.finding(unit, position, "; ".join(str(m) for m in messages), spans)


class Urls(ToolkitCheck):
    id = "urls"
    toolkit_name = "urls"
    span_pattern = r"(?:https?://|www\.)[^\s<>\"]+"
    severity = "error"
    description = "URLs differ between source and target (translate-toolkit)"


class Emails(ToolkitCheck):
    id = "emails"
    toolkit_name = "emails"
    span_pattern = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    severity = "error"
    description = "e-mail addresses differ between source and target (translate-toolkit)"


class XmlTags(ToolkitCheck):
    id = "xmltags"
    toolkit_name = "xmltags"
    span_pattern = r"</?[A-Za-z][^<>]*>"
    severity = "error"
    description = "XML/HTML tags differ between source and target (translate-toolkit)"
