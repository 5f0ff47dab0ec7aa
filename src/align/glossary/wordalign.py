"""Word alignment of translation units with eflomal, symmetrised grow-diag-final.

Why eflomal: it is an offline, fast Bayesian IBM-style aligner (hundreds of sentence pairs in well under a
second, millions in minutes), needs no model weights, and works from the units themselves. It aligns in
both directions; the union of the two is noisy and the intersection too sparse, so the directions are
combined with Koehn's grow-diag-final heuristic, the standard of phrase-based MT.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from align.glossary.tokens import Token, alignment_line, to_token_links, tokenize
from align.model import TranslationUnit
from align.threads import limit_threads

_NEIGHBOURS = ((-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))


@dataclass(frozen=True)
class WordAlignment:
    """The tokens of one unit and the links between them (`(i, j)`: source token i, target token j)."""

    source_tokens: list[Token]
    target_tokens: list[Token]
    links: frozenset

    def target_positions(self, first: int, last: int) -> set[int]:
        """Target token indices linked to source tokens first..last."""
        return {j for i, j in self.links if first <= i <= last}


def grow_diag_final(forward: set[tuple[int, int]], reverse: set[tuple[int, int]]) -> frozenset:
    """Koehn et al. (2003): start from the intersection, grow into neighbouring union points, then add
    union points whose source or target word is still unaligned."""
    union = forward | reverse
    alignment = set(forward & reverse)
    aligned_src = {i for i, _ in alignment}
    aligned_tgt = {j for _, j in alignment}
    grown = True
    while grown:
        grown = False
        for i, j in sorted(alignment):
            for di, dj in _NEIGHBOURS:
                point = (i + di, j + dj)
                if point in union and point not in alignment and (
                    point[0] not in aligned_src or point[1] not in aligned_tgt
                ):
                    alignment.add(point)
                    aligned_src.add(point[0])
                    aligned_tgt.add(point[1])
                    grown = True
    for direction in (forward, reverse):
        for i, j in sorted(direction):
            if (i not in aligned_src or j not in aligned_tgt) and (i, j) not in alignment:
                alignment.add((i, j))
                aligned_src.add(i)
                aligned_tgt.add(j)
    return frozenset(alignment)


def _parse_links(line: str) -> set[tuple[int, int]]:
    links = set()
    for pair in line.split():
        i, _, j = pair.partition("-")
        links.add((int(i), int(j)))
    return links


IDENTICAL_PRIOR = 2.0  # pseudo-counts: decisive on a few dozen units, negligible on a million
COGNATE_PRIOR = 1.0
COGNATE_PREFIX = 5  # `organisation`/`organization`, `groupe`/`group` share their first 5 letters
MAX_COGNATE_BUCKET = 4  # a prefix shared by more words than this per side says nothing


def align_token_lines(source_lines: Iterable[str], target_lines: Iterable[str], n_units: int) -> Iterator[frozenset]:
    """Symmetrised links for each pair of space-separated token lines, in order.

    eflomal runs (and consumes both line iterables) before this returns; the result streams the links
    from eflomal's output files, which are removed once it is exhausted or closed. Words written alike on
    both sides (names, acronyms kept as such, numbers, cognates) get a lexical prior: on a few dozen units
    an IBM-style aligner otherwise falls back on word order, and French puts adjectives after the noun.
    """
    import eflomal  # lazily: a compiled extension, only needed when aligning

    source_vocabulary: set[str] = set()
    target_vocabulary: set[str] = set()
    folder = tempfile.TemporaryDirectory(prefix="align-eflomal-")
    samplers = samplers_for(n_units)
    # eflomal runs one sampler per OpenMP thread; an OMP_NUM_THREADS=1 inherited from the caller (a corpus
    # worker) makes its links measurably noisier (a term's unit count ranged 5-11 instead of 9-11 over 20
    # runs on 42 corpus units), so the subprocess gets one thread per sampler.
    try:
        with limit_threads(samplers):
            eflomal.Aligner(n_iterations=iterations_for(n_units), n_samplers=samplers).align(
                _collect(source_lines, source_vocabulary),
                _collect(target_lines, target_vocabulary),
                links_filename_fwd=os.path.join(folder.name, "forward"),
                links_filename_rev=os.path.join(folder.name, "reverse"),
                priors_input=_LazyPriors(source_vocabulary, target_vocabulary),
            )
    except BaseException:
        folder.cleanup()
        raise
    return _stream_links(folder)


MAX_ITERATIONS = 24


def iterations_for(n_units: int) -> tuple[int, int, int]:
    """Sampling iterations per model (IBM1, HMM, fertility).

    eflomal's own default is about 5000/sqrt(n) per model: ~780 iterations on 41 units took 17 s for
    the links that 16-32 give in about a second. Large corpora need few iterations (the counts are
    strong), so time grows about as sqrt(n) rather than n.
    """
    n = max(3, min(MAX_ITERATIONS, round(1000 / max(n_units, 1) ** 0.5)))
    return (n, n, n)


def samplers_for(n_units: int) -> int:
    """Independent samplers whose links eflomal combines. eflomal seeds itself from /dev/urandom (no seed
    option): on small inputs more samplers make two runs agree; on large ones the counts already do."""
    return 8 if n_units < 2000 else 3


def _collect(lines: Iterable[str], vocabulary: set[str]) -> Iterator[str]:
    for line in lines:
        vocabulary.update(line.split())
        yield line


class _LazyPriors:
    """eflomal reads the priors after both texts, so they can be computed from the vocabularies it saw."""

    def __init__(self, source_vocabulary: set[str], target_vocabulary: set[str]) -> None:
        self.source_vocabulary, self.target_vocabulary = source_vocabulary, target_vocabulary

    def __iter__(self) -> Iterator[str]:
        for source, target, alpha in lexical_priors(self.source_vocabulary, self.target_vocabulary):
            yield f"LEX\t{source}\t{target}\t{alpha}\n"


def _fold(word: str) -> str:
    """Lower case without accents: `général` -> `general`."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def lexical_priors(source_vocabulary: set[str], target_vocabulary: set[str]) -> Iterator[tuple[str, str, float]]:
    """(source word, target word, pseudo-count) for words written alike; linear in the vocabularies."""
    target_by_fold: dict[str, list[str]] = defaultdict(list)
    target_by_prefix: dict[str, list[str]] = defaultdict(list)
    for word in target_vocabulary:
        if any(ch.isalnum() for ch in word):
            target_by_fold[_fold(word)].append(word)
            if len(word) >= COGNATE_PREFIX:
                target_by_prefix[_fold(word)[:COGNATE_PREFIX]].append(word)
    source_by_prefix: dict[str, list[str]] = defaultdict(list)
    for word in source_vocabulary:
        if not any(ch.isalnum() for ch in word):
            continue
        folded = _fold(word)
        identical = target_by_fold.get(folded, ())
        for target in identical:
            yield word, target, IDENTICAL_PRIOR
        if len(word) >= COGNATE_PREFIX and not identical:
            source_by_prefix[folded[:COGNATE_PREFIX]].append(word)
    for prefix, sources in source_by_prefix.items():
        targets = target_by_prefix.get(prefix, ())
        if len(sources) <= MAX_COGNATE_BUCKET and len(targets) <= MAX_COGNATE_BUCKET:
            for source in sources:
                for target in targets:
                    if source != target:
                        yield source, target, COGNATE_PRIOR


def _stream_links(folder: tempfile.TemporaryDirectory) -> Iterator[frozenset]:
    with folder:
        with open(os.path.join(folder.name, "forward"), encoding="utf-8") as forward, \
                open(os.path.join(folder.name, "reverse"), encoding="utf-8") as reverse:
            for forward_line, reverse_line in zip(forward, reverse):
                yield grow_diag_final(_parse_links(forward_line), _parse_links(reverse_line))


def align_words(units: Sequence[TranslationUnit]) -> list[WordAlignment]:
    """Tokens and symmetrised word links of every unit (same order as `units`).

    Works on any number of units; a few dozen give usable links for frequent words only, which is why
    term extraction adds co-occurrence and acronym cues on top.
    """
    units = list(units)
    if not units:
        return []
    source_tokens = [tokenize(unit.source) for unit in units]
    target_tokens = [tokenize(unit.target) for unit in units]
    links = align_token_lines(
        (alignment_line(tokens) for tokens in source_tokens),
        (alignment_line(tokens) for tokens in target_tokens),
        len(units),
    )
    return [WordAlignment(s, t, to_token_links(link, s, t)) for s, t, link in zip(source_tokens, target_tokens, links)]
