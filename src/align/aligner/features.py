"""Cheap language-independent signals computed from the text of each sentence.

Why: translations keep numbers, names, acronyms and some punctuation, and their length in characters is
proportional to the source's (Gale & Church 1993). These signals are nearly free, while embedding a
concatenated run of sentences costs as much as embedding the sentences again.

Tokens that should appear on both sides (numbers, capitalised words not at sentence start, acronyms) are
hashed into a 64-bit mask per sentence; a run's mask is the OR of its sentences', and agreement between two
runs is |A & B| / |A | B| with popcounts, so the scorer stays vectorised.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from typing import Sequence

import numpy as np

_CROSSING_WORDS = 4  # width of the shared-token masks, in 64-bit words
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![\w'’])([A-ZÀ-ÖØ-Þ][\w'’-]{2,})")


def char_lengths(texts: Sequence[str]) -> np.ndarray:
    """Length of each text in characters, ignoring spaces (tokenised and untokenised text compare alike)."""
    return np.array([max(1, len(t) - t.count(" ")) for t in texts], dtype=np.float64)


def _bit(token: str) -> int:
    return 1 << (zlib.crc32(token.encode("utf-8")) & 63)


def _tokens(text: str) -> set[str]:
    tokens = {re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text)}
    names = _NAME.findall(text)
    # The first word of a sentence is capitalised anyway: keep it only when it looks like an acronym.
    first = text.lstrip(" «“\"'(-—–").split(" ", 1)[0] if text.strip() else ""
    for name in names:
        if name == first and not name.isupper():
            continue
        tokens.add(name.lower()[:6])  # a short prefix survives inflection and accents (Paris/Parisiens no)
    return tokens


def token_masks(texts: Sequence[str]) -> np.ndarray:
    """One uint64 per text: the hashed set of its numbers and names."""
    masks = np.zeros(len(texts), dtype=np.uint64)
    for i, text in enumerate(texts):
        bits = 0
        for token in _tokens(text):
            bits |= _bit(token)
        masks[i] = bits
    return masks


def shared_token_masks(src: Sequence[str], tgt: Sequence[str], max_df: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Per-sentence bit masks (n, words) uint64 of the numbers and names that occur on both sides, in at
    most `max_df` sentences of each side; one bit per token (up to 256 tokens, see below).

    Why both sides and rare: German capitalises every noun and novels repeat their characters' names;
    a token that occurs in only a few sentences of each side is a sharp anchor between a sentence and its
    counterpart, which the crossing term of the scorer uses (`RowScorer`, `AlignParams.crossing_weight`).
    """
    src_tokens, tgt_tokens = [_tokens(t) for t in src], [_tokens(t) for t in tgt]
    src_df = Counter(token for tokens in src_tokens for token in tokens)
    tgt_df = Counter(token for tokens in tgt_tokens for token in tokens)
    shared = sorted(t for t, c in src_df.items() if c <= max_df and 0 < tgt_df.get(t, 0) <= max_df)
    # One bit per token up to 256 of them; beyond, tokens share bits (index modulo 256). A shared bit only
    # matters when both tokens occur in neighbouring sentences, so the rare collisions cost nothing
    # measurable, and the masks stay 4 words wide on documents of any length (linear memory).
    bit = {token: k % (64 * _CROSSING_WORDS) for k, token in enumerate(shared)}
    words = max(1, min(_CROSSING_WORDS, (len(shared) + 63) // 64))

    def masks(token_sets) -> np.ndarray:
        out = np.zeros((len(token_sets), words), dtype=np.uint64)
        for i, tokens in enumerate(token_sets):
            for token in tokens:
                k = bit.get(token)
                if k is not None:
                    out[i, k // 64] |= np.uint64(1) << np.uint64(k % 64)
        return out

    return masks(src_tokens), masks(tgt_tokens)
