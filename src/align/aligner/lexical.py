"""A word-translation signal learned from the document pair itself (hunalign / Bleualign style).

Why: sentence embeddings blur the difference between a sentence and its neighbours in running text, while
the words of a translation are, for the most part, translations of the source's words. After a first DP
pass, the confident 1:1 beads are a small parallel corpus of the document itself; Dice co-occurrence
counts over them (Smadja et al. 1996; deterministic, linear in the beads' size, no model weights, any
language pair) give a table of likely word translations. Identical words (names, numbers, acronyms) count
as translations too. A candidate bead then gets an extra term for its words (both sides) that have a
likely translation in the other run, minus a break-even share of all its words (`AlignParams.lexical_*`):
additive over the path, so joining an untranslated sentence to a bead costs, and joining its translation pays.

To keep the scorer vectorised, the words of a sentence and the words it can translate are hashed into
fixed-width bit masks (`MASK_WORDS` x 64 bits); a run's mask is the OR of its sentences' (a word
translated twice in a run counts once), and counts are popcounts, as `features.py` does.

Measured (BENCHMARKS.md): +0.8 / +0.3 strict F1 on the dev sets but -0.4 / -0.6 on test, so it is off by
default (`lexical_weight = 0`).
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

MASK_WORDS = 8  # 512 bits per mask: a 30-word sentence sets ~6% of them, so hash collisions are rare
_BITS = 64 * MASK_WORDS
_WORD = re.compile(r"\w+")


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens (letters and digits); punctuation is dropped."""
    return _WORD.findall(text.lower())


class Vocabulary:
    """Word -> dense id, so documents become integer arrays."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def encode(self, words: Sequence[str]) -> np.ndarray:
        return np.array(sorted({self.ids.setdefault(w, len(self.ids)) for w in words}), dtype=np.int64)

    @property
    def words(self) -> list[str]:
        return list(self.ids)


def _pairs(src_sets: list[np.ndarray], tgt_sets: list[np.ndarray], n_tgt_words: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (source word, target word) co-occurrence keys over the given sentence pairs, with counts."""
    keys = [np.add.outer(s * n_tgt_words, t).ravel() for s, t in zip(src_sets, tgt_sets) if len(s) and len(t)]
    if not keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(keys), return_counts=True)


def learn_translations(src_sets: list[np.ndarray], tgt_sets: list[np.ndarray], n_src_words: int,
                       n_tgt_words: int, min_dice: float, min_count: int = 2) -> np.ndarray:
    """(k, 2) array of (source word id, target word id) pairs with Dice >= `min_dice` over the sentence pairs.

    Dice = 2 c(s, t) / (c(s) + c(t)), counts in sentence pairs; pairs seen fewer than `min_count` times are
    dropped (one co-occurrence says nothing).
    """
    keys, both = _pairs(src_sets, tgt_sets, n_tgt_words)
    src_freq = np.bincount(np.concatenate(src_sets + [np.zeros(0, np.int64)]), minlength=n_src_words)
    tgt_freq = np.bincount(np.concatenate(tgt_sets + [np.zeros(0, np.int64)]), minlength=n_tgt_words)
    s, t = keys // n_tgt_words, keys % n_tgt_words
    dice = 2.0 * both / np.maximum(src_freq[s] + tgt_freq[t], 1)
    keep = (both >= min_count) & (dice >= min_dice)
    return np.stack([s[keep], t[keep]], axis=1)


def _rare(sets: list[np.ndarray], vocab_size: int, max_df: float) -> list[np.ndarray]:
    """The words of each sentence that occur in at most `max_df` of the document's sentences.

    Function words ("the", "de") have a translation in almost every candidate bead, so they would only
    dilute the share; they still train the table, but are not counted in a bead's share.
    """
    if max_df >= 1.0 or not sets:
        return sets
    df = np.bincount(np.concatenate(sets), minlength=vocab_size)
    limit = max(2.0, max_df * len(sets))
    return [ids[df[ids] <= limit] for ids in sets]


def _masks(sets: list[np.ndarray]) -> np.ndarray:
    """(n, MASK_WORDS) uint64: the bits of each sentence's word ids."""
    out = np.zeros((len(sets), MASK_WORDS), dtype=np.uint64)
    for row, ids in enumerate(sets):
        if len(ids):
            bits = ids % _BITS
            np.bitwise_or.at(out[row], bits // 64, np.left_shift(np.uint64(1), (bits % 64).astype(np.uint64)))
    return out


class LexicalModel:
    """Word sets of both documents; after `fit`, the masks the scorer compares.

    `src_words[i]` / `tgt_words[j]`: bit masks of the counted words of a sentence;
    `src_covers[i]`: bit mask of the *target* words that some word of source sentence i can translate to,
    `tgt_covers[j]`: of the *source* words that some word of target sentence j translates.
    """

    def __init__(self, src: Sequence[str], tgt: Sequence[str], min_dice: float = 0.3, max_df: float = 1.0):
        self.min_dice = min_dice
        self.src_vocab, self.tgt_vocab = Vocabulary(), Vocabulary()
        self.src_sets = [self.src_vocab.encode(tokenize(t)) for t in src]
        self.tgt_sets = [self.tgt_vocab.encode(tokenize(t)) for t in tgt]
        self.src_words = _masks(_rare(self.src_sets, len(self.src_vocab.ids), max_df))
        self.tgt_words = _masks(_rare(self.tgt_sets, len(self.tgt_vocab.ids), max_df))
        self.src_covers = self.tgt_covers = None

    def _identical(self) -> np.ndarray:
        """(source id, target id) for words spelled alike on both sides: names, numbers, acronyms."""
        tgt_ids = self.tgt_vocab.ids
        pairs = [(i, tgt_ids[w]) for w, i in self.src_vocab.ids.items()
                 if w in tgt_ids and (len(w) >= 3 or any(c.isdigit() for c in w))]
        return np.array(pairs, dtype=np.int64).reshape(-1, 2)

    def fit(self, pairs: Sequence[tuple[int, int]]) -> int:
        """Learn the translation table from aligned sentence pairs (source index, target index); returns
        its size. The cover masks then say, for each sentence, which words of the other side it accounts for."""
        n_s, n_t = len(self.src_vocab.ids), len(self.tgt_vocab.ids)
        learned = learn_translations([self.src_sets[i] for i, _ in pairs], [self.tgt_sets[j] for _, j in pairs],
                                     n_s, n_t, self.min_dice)
        table = np.unique(np.concatenate([learned, self._identical()]), axis=0)
        # For each word, the words of the other side it can translate (CSR-like by sorting).
        self.src_covers = self._covers(self.src_sets, table[:, 0], table[:, 1], n_s)
        self.tgt_covers = self._covers(self.tgt_sets, table[:, 1], table[:, 0], n_t)
        return len(table)

    @staticmethod
    def _covers(sets: list[np.ndarray], key: np.ndarray, value: np.ndarray, vocab_size: int) -> np.ndarray:
        order = np.argsort(key, kind="stable")
        key, value = key[order], value[order]
        starts = np.searchsorted(key, np.arange(vocab_size + 1))
        covered = []
        for ids in sets:
            if len(ids):
                chunks = [value[starts[w] : starts[w + 1]] for w in ids]
                covered.append(np.unique(np.concatenate(chunks)))
            else:
                covered.append(ids)
        return _masks(covered)
