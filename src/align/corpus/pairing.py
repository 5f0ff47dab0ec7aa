"""Pairing documents by content when their file names do not say which is the translation of which.

Two signals, both margin-based:

1. Candidates: a document vector (mean of its segment embeddings, normalised) per document, searched with
   FAISS in both directions; mutual best matches by ratio margin. The side's mean sentence vector is
   subtracted first. Why: in a corpus on one topic every document mean is nearly the same vector (measured
   on the sample corpus: cosine 0.93-0.97 between *all* French and English documents, margins of true pairs
   1.006-1.015 against 1.007 for a wrong one), so the uncentred means cannot tell pairs apart; centred, the
   true pairs stand out (margins 1.6-2.1).
2. Confirmation: a translation is translated sentence by sentence, a document that merely reuses a few
   clauses is not. The confidence of a candidate is its *coverage*: the share of the two documents'
   segments linked by mined sentence pairs (mutual best, ratio margin >= DEFAULT_LINK_MARGIN) between
   them: 2·links / (segments of both). A candidate is paired when its coverage reaches `min_coverage`.
   Measured: the Nouakchott communiqué and the 2023 New York one share many clauses and are mutual best
   documents (margin 1.9), but their coverage stays far below that of real pairs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from align.corpus.margin import mutual_best_margin
from align.corpus.mining import MiningResult, PoolDocument

DEFAULT_MIN_COVERAGE = 0.3
#: Sentence links counted for coverage need this ratio margin: lower than the mining threshold, because
#: within a candidate document pair a link is a vote for the pair, not a unit of the TM.
DEFAULT_LINK_MARGIN = 1.0


@dataclass(frozen=True)
class ContentPair:
    src: str
    tgt: str
    coverage: float  # the confidence: share of both documents' segments linked by mined pairs
    margin: float  # ratio margin of the centred document vectors
    links: int


def document_vectors(documents: list[PoolDocument]) -> np.ndarray:
    """One normalised vector per document: mean of its segments minus the side's mean segment."""
    dim = documents[0].vectors.shape[1]
    nonempty = [d.vectors for d in documents if len(d.vectors)]
    centre = np.zeros(dim, np.float32)
    if len(nonempty) >= 2:
        centre = np.concatenate(nonempty).mean(axis=0)
    rows = []
    for document in documents:
        vector = (document.vectors.mean(axis=0) - centre) if len(document.vectors) else np.zeros(dim)
        norm = np.linalg.norm(vector)
        rows.append(vector / norm if norm > 1e-6 else vector)
    return np.stack(rows).astype(np.float32)


def links_between(mined: MiningResult) -> Counter:
    """How many mined sentence pairs link each (source document, target document).

    Pairs the guards refused only for being short still count: headings and short sentences are part of a
    translated document even though they are not worth mining on their own.
    """
    counts: Counter = Counter()
    kept = list(mined.pairs) + [pair for pair, reason in mined.refused if reason == "too short"]
    for pair in kept:
        for src_doc in {o.document for o in pair.src}:
            for tgt_doc in {o.document for o in pair.tgt}:
                counts[(src_doc, tgt_doc)] += 1
    return counts


def candidate_pairs(src_documents: list[PoolDocument], tgt_documents: list[PoolDocument], *, k: int = 4
                    ) -> list[tuple[int, int, float]]:
    """Mutual best (source index, target index, margin) document matches on centred document vectors."""
    src_docs = [d for d in src_documents if len(d.texts)]
    tgt_docs = [d for d in tgt_documents if len(d.texts)]
    if not src_docs or not tgt_docs:
        return []
    src_index = {d.name: i for i, d in enumerate(src_documents)}
    tgt_index = {d.name: i for i, d in enumerate(tgt_documents)}
    matches = mutual_best_margin(document_vectors(src_docs), document_vectors(tgt_docs), k=k,
                                 candidates=max(len(src_docs), len(tgt_docs)))
    return [(src_index[src_docs[m.src].name], tgt_index[tgt_docs[m.tgt].name], m.margin) for m in matches]


def pair_by_content(src_documents: list[PoolDocument], tgt_documents: list[PoolDocument], mined: MiningResult,
                    *, min_coverage: float = DEFAULT_MIN_COVERAGE, k: int = 4
                    ) -> tuple[list[ContentPair], list[ContentPair]]:
    """Document pairs found by content, and the candidates refused for low coverage (for the report)."""
    links = links_between(mined)
    accepted, refused = [], []
    for i, j, margin in candidate_pairs(src_documents, tgt_documents, k=k):
        src, tgt = src_documents[i], tgt_documents[j]
        count = links[(src.name, tgt.name)]
        coverage = 2.0 * count / max(1, len(src.texts) + len(tgt.texts))
        pair = ContentPair(src=src.name, tgt=tgt.name, coverage=coverage, margin=margin, links=count)
        (accepted if coverage >= min_coverage else refused).append(pair)
    accepted.sort(key=lambda p: (p.src, p.tgt))
    refused.sort(key=lambda p: (p.src, p.tgt))
    return accepted, refused
