"""The registry of QA checks: one module per check; `CHECKS` maps each stable id to its class.

Adding a check: write `checks/my_check.py` with a `Check` subclass and list it here.
"""

from __future__ import annotations

from align.qa.base import Check
from align.qa.checks.accelerators import Accelerators
from align.qa.checks.acronym_missing import AcronymMissing
from align.qa.checks.brackets import Brackets
from align.qa.checks.code import Code
from align.qa.checks.emails import Emails
from align.qa.checks.empty_target import EmptyTarget
from align.qa.checks.glossary_term_forbidden import GlossaryTermForbidden
from align.qa.checks.glossary_term_missing import GlossaryTermMissing
from align.qa.checks.length_ratio import LengthRatio
from align.qa.checks.newlines import Newlines
from align.qa.checks.number_mismatch import NumberMismatch
from align.qa.checks.placeholders import Placeholders
from align.qa.checks.repeated_word import RepeatedWord
from align.qa.checks.segment_inconsistency import SegmentInconsistency
from align.qa.checks.term_inconsistency import TermInconsistency
from align.qa.checks.urls import Urls
from align.qa.checks.xmltags import XmlTags
from align.qa.checks.typography import Typography
from align.qa.checks.untranslated import Untranslated
from align.qa.checks.whitespace import Whitespace

CHECKS: dict[str, type[Check]] = {cls.id: cls for cls in (
    EmptyTarget, Untranslated, NumberMismatch, GlossaryTermMissing, GlossaryTermForbidden,
    TermInconsistency, SegmentInconsistency, AcronymMissing, Brackets, Whitespace, RepeatedWord,
    LengthRatio, Placeholders, XmlTags, Code, Urls, Emails, Accelerators, Newlines, Typography,
)}
