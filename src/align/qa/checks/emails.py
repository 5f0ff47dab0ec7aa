"""`emails`: e-mail addresses must be kept as written."""

from __future__ import annotations

from align.qa.checks.kept import KeptTokens


class Emails(KeptTokens):
    id = "emails"
    severity = "error"
    description = "an e-mail address is missing, changed or added"
    kinds = ("email",)
    weak_when_only_added = True  # a link or address the translator adds loses nothing: `info`
    noun = "e-mail address"
