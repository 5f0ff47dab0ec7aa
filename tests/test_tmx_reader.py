"""The TMX reader: round trip, TMX 1.1, encodings, inline codes, language pairs, hostile and broken files."""

from __future__ import annotations

import codecs
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import ConfigError, InputError
from align.formats import read_store, read_units, validate_tmx, write_units
from align.formats.xmlsafe import strip_forbidden
from align.model import TranslationUnit
from conftest import BENCHMARKS

# Arbitrary Unicode (astral planes, quotes, <&>, all whitespace) except what XML 1.0 forbids.
_xml_char = st.characters(blacklist_categories=("Cs",)).filter(lambda c: strip_forbidden(c)[1] == 0)
_text = st.text(_xml_char, min_size=0, max_size=40)
_nonblank = _text.filter(lambda t: t.strip() != "")
_key = st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=1, max_size=8).filter(
    lambda k: k != "score")


def _unit(source, target, tuid, props):
    return TranslationUnit(source, target, "fr", "en", tuid=tuid, props=props)


_units = st.lists(st.builds(_unit, _nonblank, _nonblank, st.text(_xml_char, min_size=1, max_size=12),
                            st.dictionaries(_key, _text, max_size=3)), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=_units)
def test_reading_what_we_wrote_gives_it_back_exactly(tmp_path, units):
    path = tmp_path / "rt.tmx"
    report = write_units(path, units, src_lang="fr", tgt_lang="en", creation_date="20240101T000000Z")
    assert report.chars_removed == 0 and report.written == len(units)
    assert validate_tmx(path) == []
    back = list(read_units(path))
    assert [(u.source, u.target, u.tuid, u.props) for u in back] == [
        (u.source, u.target, u.tuid, u.props) for u in units]
    assert {(u.src_lang, u.tgt_lang) for u in back} == {("fr-FR", "en-GB")}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=_nonblank, noise=st.lists(st.sampled_from("\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff\ud800"),
                                        min_size=1, max_size=5))
def test_forbidden_characters_are_stripped_and_counted_never_written(tmp_path, source, noise):
    dirty = "".join(noise) + source + "".join(noise)
    report = write_units(tmp_path / "f.tmx", [_unit(dirty, "x", "1", {})], src_lang="fr", tgt_lang="en")
    assert report.chars_removed == 2 * len(noise)
    assert validate_tmx(tmp_path / "f.tmx") == []
    assert next(read_units(tmp_path / "f.tmx")).source == source


def test_real_literary_text_round_trips(tmp_path):
    """Candide (TransRead gold beads, English -> French): quotes, apostrophes, dashes, 1,200 units."""
    from align.formats.beads import read_beads

    book = BENCHMARKS / "transread_en-fr" / "Candide"
    if not book.is_dir():
        pytest.skip("benchmarks not beside the project")
    en = (book / "en").read_text(encoding="utf-8").splitlines()
    fr = (book / "fr").read_text(encoding="utf-8").splitlines()
    units = [TranslationUnit(" ".join(en[i] for i in b.src), " ".join(fr[j] for j in b.tgt), "en", "fr",
                             props={"document": "Candide", "bead": b.to_text()})
             for b in read_beads(book / "gold.en-fr")]
    path = tmp_path / "candide.tmx"
    report = write_units(path, units, src_lang="en", tgt_lang="fr", lang_style="bare")
    kept = [u for u in units if u.source.strip() and u.target.strip()]
    assert report.written == len(kept) > 1000 and report.skipped["null"] == len(units) - len(kept)
    assert validate_tmx(path) == []
    store = read_store(path)
    assert (store.src_lang, store.tgt_lang) == ("en", "fr")
    back = list(store.units)
    assert [(u.source, u.target, u.props) for u in back] == [(u.source, u.target, u.props) for u in kept]


OMEGAT_11 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          creationtoolversion="3.6.0" segtype="sentence" srclang="fr-FR"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv lang="fr-FR"><seg>Le Secrétariat général réaffirme sa solidarité.</seg></tuv>
      <tuv lang="en-GB" changedate="20231212T093000Z"><seg>The General Secretariat reaffirms its solidarity.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                           ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                           ("utf-16-le", b"")])
def test_tmx_11_with_lang_attribute_in_any_unicode_encoding(tmp_path, encoding, bom):
    path = tmp_path / "omegat.tmx"
    text = OMEGAT_11 if encoding == "utf-8" else OMEGAT_11.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path.write_bytes(bom + text.encode(encoding))
    store = read_store(path)
    assert (store.src_lang, store.tgt_lang) == ("fr-FR", "en-GB")
    [unit] = list(store.units)
    assert unit.source == "Le Secrétariat général réaffirme sa solidarité."
    assert unit.target == "The General Secretariat reaffirms its solidarity."


