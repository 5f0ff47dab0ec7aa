"""A glossary written for the other direction is turned round, with a notice; one for other languages
is refused.

A TBX names its languages: when they are the file's the other way round (an fr->en glossary on an
en->fr PO file), every row is inverted; forbidden rows cannot be (that `Organisation` must not render
`Organization` says nothing about the reverse) and are dropped, counted in the notice. A CSV glossary
names no languages, so its direction is read from the file: when its source terms occur clearly more
often in the targets than in the sources, it is inverted the same way.
"""

from __future__ import annotations

from dataclasses import replace

from align.errors import ConfigError
from align.formats.languages import primary
from align.glossary.model import Glossary

_SAMPLE = 3000  # units looked at to tell a CSV glossary's direction


def _occurrences(terms: list[str], texts: list[str]) -> int:
    folded = [text.casefold() for text in texts]
    return sum(1 for term in terms for text in folded if term.casefold() in text)


def invert(glossary: Glossary) -> tuple[Glossary, int]:
    """The glossary the other way round, and how many forbidden rows were dropped."""
    kept = [replace(pair, source=pair.target, target=pair.source) for pair in glossary.pairs
            if pair.status != "forbidden"]
    dropped = len(glossary.pairs) - len(kept)
    return replace(glossary, pairs=kept, src_lang=glossary.tgt_lang, tgt_lang=glossary.src_lang), dropped


def orient(glossary: Glossary, units: list, path: str, languages_known: bool) -> tuple[Glossary, str | None]:
    """(the glossary in the file's direction, a notice or None); ConfigError when its languages fit neither."""
    if not units:
        return glossary, None
    src, tgt = primary(units[0].src_lang), primary(units[0].tgt_lang)
    g_src, g_tgt = primary(glossary.src_lang), primary(glossary.tgt_lang)
    if languages_known:
        if (g_src, g_tgt) == (src, tgt):
            return glossary, None
        if (g_src, g_tgt) != (tgt, src):
            raise ConfigError(f"{path}: glossary is {glossary.src_lang}->{glossary.tgt_lang}, the file is "
                              f"{units[0].src_lang}->{units[0].tgt_lang}: its languages match neither side")
    else:
        sample = units[:_SAMPLE]
        sources = [p.source for p in glossary.pairs if p.status != "forbidden"][:500]
        in_source = _occurrences(sources, [u.source for u in sample])
        in_target = _occurrences(sources, [u.target for u in sample])
        if not (in_target >= 3 and in_target > 2 * in_source):
            return replace(glossary, src_lang=units[0].src_lang, tgt_lang=units[0].tgt_lang), None
    inverted, dropped = invert(glossary)
    inverted.src_lang, inverted.tgt_lang = units[0].src_lang, units[0].tgt_lang
    notice = (f"{path}: glossary written for {tgt}->{src}, the file is {src}->{tgt}: applied inverted "
              f"({len(inverted.pairs)} rows" + (f", {dropped} forbidden rows dropped)" if dropped else ")"))
    return inverted, notice
