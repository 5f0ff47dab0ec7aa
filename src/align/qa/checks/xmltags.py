"""`xmltags`: HTML/XML tags, entities and CAT inline codes (`<ph id="3"/>`, `<g id="1">`) must be kept.

Tags compare by name, closing or not, and the id of a CAT code; attributes that hold prose (`title`,
`alt`) may be translated. A tag lost is an error; HTML formatting only added (`<sup>e</sup>` in
French ordinals) is `info`. Replaces translate-toolkit's `xmltags`, which does not know CAT codes.
"""

from __future__ import annotations

from align.qa.checks.kept import KeptTokens
from align.qa.markup import CAT_CODES


class XmlTags(KeptTokens):
    id = "xmltags"
    severity = "error"
    description = "an HTML/XML tag, entity or inline code is missing or added"
    kinds = ("tag",)
    noun = "tag"

    def weak_added(self, added):
        """Formatting the translator adds (`{}<sup>e</sup>` for `{}th`) is `info`; an added CAT code is not."""
        return not any(t.key.strip("</>").split(" ")[0] in CAT_CODES for t in added)
