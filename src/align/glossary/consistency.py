"""Terms rendered in different words across a file: the corpus-level check translators cannot do by eye.

From the term engine's analysis (`extract.analyse_terms`: the file's term candidates, their usual
rendering, and each distinct unit's rendering by word links, all keyed by lemmas so that `Member State`
and `Member States` are one rendering), a unit is reported when:
  - its source holds a term whose usual rendering is written in at least `min_units` distinct units and
    in at least `min_share` of the units that render the term at all;
  - its target does not hold that usual rendering (in any inflection), nor all its words in another order
    or with words between them (`lzma read error` for `error reading`), and the word links give another
    rendering made of other words (`Liaison Group` where the file says `Contact Group`), neither a part
    of the usual one (`Group`: a shortened mention) nor a copy of the source (`untranslated` reports it).
Acronyms are left to the acronym route of `term-inconsistency`, which does not need word links. Single
lower-case words (`fichier`) are glossary candidates but not checked: measured on Debian catalogues, most
of their minority renderings were other senses or stray links (`paquet` -> `pack` in git, `symbole` ->
`unexpected`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from align.glossary.extract import TermAnalysis
from align.glossary.tokens import STOPWORDS, Token, base_lang, lemma, tokenize

_STOPWORDS = set().union(*STOPWORDS.values())
_PUNCTUATION = ".,;:!?()[]«»\"'“”‘’ "


@dataclass(frozen=True)
class Inconsistency:
    position: int  # 0-based position of the unit in the input
    source_term: str
    rendering: str  # as written in this unit's target
    usual: str  # the usual rendering, as most often written
    usual_units: int  # distinct units that write the usual rendering
    units: int  # distinct units whose source holds the term
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None


def inconsistent_renderings(analysis: TermAnalysis, *, min_units: int = 2, min_share: float = 0.6,
                            min_score: float = 0.4) -> list[Inconsistency]:
    """Every minority rendering of a term in the file, in unit order. `min_score`: the lowest association
    (Dice) of a term and its usual rendering; below it the usual rendering is often itself a cut or a
    neighbour (`valeur numérique` -> `bad numeric`), and what differs from it is no inconsistency."""
    found: list[Inconsistency] = []
    seen_sources: set[str] = set()
    src, tgt = analysis.glossary.src_lang, analysis.glossary.tgt_lang
    for pair, source_key, usual_key in analysis.rows:
        if source_key in seen_sources or pair.kind != "term" or pair.category == "copy" or pair.source.isupper():
            continue  # first row = best rendering; acronyms have their own route; `FICHIER` is a placeholder
        seen_sources.add(source_key)
        if pair.score < min_score or source_key in analysis.words:
            continue  # single words (`paquet`: `package`, `pack` in git) are rendered too freely to check
        by_unit = analysis.renderings.get(source_key, {})
        padded_usual = f" {usual_key} "
        with_usual = [k for k in by_unit if padded_usual in analysis.target_lemmas.get(k, "")]
        others = {}
        usual_words = set(_content(usual_key))
        for k, r in by_unit.items():
            if k in with_usual or not r or usual_words <= set(analysis.target_lemmas.get(k, "").split()):
                continue  # every word of the usual rendering is there: another word order, not other words
            r = _widened(r, usual_key, analysis.target_lemmas.get(k, ""))
            if _other_words(r, usual_key, source_key):
                others[k] = r
        if len(with_usual) < min_units or len(with_usual) < min_share * (len(with_usual) + len(others)):
            continue
        for k, rendering_key in others.items():
            unit = analysis.units[k]
            target_span = term_span(unit.target, rendering_key, tgt)
            rendering = unit.target[target_span[0]:target_span[1]] if target_span else analysis.surfaces.get(
                rendering_key, rendering_key)
            if rendering.isupper() and not pair.target.isupper():
                continue  # a placeholder in capitals (`SOURCE`, `FILE` in command-line help)
            if _neighbour_word(rendering, unit.source, term_span(unit.source, source_key, src)):
                continue
            for position in analysis.positions[k]:
                found.append(Inconsistency(position, pair.source, rendering, pair.target, len(with_usual),
                                           len(by_unit), term_span(unit.source, source_key, src), target_span))
    return sorted(found, key=lambda f: (f.position, f.source_term))


def _other_words(rendering: str, usual: str, source: str) -> bool:
    """A rendering in other words: not a part of the usual one, not holding it, not the same content
    words in another order (`format of output` / `output format`: grammar, not terminology), not a copy of the
    source."""
    padded, padded_usual = f" {rendering} ", f" {usual} "
    return not (padded in padded_usual or padded_usual in padded or rendering == source
                or _content(rendering) == _content(usual))


def _content(key: str) -> list[str]:
    """The content words of a key, sorted and without a plural `s`: `format of output` and `output
    format` are the same words, and so are `fast forwards` and `fast forward` (simplemma leaves some
    plurals of technical words as they are: `passphrases`)."""
    return sorted(_singular(word) for word in key.replace("-", " ").split() if word not in _STOPWORDS)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _neighbour_word(rendering: str, source: str, source_span: tuple[int, int] | None) -> bool:
    """True when the rendering holds a word that the source writes as is outside the term (`Elgamal
    sign` for `clef de signature` in `clefs de signature ... Elgamal`, `child pid` for `processus fils
    de pid`): the word links pulled a neighbour of the term into its rendering. Whole words only:
    `--groups=LISTE` is an option name, which the target keeps and which renders nothing."""
    if source_span is None:
        return False
    inside = source[source_span[0]:source_span[1]].casefold()
    outside = {w.strip(_PUNCTUATION).casefold() for w in (source[:source_span[0]] + " " + source[source_span[1]:]).split()}
    return any(w.casefold() in outside and w.casefold() not in inside and w.lower() not in _STOPWORDS
               for w in re.findall(r"[^\W\d_]{2,}", rendering))


def _widened(rendering: str, usual: str, target_lemmas: str) -> str:
    """A rendering that is a part of the usual one, widened to the usual one's length where the target
    has other words around it: in `the Liaison Group`, a new word the aligner left unlinked, `Group`
    alone is linked; the words standing where `Contact` stands in `Contact Group` complete it."""
    usual_words, words, target = usual.split(), rendering.split(), target_lemmas.split()
    for at in range(len(usual_words) - len(words) + 1):
        if usual_words[at : at + len(words)] != words:
            continue
        for start in range(len(target) - len(words) + 1):
            begin = start - at
            if target[start : start + len(words)] == words and begin >= 0 and begin + len(usual_words) <= len(target):
                window = target[begin : begin + len(usual_words)]
                if window != usual_words and all(w.isalpha() and w not in _STOPWORDS for w in window):
                    return " ".join(window)
        break
    return rendering


def term_span(text: str, key: str, lang: str) -> tuple[int, int] | None:
    """Character span of the first word sequence of `text` whose lemmas are `key`."""
    tokens: list[Token] = [t for t in tokenize(text) if t.text != "-"]
    wanted = key.split()
    if not wanted:
        return None
    lang = base_lang(lang)
    lemmas = [lemma(t.text.lower(), lang) for t in tokens]
    acronym = [t.text for t in tokens]
    for start in range(len(tokens) - len(wanted) + 1):
        window = slice(start, start + len(wanted))
        if lemmas[window] == wanted or acronym[window] == wanted:
            return tokens[start].start, tokens[start + len(wanted) - 1].end
    return None


def rendering_counts(analysis: TermAnalysis, source_key: str) -> Counter:
    """{rendering key: distinct units} for one source term (for reports and the review page)."""
    return Counter(r for r in analysis.renderings.get(source_key, {}).values() if r)
