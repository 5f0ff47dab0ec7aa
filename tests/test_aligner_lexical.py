"""The word-translation signal learned from a document pair (`align.aligner.lexical`), on real gold data."""

from __future__ import annotations

import numpy as np

from align.aligner import AlignParams, align_vectors
from align.aligner.lexical import LexicalModel, learn_translations, tokenize
from align.aligner.scoring import run_mask_rows
from align.formats.beads import read_beads


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def _textberg_dev(benchmarks_dir):
    d = benchmarks_dir / "textberg_de-fr" / "dev"
    src, tgt = _lines(d / "de"), _lines(d / "fr")
    pairs = [(b.src[0], b.tgt[0]) for b in read_beads(d / "gold") if len(b.src) == 1 and len(b.tgt) == 1]
    return src, tgt, pairs


def _share(model: LexicalModel, i: int, j: int) -> float:
    hits = (np.bitwise_count(model.src_words[i] & model.tgt_covers[j]).sum()
            + np.bitwise_count(model.tgt_words[j] & model.src_covers[i]).sum())
    total = np.bitwise_count(model.src_words[i]).sum() + np.bitwise_count(model.tgt_words[j]).sum()
    return hits / max(total, 1)


def test_tokenize_lowercases_words_and_drops_punctuation():
    assert tokenize("L'ONU a dit, le 12 mars : « Non ! »") == ["l", "onu", "a", "dit", "le", "12", "mars", "non"]


def test_run_masks_are_the_or_of_the_sentences_in_the_run():
    rng = np.random.default_rng(1)
    masks = rng.integers(0, 2**63, size=(7, 3), dtype=np.uint64)
    runs = run_mask_rows(masks, 4)
    for r in range(1, 5):
        for end in range(8):
            expected = np.bitwise_or.reduce(masks[end - r : end], axis=0) if end >= r else np.zeros(3, np.uint64)
            assert (runs[r - 1, end] == expected).all()


def test_dice_table_learned_from_gold_pairs_finds_real_translations(benchmarks_dir):
    src, tgt, pairs = _textberg_dev(benchmarks_dir)
    model = LexicalModel(src, tgt)
    table = learn_translations([model.src_sets[i] for i, _ in pairs], [model.tgt_sets[j] for _, j in pairs],
                               len(model.src_vocab.ids), len(model.tgt_vocab.ids), min_dice=0.3)
    src_words, tgt_words = model.src_vocab.words, model.tgt_vocab.words
    learned = {(src_words[s], tgt_words[t]) for s, t in table}
    for pair in [("gletscher", "glacier"), ("gipfel", "sommet"), ("schnee", "neige"), ("wir", "nous")]:
        assert pair in learned
    assert ("gletscher", "nous") not in learned


def test_translations_share_more_words_than_their_neighbours(benchmarks_dir):
    """Trained on half of the gold 1:1 pairs, the share separates the other half from off-by-one pairs."""
    src, tgt, pairs = _textberg_dev(benchmarks_dir)
    model = LexicalModel(src, tgt)
    size = model.fit(pairs[::2])
    assert size > 500
    held_out = [(i, j) for i, j in pairs[1::2] if j + 1 < len(tgt)]
    better = [_share(model, i, j) > _share(model, i, j + 1) for i, j in held_out]
    assert np.mean(better) > 0.75  # 0.84 measured


def test_lexical_pass_changes_scores_and_keeps_alignments_complete(benchmarks_dir):
    """The table is learned inside `align_vectors` and changes the bead scores; every sentence stays covered."""
    src, tgt, pairs = _textberg_dev(benchmarks_dir)
    src, tgt = src[:60], tgt[:60]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(60, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    on = align_vectors(vectors, vectors, src, tgt, AlignParams(lexical_weight=0.05))
    off = align_vectors(vectors, vectors, src, tgt, AlignParams())
    assert on.lexicon is not None and off.lexicon is None
    for alignment in (on, off):
        assert sum(len(b.src) for b in alignment.beads) == 60 and sum(len(b.tgt) for b in alignment.beads) == 60
    assert [b.score for b in on.beads] != [b.score for b in off.beads]
