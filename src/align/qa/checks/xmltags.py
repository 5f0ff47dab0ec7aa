"""`xmltags`: HTML/XML tags, entities and CAT inline codes (`<ph id="3"/>`, `<g id="1">`) must be kept.

Tags compare by name, closing or not, and the id of a CAT code; attributes that hold prose (`title`,
`alt`) may be translated. Replaces translate-toolkit's `xmltags`, which does not know CAT codes.
"""

from __future__ import annotations

from align.qa.checks.kept import KeptTokens


class XmlTags(KeptTokens):
    id = "xmltags"
    severity = "error"
    description = "an HTML/XML tag, entity or inline code is missing or added"
    kinds = ("tag",)
    noun = "tag"
