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
from typing import Sequence

import numpy as np

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
