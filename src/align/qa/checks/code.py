"""`code`: inline code (reStructuredText ``literal`` and roles, Markdown `code`) and file or API paths
must be copied, not translated.

A role keeps its name and its target (`:ref:`Titre <label>`` for `:ref:`label`` is right; a prose role
such as `:guilabel:` only keeps its name); `/administration/organizations/` must not become
`/administration/organisations/`. Code only added to the target is not reported (a translator who
marks up `0` as ``0`` loses nothing); `:term:` roles are prose (Sphinx looks the term up in the
translated glossary).
"""

from __future__ import annotations

import re

from align.qa.checks.kept import KeptTokens


class Code(KeptTokens):
    id = "code"
    severity = "warning"
    description = "inline code, a reStructuredText role or a file/API path is missing, changed or added"
    kinds = ("code", "path")
    noun = "code"

    def excused(self, unit, missing, added):
        """Code the translator adds (``print`` where the source says print) is markup, not a loss; code
        whose content is in the target under other quotes (`` `x` `` -> « x ») is kept."""
        missing = [t for t in missing if not re.search(rf"(?<![\w.]){re.escape(_content(t.text))}(?![\w])", unit.target)]
        return (missing, added) if missing else ([], [])


def _content(code: str) -> str:
    """What inline code holds, without its quoting: `x` -> x, ``x`` -> x (a role stays as is)."""
    return code.strip("`") if code.startswith("`") else code
