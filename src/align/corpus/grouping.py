"""Grouping the sentences of one side of a mining job: identical ones, then near-duplicates.

Two sentences are near-duplicates when their embeddings are very close (cosine >= NEAR_COSINE), their
characters mostly agree (rapidfuzz ratio >= NEAR_RATIO: the same clause with a word or an inflection
changed, not a paraphrase) and their numbers agree (`guards.digit_runs`: "the 48th session" and "the
49th session" stay apart). Groups are the connected components of that relation (union-find); each is
represented by its first member's vector. Thresholds were set on dev (bench/corpus/calibrate_mining.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from align.corpus.guards import digit_runs

NEAR_COSINE = 0.93
NEAR_RATIO = 85.0
#: Nearest same-side sentences examined per sentence for near-duplicates.
NEAR_CANDIDATES = 8


@dataclass
class SideGroups:
    members: list[list[str]]  # distinct texts of each group, first one first
    occurrences: list[list[tuple[str, int]]]  # (document, segment index) of every member occurrence
    vectors: np.ndarray  # one row per group (its first member's vector)
    text_vectors: dict[str, np.ndarray]  # vector of each distinct text
    group_at: dict[tuple[str, int], int]  # (document, segment index) -> group
    text_at: dict[tuple[str, int], str]  # (document, segment index) -> its text

    def member_vectors(self, group: int) -> np.ndarray:
        return np.stack([self.text_vectors[text] for text in self.members[group]])

    def occurrences_first(self, group: int, text: str) -> list[tuple[str, int]]:
        """The group's occurrences, those of `text` first (the unit's own sentence)."""
        key = fold(text)
        own = [o for o in self.occurrences[group] if fold(self.text_at[o]) == key]
        return own + [o for o in self.occurrences[group] if o not in own]


def describe() -> str:
    """The grouping rule with its thresholds, for the output signature."""
    return f"near-duplicates(cosine>={NEAR_COSINE},ratio>={NEAR_RATIO:g},same-digits)"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def group_side(documents, *, near_duplicates: bool = True) -> SideGroups:
    """Groups of the sentences of `documents` (`mining.PoolDocument`s), in order of first occurrence."""
    texts, occurrences, rows, text_at = _distinct(documents)
    dim = documents[0].vectors.shape[1] if documents else 0
    vectors = np.stack(rows).astype(np.float32) if rows else np.zeros((0, dim), np.float32)
    parent = list(range(len(texts)))
    if near_duplicates and len(texts) > 1:
        for a, b in _near_pairs(texts, vectors):
            _union(parent, a, b)
    roots: dict[int, int] = {}
    members: list[list[str]] = []
    group_occurrences: list[list[tuple[str, int]]] = []
    for index, text in enumerate(texts):
        root = _find(parent, index)
        if root not in roots:
            roots[root] = len(members)
            members.append([])
            group_occurrences.append([])
        members[roots[root]].append(text)
        group_occurrences[roots[root]].extend(occurrences[index])
    firsts = [texts.index(group[0]) for group in members]
    groups = SideGroups(members=members, occurrences=group_occurrences,
                        vectors=vectors[firsts] if firsts else vectors, text_vectors=dict(zip(texts, rows)),
                        group_at={o: g for g, occ in enumerate(group_occurrences) for o in occ}, text_at=text_at)
    return groups


def _distinct(documents):
    """Distinct texts (first occurrence in document order), their occurrences and vectors."""
    texts: list[str] = []
    occurrences: list[list[tuple[str, int]]] = []
    rows: list[np.ndarray] = []
    seen: dict[str, int] = {}
    text_at: dict[tuple[str, int], str] = {}
    for document in documents:
        for index, text in enumerate(document.texts):
            key = fold(text)
            if not key:
                continue
            text_at[(document.name, index)] = text
            if key in seen:
                occurrences[seen[key]].append((document.name, index))
                continue
            seen[key] = len(texts)
            texts.append(text)
            occurrences.append([(document.name, index)])
            rows.append(document.vectors[index])
    return texts, occurrences, rows, text_at


def _near_pairs(texts: list[str], vectors: np.ndarray):
    """Pairs (a, b), a < b, of near-duplicate distinct texts (see the module docstring)."""
    from rapidfuzz import fuzz

    from align.knn import knn

    sims, ids = knn(vectors, vectors, NEAR_CANDIDATES + 1)
    for a in range(len(texts)):
        for sim, b in zip(sims[a], ids[a]):
            b = int(b)
            if b <= a or sim < NEAR_COSINE:
                continue
            if fuzz.ratio(fold(texts[a]), fold(texts[b])) >= NEAR_RATIO and \
                    digit_runs(texts[a]) == digit_runs(texts[b]):
                yield a, b


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)
