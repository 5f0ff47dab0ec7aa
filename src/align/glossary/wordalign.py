"""Word alignment of translation units: a lexical model trained by EM, symmetrised grow-diag-final.

Why this and not eflomal (used before): eflomal samples with a seed read from /dev/urandom and has no
seed option, so two runs on the same input gave different glossaries and QA findings. IBM model 1 with
fast_align's diagonal prior (Dyer et al. 2013) is deterministic, needs no model weights, learns from the
units themselves, and in numpy aligns 10,000 units in about a second. It aligns in both directions; the
union of the two is noisy and the intersection too sparse, so they are joined with Koehn's
grow-diag-final heuristic, the standard of phrase-based MT.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from align.glossary.tokens import Token, alignment_line, to_token_links, tokenize
from align.model import TranslationUnit

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
EM_ITERATIONS = 5
DIAGONAL_TENSION = 4.0  # fast_align's lambda: how strongly links prefer the diagonal
NULL_PROBABILITY = 0.08  # fast_align's p0: share of words that render nothing
MAX_SENTENCE_TOKENS = 100  # longer lines are cut for alignment (a unit, not a chapter)
MAX_ROWS = 6_000_000  # word pairs held at once (~600 MB); about 20,000 units of sentence length
UNSEEN = 1e-6  # lexical probability of a word pair the model never saw (units beyond the first chunk)
METHOD = "ibm1diag-gdf"  # IBM model 1 + fast_align's diagonal prior, symmetrised grow-diag-final


def aligner_settings() -> str:
    """Every setting of the aligner that changes its links, for signatures (EM is deterministic: no seed)."""
    return (f"{METHOD},em:{EM_ITERATIONS},tension:{DIAGONAL_TENSION},null:{NULL_PROBABILITY},"
            f"identical:{IDENTICAL_PRIOR},cognate:{COGNATE_PRIOR}/{COGNATE_PREFIX}/{MAX_COGNATE_BUCKET},"
            f"max_tokens:{MAX_SENTENCE_TOKENS}")


def align_token_lines(source_lines: Iterable[str], target_lines: Iterable[str], n_units: int) -> Iterator[frozenset]:
    """Symmetrised links for each pair of space-separated token lines, in order.

    A lexical model (IBM 1 with fast_align's diagonal prior, trained by EM in both directions) aligns
    each target word to its best source word (or to none), and grow-diag-final joins the two
    directions. EM has no randomness: the same input gives the same links on every run, which a
    glossary for review and a QA report in CI need (eflomal, the aligner used before, samples and
    cannot be seeded). Words written alike on both sides (names, acronyms, numbers, cognates) get a
    lexical prior: on a few dozen units the counts alone do not decide.
    """
    source = [line.split()[:MAX_SENTENCE_TOKENS] for line in source_lines]
    target = [line.split()[:MAX_SENTENCE_TOKENS] for line in target_lines]
    if len(source) != len(target) or len(source) != n_units:
        raise ValueError(f"{len(source)} source lines, {len(target)} target lines, {n_units} units")
    chunks = _chunks(source, target)
    vocabulary: dict[str, int] = {}
    trained = _WordPairs(source[chunks[0]], target[chunks[0]], vocabulary)
    tables = {True: trained.train(forward=True), False: trained.train(forward=False)}
    return _links(source, target, chunks, trained, tables, vocabulary)


def _chunks(source: list[list[str]], target: list[list[str]]) -> list[slice]:
    """Runs of units with at most MAX_ROWS word pairs each: memory stays bounded on huge inputs. The
    model is trained on the first run (the whole input below that size) and aligns the others."""
    chunks, start, rows = [], 0, 0
    for index, (s, t) in enumerate(zip(source, target)):
        size = len(s) * len(t)
        if rows and rows + size > MAX_ROWS:
            chunks.append(slice(start, index))
            start, rows = index, 0
        rows += size
    chunks.append(slice(start, len(source)))
    return chunks


def _links(source, target, chunks: list[slice], trained: "_WordPairs", tables: dict, vocabulary: dict) -> Iterator[frozenset]:
    for number, chunk in enumerate(chunks):
        pairs = trained if number == 0 else _WordPairs(source[chunk], target[chunk], vocabulary, with_priors=False)
        now = tables if number == 0 else {d: trained.lookup(tables[d], pairs.codes) for d in (True, False)}
        forward = pairs.best_links(now[True], forward=True)
        reverse = pairs.best_links(now[False], forward=False)
        yield from (grow_diag_final(f, r) for f, r in zip(forward, reverse))


class _WordPairs:
    """Every (unit, source position, target position) as one row of flat numpy arrays; the distinct
    (source word, target word) pairs are the parameters of both directions' lexical tables.

    EM sums run in a fixed order (np.bincount), so links are identical from run to run.
    """

    def __init__(self, source: list[list[str]], target: list[list[str]], vocabulary: dict[str, int],
                 with_priors: bool = True) -> None:
        import numpy as np

        src_flat = np.array([vocabulary.setdefault("s:" + w, len(vocabulary)) for line in source for w in line],
                            dtype=np.int64)
        tgt_flat = np.array([vocabulary.setdefault("t:" + w, len(vocabulary)) for line in target for w in line],
                            dtype=np.int64)
        self.m = np.array([len(line) for line in source], dtype=np.int64)
        self.n = np.array([len(line) for line in target], dtype=np.int64)
        src_start = np.concatenate(([0], np.cumsum(self.m)[:-1]))
        tgt_start = np.concatenate(([0], np.cumsum(self.n)[:-1]))
        sizes = self.m * self.n
        self.row_start = np.concatenate(([0], np.cumsum(sizes)))
        unit = np.repeat(np.arange(len(source)), sizes)
        within = np.arange(int(sizes.sum())) - self.row_start[unit]
        n_of_row = self.n[unit]
        i, j = within // np.maximum(n_of_row, 1), within % np.maximum(n_of_row, 1)
        self.source_position = src_start[unit] + i  # global positions: E-steps normalise per word
        self.target_position = tgt_start[unit] + j
        self.n_source, self.n_target = int(self.m.sum()), int(self.n.sum())
        self.diagonal = np.exp(-DIAGONAL_TENSION * np.abs((i + 0.5) / self.m[unit] - (j + 0.5) / n_of_row))
        # a pair's code: source id in the high 32 bits, target id in the low ones (stable across chunks)
        self.codes, self.pair = np.unique((src_flat[self.source_position] << 32) | tgt_flat[self.target_position],
                                          return_inverse=True)
        self.pair_source, self.pair_target = self.codes >> 32, self.codes & 0xFFFFFFFF
        self.prior = _priors(self.codes, vocabulary, source, target) if with_priors else None

    def lookup(self, table, codes):
        """This model's table values for other pairs' `codes`; pairs never seen in training get UNSEEN."""
        import numpy as np

        at = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
        return np.where(self.codes[at] == codes, table[at], UNSEEN)

    def train(self, forward: bool):
        """t(target word | source word) when `forward`, else t(source word | target word), by EM."""
        import numpy as np

        position, n_positions = ((self.target_position, self.n_target) if forward
                                 else (self.source_position, self.n_source))
        given = self.pair_source if forward else self.pair_target
        table = np.ones(len(given))
        for _ in range(EM_ITERATIONS):
            weight = table[self.pair] * self.diagonal
            total = np.bincount(position, weights=weight, minlength=n_positions)
            null = NULL_PROBABILITY * total.mean() if len(total) else 0.0
            posterior = weight / (total[position] + null)
            counts = np.bincount(self.pair, weights=posterior, minlength=len(table)) + self.prior
            table = counts / np.bincount(given, weights=counts)[given]
        return table

    def best_links(self, table, forward: bool) -> list[set[tuple[int, int]]]:
        """Per unit, (source position, target position) for each word's best counterpart when it
        beats the null word (a word that renders nothing stays unlinked)."""
        import numpy as np

        weight = table[self.pair] * self.diagonal
        links: list[set[tuple[int, int]]] = []
        for k, (m, n) in enumerate(zip(self.m.tolist(), self.n.tolist())):
            if not (m and n):
                links.append(set())
                continue
            block = weight[self.row_start[k] : self.row_start[k + 1]].reshape(m, n)
            if not forward:
                block = block.T  # rows: target positions; each source word picks one
            best = block.argmax(axis=0)
            strong = block[best, np.arange(block.shape[1])] > NULL_PROBABILITY * block.sum(axis=0) / block.shape[0]
            found = [(int(b), c) for c, b in enumerate(best.tolist()) if strong[c]]
            links.append({(a, b) for a, b in found} if forward else {(b, a) for a, b in found})
        return links


def _priors(codes, vocabulary: dict[str, int], source, target):
    """Pseudo-counts for the pairs of words written alike, aligned with the sorted pair `codes`."""
    import numpy as np

    prior = np.zeros(len(codes))
    source_vocabulary = {w for line in source for w in line}
    target_vocabulary = {w for line in target for w in line}
    for s, t, alpha in lexical_priors(source_vocabulary, target_vocabulary):
        code = (vocabulary["s:" + s] << 32) | vocabulary["t:" + t]
        at = int(np.searchsorted(codes, code))
        if at < len(codes) and codes[at] == code:  # the two words share a unit
            prior[at] = alpha
    return prior


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
