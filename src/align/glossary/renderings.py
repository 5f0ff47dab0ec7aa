"""How each source term is rendered in each unit: the input of the `term-inconsistency` QA check.

Why a function of its own: a reviewer's question is "is `JCIOI` translated the same way throughout?".
Answering it needs, for every unit whose source holds the term, the words of the target that render it.
Three sources of evidence, most reliable first:
  1. a known rendering (from a glossary) written in the target;
  2. for an acronym, the target acronym the word aligner links it to, else the target acronym most
     associated with it over the file;
  3. the word links (`extract.TargetSide.rendering`).
Terms default to the acronyms of the source (those seen in at least `min_frequency` units), then the
source terms of the glossary (extracted from the units when none is given). Finally, where the links gave
a span overlapping the term's usual rendering and that usual rendering is written in the target, the
usual rendering is reported: a stray word link is not an inconsistency of the translation.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

from align.glossary.candidates import is_acronym_token
from align.glossary.extract import TargetSide, TermSettings, extract_terms
from align.glossary.model import Glossary
from align.glossary.tokens import Token, base_lang, tokenize
from align.glossary.wordalign import WordAlignment, align_words
from align.model import TranslationUnit


def term_renderings(
    units: Iterable[TranslationUnit],
    source_terms: Sequence[str] | None = None,
    *,
    glossary: Glossary | None = None,
    src_lang: str = "fr",
    tgt_lang: str = "en",
    min_frequency: int = 2,
) -> dict[str, dict[int, str | None]]:
    """{source term: {unit index (0-based): rendering as written in the target, or None if none found}}.

    Only units whose source contains the term appear. Acronyms match case-sensitively, other terms
    case-insensitively and across hyphen/space variants (`Jammu et Cachemire` = `Jammu-et-Cachemire`).
    A term with two or more distinct renderings is what `term-inconsistency` reports.
    """
    units = list(units)
    if not units:
        return {}
    alignments = align_words(units)
    if glossary is None:
        glossary = extract_terms(units, TermSettings(src_lang, tgt_lang, min_frequency=min_frequency))
    known = _known_renderings(glossary)
    if source_terms is None:
        source_terms = _default_terms(alignments, glossary, min_frequency)
    associations = _acronym_associations(alignments)
    tgt = base_lang(tgt_lang)
    units_with_word: dict[str, list[int]] = {}  # so that each term only visits the units holding its words
    for index, alignment in enumerate(alignments):
        for word in {t.text.lower() for t in alignment.source_tokens}:
            units_with_word.setdefault(word, []).append(index)
    result: dict[str, dict[int, str | None]] = {}
    for term in source_terms:
        pattern = _pattern(term)
        if not pattern:
            continue
        renderings: dict[int, str | None] = {}
        for index in units_with_word.get(pattern[0].lower(), ()):
            unit, alignment = units[index], alignments[index]
            occurrence = _find(pattern, alignment.source_tokens, acronym=is_acronym_token(term))
            if occurrence is None:
                continue
            renderings[index] = _render(term, occurrence, unit, alignment, known.get(term, ()),
                                        associations, tgt)
        if renderings:
            result[term] = _settle_on_usual(renderings, alignments)
    return result


def _settle_on_usual(renderings: dict[int, str | None], alignments: list[WordAlignment]) -> dict[int, str | None]:
    """Where the word links gave a span that overlaps the usual rendering and the usual rendering is
    written in the target (`Jammu and Kashmir dispute` where `Jammu and Kashmir` is meant), use it: a
    stray link is not an inconsistency of the translation. A genuinely different rendering is kept."""
    counts = Counter(r for r in renderings.values() if r)
    if not counts:
        return renderings
    usual = counts.most_common(1)[0][0]
    usual_padded = f" {usual.lower()} "
    pattern = _pattern(usual)
    settled = {}
    for index, rendering in renderings.items():
        if rendering and rendering != usual:
            padded = f" {rendering.lower()} "
            overlaps = usual_padded in padded or padded in usual_padded
            if overlaps and _find(pattern, alignments[index].target_tokens, is_acronym_token(usual)):
                rendering = usual
        settled[index] = rendering
    return settled


def _known_renderings(glossary: Glossary | None) -> dict[str, list[str]]:
    if glossary is None:
        return {}
    return {source: [row.target for row in rows] for source, rows in glossary.by_source().items()}


def _default_terms(alignments: list[WordAlignment], glossary: Glossary, min_frequency: int) -> list[str]:
    """Acronyms first (most frequent first), then the source terms of the (extracted) glossary."""
    acronyms: Counter = Counter()
    for alignment in alignments:
        acronyms.update({t.text for t in alignment.source_tokens if is_acronym_token(t.text)})
    terms = [a for a, n in acronyms.most_common() if n >= min_frequency]
    terms += [s for s in glossary.by_source() if s not in terms]
    return terms


def _pattern(term: str) -> list[str]:
    return [t.text for t in tokenize(term) if t.text != "-"]


def _find(pattern: list[str], tokens: list[Token], acronym: bool) -> tuple[int, int] | None:
    """First (first, last) token span whose words (hyphens skipped) equal the pattern."""
    if not pattern:
        return None
    words = [(n, t.text) for n, t in enumerate(tokens) if t.text != "-"]
    fold = (lambda s: s) if acronym else str.lower
    wanted = [fold(w) for w in pattern]
    for start in range(len(words) - len(wanted) + 1):
        if all(fold(words[start + k][1]) == wanted[k] for k in range(len(wanted))):
            return words[start][0], words[start + len(wanted) - 1][0]
    return None


def _render(term, occurrence, unit, alignment: WordAlignment, known: Sequence[str], associations, tgt):
    first, last = occurrence
    linked = alignment.target_positions(first, last)
    # 1. a known rendering present in the target: one the links point to, else the first listed
    present = []
    for order, rendering in enumerate(known):
        span = _find(_pattern(rendering), alignment.target_tokens, acronym=is_acronym_token(rendering))
        if span is not None:
            present.append((any(span[0] <= j <= span[1] for j in linked), -order, span))
    if present:
        _, _, (a, b) = max(present)
        return unit.target[alignment.target_tokens[a].start : alignment.target_tokens[b].end]
    # 2. acronyms render as acronyms
    if is_acronym_token(term):
        acronyms = [(j, t.text) for j, t in enumerate(alignment.target_tokens) if is_acronym_token(t.text)]
        for j, text in acronyms:
            if j in linked:
                return text
        ranked = sorted(acronyms, key=lambda item: associations.get((term, item[1]), 0.0), reverse=True)
        if ranked and associations.get((term, ranked[0][1]), 0.0) > 0:
            return ranked[0][1]
    # 3. the word links
    best = TargetSide(unit.target, alignment.target_tokens, tgt).rendering(first, last, alignment.links)
    return best.surface if best is not None else None


def _acronym_associations(alignments: list[WordAlignment]) -> dict[tuple[str, str], float]:
    """(source acronym, target acronym) -> Dice over units: how strongly they go together in this file."""
    pairs: Counter = Counter()
    source_counts: Counter = Counter()
    target_counts: Counter = Counter()
    for alignment in alignments:
        sources = {t.text for t in alignment.source_tokens if is_acronym_token(t.text)}
        targets = {t.text for t in alignment.target_tokens if is_acronym_token(t.text)}
        source_counts.update(sources)
        target_counts.update(targets)
        pairs.update((s, t) for s in sources for t in targets)
    return {(s, t): 2 * n / (source_counts[s] + target_counts[t]) for (s, t), n in pairs.items()}
