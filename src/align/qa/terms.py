"""Finding terms and acronyms in French and English text, the way a reviewer would.

A glossary says `OCI -> OIC`; the text says `l'OCI`, `résolutions`, `Jammu et Cachemire`, `the OIC's`.
Matching must see through French elision, hyphen/space variation, plural endings and (for ordinary
words) case, while an acronym stays case-sensitive (`OIC` is not `oic`, `UN` is not `un`).
"""

from __future__ import annotations

import re
from functools import lru_cache

APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})

# An acronym: two or more capitals, possibly with digits, `&` or dots inside (IIOJ&K, S.E., G20 is not).
ACRONYM_RE = re.compile(r"(?<![\w&])(?:[A-Z]\.){2,}|(?<![\w&])[A-Z][A-Z0-9&]*[A-Z](?![\w&])")
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
# Words skipped when reading the initials of a spelled-out acronym: "Jammu and Kashmir" -> JK.
_LINK_WORDS = {"and", "of", "the", "for", "on", "in", "&", "de", "du", "des", "la", "le", "les", "et",
               "d", "l", "à", "au", "aux", "pour", "sur", "en"}
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|&")


def normalise(text: str) -> str:
    """Typographic apostrophes to `'`, so that `l’OCI` and `l'OCI` match the same patterns."""
    return text.translate(APOSTROPHES)


def is_acronym(term: str) -> bool:
    return bool(ACRONYM_RE.fullmatch(term.strip())) and not _ROMAN_RE.match(term.strip())


def _shouting(text: str) -> bool:
    """A heading in capitals (`COMMUNIQUÉ CONJOINT`) is not a string of acronyms."""
    words = [w for w in re.findall(r"[^\W\d_]{2,}", text)]
    caps = [w for w in words if w.isupper()]
    return len(caps) >= 3 and len(caps) > 0.5 * len(words)


def find_acronyms(text: str) -> list[tuple[str, int, int]]:
    """Acronyms in `text` as (acronym, start, end); roman numerals and all-capital headings excluded."""
    if _shouting(text):
        return []
    found = []
    for match in ACRONYM_RE.finditer(text):
        token = match.group()
        if _ROMAN_RE.match(token) or len(token.replace("&", "").replace(".", "")) < 2:
            continue
        found.append((token, match.start(), match.end()))
    return found


def acronym_key(acronym: str) -> str:
    """The letters of an acronym: `IIOJ&K` -> `IIOJK`, `S.E.` -> `SE` (to tell variants of one rendering)."""
    return re.sub(r"[^A-Z0-9]", "", acronym.upper())


def find_expansions(text: str, acronym: str) -> list[tuple[int, int]]:
    """Spans where `acronym` is spelled out: capitalised words whose initials spell it.

    `Indian Illegally Occupied Jammu and Kashmir` spells IIOJK (and IIOJ&K); link words
    (and, of, the, de, et…) may sit between the words without counting.
    """
    letters = acronym_key(acronym)
    if len(letters) < 2 or not letters.isalpha():
        return []
    words = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(normalise(text))]
    spans = []
    for i, (word, start, _) in enumerate(words):
        if not word[0].isupper() or word[0] != letters[0]:
            continue
        k, j, end = 0, i, None
        while j < len(words) and k < len(letters):
            w = words[j][0]
            if w.lower() in _LINK_WORDS and k > 0:
                j += 1
                continue
            parts = [p for p in w.split("-") if p]  # "Jammu-et-Cachemire"
            initials = "".join(p[0].upper() for p in parts if p.lower() not in _LINK_WORDS)
            if not w[0].isupper() or not letters.startswith(initials, k):
                break
            k += len(initials)
            end = words[j][2]
            j += 1
        if k == len(letters) and end is not None:
            spans.append((start, end))
    return spans


_FR_PLURAL = r"(?:s|x|es)?"
_EN_PLURAL = r"(?:s|es|'s|’s|s'|s’)?"


@lru_cache(maxsize=4096)
def term_pattern(term: str, lang: str) -> re.Pattern:
    """A regular expression for `term` in running text of language `lang`.

    Acronyms match case-sensitively and may follow an elided article (`l'OCI`, `d'APHC`) or take an
    English plural/possessive (`the OIC's`). Ordinary terms match case-insensitively, each word with an
    optional plural ending (`résolution` ~ `résolutions`, `policy` ~ `policies`), and space, hyphen
    and non-breaking space are interchangeable between words (`Jammu-et-Cachemire` ~ `Jammu et Cachemire`).
    """
    term = normalise(term.strip())
    plural = _FR_PLURAL if lang.lower().startswith("fr") else _EN_PLURAL
    if is_acronym(term):
        body = re.escape(term)
        suffix = _EN_PLURAL if not lang.lower().startswith("fr") else ""
        return re.compile(rf"(?<![\w&]){body}{suffix}(?![\w&])")
    words = re.split(r"[\s\-\u00a0\u202f\u2011]+", term)
    parts = []
    for word in words:
        escaped = re.escape(word)
        if re.fullmatch(r"[^\W\d_]+", word) and len(word) > 2:
            if word.endswith("y") and plural is _EN_PLURAL:
                escaped = re.escape(word[:-1]) + r"(?:y|ies)"
            escaped += plural
        parts.append(escaped)
    body = r"[\s\-\u00a0\u202f\u2011]+".join(parts)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def find_term(text: str, term: str, lang: str) -> list[tuple[int, int]]:
    """Spans of `term` in `text` (offsets valid in `text` itself: normalising keeps lengths)."""
    if not term.strip():
        return []
    return [m.span() for m in term_pattern(term, lang).finditer(normalise(text))]
