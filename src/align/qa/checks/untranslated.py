"""`untranslated`: the target is a copy of the source, and the source is a sentence of its language.

A copy is right when there is nothing to translate: code, paths, placeholders, a product name
(`Django Software Foundation`), an acronym, a number, a command line (`git apply [<options>]`), a
word spelled the same in both languages (`Description`). So, after masking code (`align.qa.markup`),
the copied source must read as prose of the source language: a function word of that language that
the other language lacks (`an`, `the`, `your`; `les`, `des`, `avec`) and at least `min_running_words`
words, or at least three running lower-case words. `Create an Organization` is flagged; `jis exec` and
`Licence BSD` are not.
"""

from __future__ import annotations

import re

from align.qa.base import Check, Span
from align.qa.markup import mask

_WORD_RE = re.compile(r"[\w]+(?:['’-][\w]+)*")
# Command-line synopsis pieces: options, <metavariables>, [optional parts], (a | b) alternatives.
_SYNTAX_RE = re.compile(r"(?<!\w)--?[\w-]+(?:=\S*)?|<[^<>]*>|\[[^\[\]]*\]|\([^()]*\|[^()]*\)|\S+\|\S+")
FUNCTION_WORDS = {
    "en": {"the", "of", "to", "and", "is", "are", "for", "with", "this", "that", "your", "you", "not", "an",
           "it", "its", "as", "by", "from", "has", "have", "was", "will", "can", "cannot", "should", "would",
           "does", "please", "into", "be", "or", "at", "which", "there", "their", "these", "those", "my"},
    "fr": {"le", "la", "les", "des", "du", "et", "est", "un", "une", "pour", "avec", "dans", "sur", "pas",
           "vous", "nous", "il", "elle", "ce", "cette", "qui", "que", "aux", "au", "sont", "être", "par", "ne",
           "se", "votre", "vos", "leur", "ou", "été"},
}


def _comparable(text: str) -> str:
    return " ".join(text.split()).casefold()


def reads_as_prose(text: str, lang: str, min_words: int) -> bool:
    """Whether `text` (code masked) is running text of `lang` rather than names, code or numbers."""
    prose = mask(text)
    synopsis = bool(_SYNTAX_RE.search(prose))
    for _ in range(3):  # nested [<a> [<b>]]
        prose = _SYNTAX_RE.sub(" ", prose)
    words = [w for w in _WORD_RE.findall(prose) if not re.fullmatch(r"x+", w)]
    words = [w for w in words if not (w.isupper() and len(w) > 1) and not re.search(r"[a-z][A-Z]|[\d_]", w)]
    if len(words) < min_words:
        return False
    lang = "fr" if lang.lower().startswith("fr") else "en"
    other = FUNCTION_WORDS["en" if lang == "fr" else "fr"]
    function = [w for w in words if w.lower() in FUNCTION_WORDS[lang] and w.lower() not in other]
    lower = [w for w in words if w.islower() and len(w) > 2]
    return bool(function) or (len(lower) >= 3 and not synopsis)


class Untranslated(Check):
    id = "untranslated"
    severity = "error"
    description = "the target is a copy of the source, and the source is a sentence to translate"
    options = {"min_running_words": 2}

    def check(self, unit, position, context):
        if _comparable(unit.source) != _comparable(unit.target):
            return
        if reads_as_prose(unit.source, unit.src_lang, int(self.settings["min_running_words"])):
            yield self.finding(unit, position, "target is identical to the source (not translated)",
                               [Span("target", 0, len(unit.target))])