def test_level2_inline_codes_are_flattened_to_text(tmp_path):
    path = tmp_path / "inline.tmx"
    path.write_text("""<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1"
segtype="sentence" o-tmf="x" adminlang="en" srclang="fr" datatype="html"/><body><tu tuid="7">
<tuv xml:lang="fr"><seg>Le <bpt i="1">&lt;b&gt;</bpt>Conseil<ept i="1">&lt;/b&gt;</ept> a <hi type="em">adopté<ph>&lt;br/&gt;</ph></hi> la
<it pos="begin">&lt;i&gt;</it>résolution<ut>{\\b}</ut> 5/2<ph x="2"><sub>note</sub></ph>.</seg></tuv>
<tuv xml:lang="en"><seg>The <bpt i="1">&lt;b&gt;</bpt>Council<ept i="1">&lt;/b&gt;</ept> adopted resolution 5/2.</seg></tuv>
</tu></body></tmx>""", encoding="utf-8")
    assert validate_tmx(path) == []
    [unit] = list(read_units(path))
    assert unit.source == "Le Conseil a adopté la\nrésolution 5/2."
    assert unit.target == "The Council adopted resolution 5/2." and unit.tuid == "7"


MULTI = """<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1"
segtype="sentence" o-tmf="x" adminlang="en" srclang="{src}" datatype="plaintext"/><body>
<tu><tuv xml:lang="EN-US"><seg>Peace</seg></tuv><tuv xml:lang="fr-fr"><seg>Paix</seg></tuv><tuv xml:lang="de-DE"><seg>Frieden</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>War</seg></tuv><tuv xml:lang="de-DE"><seg>Krieg</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Law</seg></tuv><tuv xml:lang="fr-FR"><seg>Loi</seg></tuv></tu>
</body></tmx>"""


def test_any_language_pair_is_chosen_from_header_or_options(tmp_path):
    path = tmp_path / "multi.tmx"
    path.write_text(MULTI.format(src="en-US"), encoding="utf-8")
    store = read_store(path)  # source from srclang, target the first other language
    assert (store.src_lang, store.tgt_lang) == ("EN-US", "fr-fr")
    assert [(u.source, u.target) for u in store.units] == [("Peace", "Paix"), ("Law", "Loi")]
    assert store.skipped == {"missing-language": 1}
    store = read_store(path, src_lang="fr", tgt_lang="de")
    assert [(u.source, u.target) for u in store.units] == [("Paix", "Frieden")]
    store = read_store(path, src_lang="de", tgt_lang="en")  # reversed direction
    assert [(u.source, u.target) for u in store.units] == [("Frieden", "Peace"), ("Krieg", "War")]
    with pytest.raises(ConfigError, match="source language es not found"):
        read_store(path, src_lang="es")
    path.write_text(MULTI.format(src="*all*"), encoding="utf-8")
    store = read_store(path, tgt_lang="de")
    assert store.src_lang == "EN-US" and [u.target for u in store.units] == ["Frieden", "Krieg"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
adminlang="en" srclang="fr" datatype="plaintext"/><body><tu><tuv xml:lang="fr"><seg>&lol9;</seg></tuv>
<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [ <!ENTITY secret SYSTEM "file:///etc/passwd"> <!ENTITY remote SYSTEM "http://127.0.0.1:9/x"> ]>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
adminlang="en" srclang="fr" datatype="plaintext"/><body><tu><tuv xml:lang="fr"><seg>&secret;&remote;</seg></tuv>
<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, XXE, XXE.encode("utf-16").decode("latin-1")],
                         ids=["billion-laughs", "external-entities", "external-entities-utf16"])
def test_hostile_documents_are_refused_without_expansion(tmp_path, document):
    path = tmp_path / "hostile.tmx"
    if document.startswith("\xff\xfe"):
        path.write_bytes(document.encode("latin-1"))
    else:
        path.write_text(document, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(InputError, match="hostile.tmx: refused: the document declares XML entities"):
        list(read_units(path))
    assert time.monotonic() - started < 2


def test_undeclared_entity_and_external_dtd_are_never_fetched(tmp_path):
    path = tmp_path / "dtd.tmx"
    path.write_text(OMEGAT_11.replace('"tmx11.dtd"', '"http://127.0.0.1:9/tmx11.dtd"'), encoding="utf-8")
    assert len(list(read_units(path))) == 1  # the DTD is not loaded (no network, no error)
    path.write_text(OMEGAT_11.replace("solidarité.</seg>", "&nbsp;solidarité.</seg>"), encoding="utf-8")
    with pytest.raises(InputError, match=r"dtd.tmx: line 9: the entity &nbsp; is not defined"):
        list(read_units(path))  # never silently dropped
    path.write_text(OMEGAT_11.replace("solidarité.</seg>", "&nbsp;solidarité.</seg>").replace(
        '<!DOCTYPE tmx SYSTEM "tmx11.dtd">', ""), encoding="utf-8")
    with pytest.raises(InputError, match=r"dtd.tmx: malformed XML at line 9: Entity 'nbsp' not defined"):
        list(read_units(path))


def test_malformed_and_foreign_files_are_reported_with_the_line(tmp_path):
    path = tmp_path / "broken.tmx"
    path.write_text(OMEGAT_11.replace("</tu>", "</tuv>", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.tmx: malformed XML at line 11"):
        list(read_units(path))
    path.write_text(OMEGAT_11[: len(OMEGAT_11) // 2], encoding="utf-8")  # truncated download
    with pytest.raises(InputError, match="broken.tmx: malformed XML at line"):
        list(read_units(path))
    path.write_text("<html><body>not a memory</body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"not a TMX file \(root element <html>"):
        read_store(path)
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        read_store(path)
    with pytest.raises(InputError, match="no such file"):
        read_store(tmp_path / "missing.tmx")
