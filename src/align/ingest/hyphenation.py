"""End-of-line hyphens: a typesetter's break (`communi-` + `quée`) is removed, a real compound's hyphen
(`Jammu-` + `et-Cachemire`, `attentat-` + `suicide`) is kept.

The evidence, in order (measured in BENCHMARKS.md, "Real documents in"):
1. a soft hyphen (U+00AD) is by definition a typesetter's break;
2. the document itself: the hyphenated form written elsewhere keeps the hyphen; the joined word (or the
   same word without or with a plural/feminine ending) written elsewhere drops it;
3. a word list for the language (wordfreq's, which holds inflected forms, unlike Hunspell stems): the
   joined word at Zipf frequency >= 2.0 drops the hyphen (at 2.0 no hyphenated compound of the sample
   corpus joins into a listed word, e.g. `porte-parole`, `cessez-le-feu`, `self-determination`);
4. neither piece is a word on its own (`UNMO-` + `GIP`, `cachemi-` + `riens`): a break inside one word;
5. otherwise the hyphen is kept: a wrong hyphen is a visible blemish, a wrongly joined compound is a
   new word that matches nothing.
"""

from __future__ import annotations

import functools
import re

#: wordfreq's Zipf frequency (log10 of occurrences per billion words) a joined word needs.
MIN_ZIPF = 2.0
_WORD = re.compile(r"\w+(?:-\w+)*")
_HEAD = re.compile(r"(\w+)-$")
_TAIL = re.compile(r"\w+")


@functools.lru_cache(maxsize=4096)
def _zipf(word: str, lang: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the word list is an aid, not a requirement
        return 0.0
    try:
        return zipf_frequency(word, lang)
    except (LookupError, ValueError):
        return 0.0


def _stem(word: str) -> str:
    """The word without a plural or feminine ending, to match an inflected form written elsewhere."""
    for ending in ("es", "s", "e", "x"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            return word[:-len(ending)]
    return word


def _word_list_lang(lang: str | None) -> str | None:
    if not lang:
        return None
    base = lang.replace("_", "-").split("-")[0].lower()
    try:
        from wordfreq import available_languages
    except ImportError:
        return None
    return base if base in available_languages() else None


class HyphenJudge:
    """Knows the words of one document; `join` glues two lines that meet at a line-end hyphen."""

    def __init__(self, text: str, lang: str | None = None):
        self.lang = _word_list_lang(lang)
        self.words: set[str] = set()
        self.hyphenated: set[str] = set()
        for token in _WORD.findall(text):
            lowered = token.lower()
            self.words.add(lowered)
            parts = lowered.split("-")
            self.words.update(parts)  # `Jammu` is attested by `Jammu-et-Cachemire`
            for i in range(len(parts) - 1):
                self.hyphenated.add(parts[i] + "-" + parts[i + 1])

    def is_break(self, head: str, tail: str) -> bool:
        """Whether `head-` at a line end and `tail` on the next line are one word broken by the typesetter."""
        head, tail = head.lower(), tail.lower()
        joined = head + tail
        if f"{head}-{tail}" in self.hyphenated:
            return False
        if joined in self.words or _stem(joined) in self.words or joined + "s" in self.words:
            return True  # `cachemiris` is attested by `cachemiri`
        if self.lang is None:
            return False
        if _zipf(joined, self.lang) >= MIN_ZIPF:
            return True
        return _zipf(head, self.lang) == 0 and _zipf(tail, self.lang) == 0 and len(head) > 1

    def join(self, previous: str, following: str) -> str:
        """`previous` (ending in a hyphen) and `following` as one text, the hyphen dropped if it was a break."""
        if previous.endswith("\u00ad"):
            return previous[:-1] + following
        before, after = _HEAD.search(previous), _TAIL.match(following)
        if before and after and self.is_break(before.group(1), after.group(0)):
            return previous[:-1] + following
        return previous + following


def ends_in_break_hyphen(previous: str, following: str) -> bool:
    """A line ending in a hyphen (or soft hyphen) right after a letter, followed by a line starting with a
    letter or digit (`G-` + `20` keeps its hyphen and takes no space)."""
    return (len(previous) > 1 and previous[-1] in "-\u00ad" and previous[-2].isalpha()
            and following[:1].isalnum())
