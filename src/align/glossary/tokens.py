"""Word tokens for term extraction and word alignment, French and English.

Why a tokenizer of our own: the word aligner needs the same tokens on both sides that the term patterns
see, with character offsets so that a term is always shown as it is written (`Jammu-et-Cachemire`, not
`jammu - et - cachemire`). French elision is split off (`l'OCI` -> `l'` + `OCI`) so the acronym counts
as itself; hyphens are tokens of their own so `Jammu-et-Cachemire` can align word by word with
`Jammu and Kashmir`, while the pattern layer still knows they were glued (no space around the hyphen).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})

_TOKEN_RE = re.compile(
    r"""
      (?:[A-Z]\.){2,}                                    # dotted acronyms: S.E., H.E., U.N.
    | [A-Z]+&[A-Z]+                                      # IIOJ&K, IOJ&K
    | (?i:qu|jusqu|lorsqu|puisqu|quoiqu|[cdjlmnst])['’](?=\w)   # French elision: l' d' qu'
    | ['’]s\b                                            # English possessive: the OIC's
    | \w+
    | [^\w\s]
    """,
    re.VERBOSE,
)

# Function words: they never start or end a term. Months, weekdays and number words are here too:
# "16 March" is a date and "trois semaines" a quantity, not terminology.
STOPWORDS = {
    "fr": set(
        """
        le la les l' un une des du de d' et ou à au aux en dans par pour sur sous avec sans ce cet cette ces
        son sa ses leur leurs notre nos votre vos mon ma mes ton ta tes qui que qu' quoi dont où il ils elle
        elles on nous vous je tu se s' lui y ne n' pas plus moins très tout tous toute toutes autre autres
        même mêmes est sont été être a ont avait avaient sera seront fait ainsi comme si mais car donc or ni
        lors depuis entre vers chez contre selon afin aussi bien encore déjà c' j' m' t' jusqu' lorsqu'
        puisqu' quoiqu' cela ceci celui celle ceux celles quel quelle quels quelles chaque plusieurs tel
        telle tels telles ci là ça eux soit lequel laquelle lesquels lesquelles auquel
        duquel desquels non oui ainsi alors après avant pendant durant parce dessus dessous
        janvier février mars avril mai juin juillet août septembre octobre novembre décembre
        lundi mardi mercredi jeudi vendredi samedi dimanche
        deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente
        quarante cinquante soixante cent cents mille
        face grâce quant conformément notamment également toutefois auprès concernant vis-à-vis
        """.split()
    ),
    "en": set(
        """
        the a an of and or to in on at by for from with without as is are was were be been being has have
        had will would shall should can could may might must do does did this that these those it its their
        his her he she they we you i me my our your them him which who whom whose what when where while also
        not no such than then there into over under about between after before during since until upon
        within against among through 's if so but all any both each other some more most very own same only
        further once here why how just nor too s t
        january february march april may june july august september october november december
        monday tuesday wednesday thursday friday saturday sunday
        one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty
        hundred thousand
        """.split()
    ),
}

# Link words allowed inside a term ("Groupe de contact", "Council of Foreign Ministers"), as token sequences.
CONNECTORS = {
    "fr": (("de", "la"), ("de", "l'"), ("de",), ("du",), ("des",), ("d'",)),
    "en": (("of", "the"), ("of",)),
}
# Link words allowed only between two capitalised words ("Jammu and Kashmir", "Trinité et Tobago").
CAPITAL_CONNECTORS = {"fr": {"et", "&"}, "en": {"and", "&"}}


class Token(NamedTuple):
    text: str  # as written, apostrophes normalised to '
    start: int  # character offsets into the original string
    end: int


def tokenize(text: str) -> list[Token]:
    """Tokens with offsets; apostrophes normalised (`l’Inde` -> `l'`, `Inde`)."""
    return [Token(m.group().translate(APOSTROPHES), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def base_lang(lang: str) -> str:
    """`fr-FR` -> `fr`; languages without a stopword list fall back to English rules (best effort)."""
    code = lang.replace("_", "-").split("-")[0].lower()
    return code if code in STOPWORDS else "en"


def aligned_positions(tokens: list[Token]) -> list[int]:
    """Indices of the tokens the word aligner sees: all but hyphens (`Jammu-et-Cachemire` is aligned as
    `jammu et cachemire`; a hyphen linked to `Kashmir` would only be noise)."""
    return [n for n, token in enumerate(tokens) if token.text != "-"]


def alignment_line(tokens: list[Token]) -> str:
    """The line the word aligner sees: tokens lower-cased, hyphens left out, joined by spaces."""
    return " ".join(token.text.lower() for token in tokens if token.text != "-")


def to_token_links(links: frozenset, source_tokens: list[Token], target_tokens: list[Token]) -> frozenset:
    """Links between aligner positions -> links between token indices (undoing `alignment_line`)."""
    src, tgt = aligned_positions(source_tokens), aligned_positions(target_tokens)
    return frozenset((src[i], tgt[j]) for i, j in links if i < len(src) and j < len(tgt))


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The dictionary form of a lower-cased word (`states` -> `state`, `présidée` -> `présider`).

    Why simplemma: it ships its French and English lexicons inside the wheel (offline, no model hub),
    is pure Python, and lemmatises a word in about a microsecond: terms and their renderings are then
    counted once whatever their number or gender (`Member State` / `Member States`, `groupe` /
    `groupes`). spaCy's French models come from a model hub and Stanza downloads its models at run time.
    """
    import simplemma  # lazily: its lexicon loads on first use

    if not word[:1].isalpha() or base_lang(lang) not in STOPWORDS:
        return word
    return simplemma.lemmatize(word, lang=base_lang(lang))


def lemma_line(tokens: list[Token], lang: str) -> str:
    """A sentence as space-padded lemmas (` contact group meet `): a term key is written in it when
    f" {key} " is a substring."""
    return " " + " ".join(lemma(t.text.lower(), lang) for t in tokens if t.text != "-") + " "
