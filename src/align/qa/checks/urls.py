"""`urls`: URLs must be kept; a localised one (`en.wikipedia.org` -> `fr.wikipedia.org`,
`/en/` -> `/fr/`, `lang=fr`, http -> https) is the same URL (`align.qa.markup.url_key`)."""

from __future__ import annotations

from align.qa.checks.kept import KeptTokens


class Urls(KeptTokens):
    id = "urls"
    severity = "error"
    description = "a URL is missing, changed or added (localised language parts allowed)"
    kinds = ("url",)
    weak_when_only_added = True  # a link or address the translator adds loses nothing: `info`
    noun = "URL"
