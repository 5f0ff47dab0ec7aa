"""Acronyms defined in the text: `Long Form (ACR)`, found with the Schwartz & Hearst algorithm.

Why this matters: institutional texts define each acronym once, usually in parentheses after its long
form, and the two languages use different acronyms for one concept (JCIOI / IIOJK, OCI / OIC). The long
form tells a glossary what the acronym means, and the letters of French acronyms follow French word order
(`Jammu-et-Cachemire illégalement occupé par l'Inde (JCIOI)`), so matching letters anywhere in the words
(not only initials), right to left, as Schwartz & Hearst (PSB 2003) do, handles both languages.
"""

from __future__ import annotations

import re

from align.glossary.candidates import is_acronym_token

_DEFINITION_RE = re.compile(r"\(\s*((?:[A-Z]\.){2,}|[A-Z][A-Za-z&]*[A-Z])\s*\)")
_CLAUSE_END = re.compile(r"[;:.!?()\[\],\n]")
_LINK_WORDS = {"le", "la", "les", "du", "de", "des", "au", "aux", "the", "of", "a", "an", "and", "et", "in",
               "en", "dans", "for", "on", "sur", "pour", "par", "by", "to"}
_LEADING_LINK = re.compile(r"^(?:(?:[ld]['’])|(?:" + "|".join(sorted(_LINK_WORDS)) + r")\s+)+", re.IGNORECASE)


def find_expansions(text: str) -> list[tuple[str, str]]:
    """(acronym, long form) for every `Long Form (ACR)` in `text`, in order.

    >>> find_expansions("le rapport de la Commission permanente indépendante des droits de l'homme (CPIDH)")
    [('CPIDH', "Commission permanente indépendante des droits de l'homme")]
    """
    found = []
    for match in _DEFINITION_RE.finditer(text):
        acronym = match.group(1)
        if not is_acronym_token(acronym):
            continue
        before = text[: match.start()].rstrip()
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
        letters = re.sub(r"[^A-Za-z]", "", acronym)
        max_words = min(len(letters) + 5, len(letters) * 2)
        words = before[clause_start:].split()
        window = " ".join(words[-max_words:])
        long_form = _best_long_form(letters, window)
        if long_form:
            found.append((acronym, long_form))
    return found


def _word_at(window: str, index: int) -> str:
    """The word starting at `index` (the first letter of a long form must not start `of`, `de`…)."""
    end = index
    while end < len(window) and window[end].isalnum():
        end += 1
    return window[index:end]


def _best_long_form(letters: str, window: str) -> str | None:
    """Schwartz & Hearst: match the acronym's letters right to left; the first must start a word."""
    s_index, l_index = len(letters) - 1, len(window) - 1
    while s_index >= 0:
        char = letters[s_index].lower()
        while l_index >= 0 and (
            window[l_index].lower() != char
            or (s_index == 0 and l_index > 0 and window[l_index - 1].isalnum())
            or (s_index == 0 and _word_at(window, l_index).lower() in _LINK_WORDS)
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = window.rfind(" ", 0, l_index + 1) + 1
    long_form = _LEADING_LINK.sub("", window[start:]).strip()
    # elision glued to the first word: "l'Organisation" -> "Organisation"
    long_form = re.sub(r"^(?:[dlDL]['’])", "", long_form)
    if not long_form or len(long_form.split()) < 2 and "-" not in long_form:
        return None
    return long_form
