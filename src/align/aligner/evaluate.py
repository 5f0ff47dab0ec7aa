"""Strict and lax precision/recall/F1 of sentence alignments, as Vecalign's `score.py` defines them.

Véronis & Langlais (2000), in the form every published Text+Berg number uses:
- precision runs over the distinct test beads that are non-empty on at least one side: a bead is a strict hit
  when the gold has the identical bead; a lax hit when one of its source sentences is linked in the gold to one
  of its target sentences (so a wrong 1:0 bead is never a lax hit);
- recall is the same count with gold and test swapped, over the beads of both that are non-empty on both
  sides (null beads neither help nor hurt recall);
- counts are summed over all documents before dividing; F1 is the harmonic mean; 0/0 gives 0.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

from align.model import Bead

_Pair = tuple[tuple[int, ...], tuple[int, ...]]


def _as_pairs(beads: Iterable[Bead | _Pair]) -> list[_Pair]:
    pairs = []
    for bead in beads:
        src, tgt = (bead.src, bead.tgt) if isinstance(bead, Bead) else bead
        pairs.append((tuple(src), tuple(tgt)))
    return pairs


def _hits(reference: list[_Pair], candidate: list[_Pair]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of the distinct candidate beads against reference."""
    reference_set = {p for p in reference if p[0] or p[1]}
    linked: dict[int, set[int]] = defaultdict(set)
    for src, tgt in reference_set:
        for i in src:
            linked[i].update(tgt)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for src, tgt in {p for p in candidate if p[0] or p[1]}:
        if (src, tgt) in reference_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        gold_targets = set().union(*(linked.get(i, set()) for i in src)) if src else set()
        if gold_targets.intersection(tgt):
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[Sequence[Bead | _Pair]], test: Sequence[Sequence[Bead | _Pair]]) -> dict:
    """Score test alignments against gold ones, one list of beads per document (same order).

    Returns precision/recall/f1 for strict and lax (keys as in Vecalign: `precision_strict`, `recall_lax`,
    `f1_strict`, ...) plus the raw counts (`counts`), so that callers can sum further.
    """
    if len(gold) != len(test):
        raise ValueError(f"{len(gold)} gold documents but {len(test)} test documents")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold_doc, test_doc in zip(gold, test):
        gold_pairs, test_pairs = _as_pairs(gold_doc), _as_pairs(test_doc)
        p = [x + y for x, y in zip(p, _hits(gold_pairs, test_pairs))]
        both = lambda pairs: [q for q in pairs if q[0] and q[1]]  # noqa: E731
        r = [x + y for x, y in zip(r, _hits(both(test_pairs), both(gold_pairs)))]
    precision_strict, precision_lax = _ratio(p[0], p[0] + p[1]), _ratio(p[2], p[2] + p[3])
    recall_strict, recall_lax = _ratio(r[0], r[0] + r[1]), _ratio(r[2], r[2] + r[3])
    return {
        "precision_strict": precision_strict,
        "recall_strict": recall_strict,
        "f1_strict": _f1(precision_strict, recall_strict),
        "precision_lax": precision_lax,
        "recall_lax": recall_lax,
        "f1_lax": _f1(precision_lax, recall_lax),
        "counts": {"precision": p, "recall": r},
    }
