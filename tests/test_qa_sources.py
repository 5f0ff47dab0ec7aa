"""The files `align qa` reads: PO, XLIFF 1.2 (plain, Trados .sdlxliff, memoQ .mqxliff), XLIFF 2.x, TMX with
inline codes, TSV and CSV. Each unit must carry the file's own id and its line, and inline codes must
survive as tags so that a lost code is found."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from align.cli import cli
from align.errors import InputError
from align.qa import run_qa
from align.qa.sources import read_qa_units

PO = '''# French translation
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#: main.c:10
msgctxt "menu"
msgid "_Open"
msgstr "_Ouvrir"

#: main.c:12
msgid "%d file deleted"
msgid_plural "%d files deleted"
msgstr[0] "un fichier supprimé"
msgstr[1] "%d fichiers supprimés"

#, fuzzy
msgid "Old text"
msgstr "Ancien texte"

msgid "Not yet"
msgstr ""

#: main.c:20
msgid "Copy %s to %s"
msgstr "Copier %s"

#~ msgid "Obsolete"
#~ msgstr "Obsolète"
'''


def test_po_ids_contexts_plurals_and_lines(tmp_path):
    path = tmp_path / "app.po"
    path.write_text(PO, encoding="utf-8")
    units = read_qa_units(path)
    assert [(u.tuid, u.line) for u in units] == [
        ("menu|_Open", 9), ("%d file deleted[0]", 14), ("%d file deleted[1]", 14), ("Copy %s to %s", 27)]
    assert (units[0].src_lang, units[0].tgt_lang) == ("en", "fr")
    assert units[2].source == "%d files deleted" and units[2].target == "%d fichiers supprimés"
    found = {(f.unit, f.check, f.line) for f in run_qa(units, source_name="app.po").findings}
    # The French singular may drop the count (gettext allows it); the dropped %s is an error.
    assert found == {("Copy %s to %s", "placeholders", 27)}


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_xliff12_keeps_inline_codes_as_tags(tmp_path):
    path = _write(tmp_path, "doc.xlf", '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="en-US" target-language="fr-FR" datatype="plaintext" original="a.docx"><body>
  <trans-unit id="tu-1"><source>Click <g id="1">Save</g> now<x id="2"/></source>
   <target>Cliquez sur <g id="1">Enregistrer</g></target></trans-unit>
  <trans-unit id="tu-2"><source>Untranslated yet</source></trans-unit>
  <trans-unit id="tu-3" translate="no"><source>Code</source><target>Code</target></trans-unit>
 </body></file></xliff>''')
    units = read_qa_units(path)
    assert [(u.tuid, u.line) for u in units] == [("tu-1", 4)]
    assert units[0].source == 'Click <g id="1">Save</g> now<x id="2"/>'
    findings = run_qa(units).findings
    assert [(f.check, f.message) for f in findings if f.check == "xmltags"] == [
        ("xmltags", "tag missing from the target: '<x id=\"2\"/>'")]


def test_sdlxliff_segments_are_numbered_by_mid(tmp_path):
    path = _write(tmp_path, "doc.docx.sdlxliff", '''<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
<file original="doc.docx" source-language="en-US" target-language="fr-FR" datatype="x-sdlfilterframework2"><body>
<trans-unit id="4a8f0c5e-1111-2222-3333-444455556666">
<source>Total: 3 items. See page 4.</source>
<seg-source><mrk mtype="seg" mid="7">Total: 3 items.</mrk> <mrk mtype="seg" mid="8">See page 4.</mrk></seg-source>
<target><mrk mtype="seg" mid="7">Total : 3 articles.</mrk> <mrk mtype="seg" mid="8">Voir page 5.</mrk></target>
</trans-unit></body></file></xliff>''')
    units = read_qa_units(path)
    assert [(u.tuid, u.source, u.line) for u in units] == [
        ("7", "Total: 3 items.", 6), ("8", "See page 4.", 6)]
    assert [(f.unit, f.check) for f in run_qa(units).findings if f.severity == "error"] == [("8", "number-mismatch")]


def test_seg_source_without_target_segments_is_one_unit(tmp_path):
    path = _write(tmp_path, "doc.xlf", '''<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="fr"
 datatype="plaintext" original="a"><body><trans-unit id="9"><source>One. Two.</source>
<seg-source><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk></seg-source>
<target>Un. Deux.</target></trans-unit></body></file></xliff>''')
    assert [(u.tuid, u.source, u.target) for u in read_qa_units(path)] == [("9", "One. Two.", "Un. Deux.")]


def test_mqxliff_native_codes_are_tags_and_a_lost_one_is_an_error(tmp_path):
    path = _write(tmp_path, "doc_fra.mqxliff", '''<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff" version="1.2">
<file original="doc.docx" source-language="eng" target-language="fre" datatype="x-docx"><body>
<trans-unit id="1" mq:status="ManuallyConfirmed">
<source xml:space="preserve">Press <bpt id="1">&lt;b&gt;</bpt>Enter<ept id="1">&lt;/b&gt;</ept><ph id="2">{1}</ph></source>
<target xml:space="preserve">Appuyez sur <bpt id="1">&lt;b&gt;</bpt>Entrée<ept id="1">&lt;/b&gt;</ept></target>
</trans-unit></body></file></xliff>''')
    units = read_qa_units(path, src_lang="en", tgt_lang="fr")
    assert units[0].source == 'Press <bpt id="1"/>Enter<ept id="1"/><ph id="2"/>'
    errors = [(f.unit, f.check) for f in run_qa(units).findings if f.severity == "error"]
    assert errors == [("1", "xmltags")]


def test_xliff2_units_segments_and_codes(tmp_path):
    path = _write(tmp_path, "doc.xlf", '''<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="fr">
 <file id="f1"><unit id="u1">
  <segment id="s1"><source>Open <pc id="1">the file</pc>.</source><target>Ouvrez <pc id="1">le fichier</pc>.</target></segment>
  <segment id="s2"><source>It has <ph id="2"/> lines.</source><target>Il a des lignes.</target></segment>
 </unit></file></xliff>''')
    units = read_qa_units(path)
    assert [(u.tuid, u.src_lang, u.tgt_lang) for u in units] == [("u1/s1", "en", "fr"), ("u1/s2", "en", "fr")]
    assert [(f.unit, f.check) for f in run_qa(units).findings if f.severity == "error"] == [("u1/s2", "xmltags")]


def test_tmx_inline_codes_are_kept_not_flattened(tmp_path):
    path = _write(tmp_path, "mem.tmx", '''<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="fr-FR" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="x" creationtoolversion="1" o-tmf="x"/><body>
<tu tuid="42"><tuv xml:lang="fr-FR"><seg>Le <bpt i="1" x="1">&lt;i&gt;</bpt>Journal<ept i="1">&lt;/i&gt;</ept> du 3 mars</seg></tuv>
<tuv xml:lang="en-GB"><seg>The Journal of 3 March</seg></tuv></tu>
<tu><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv><tuv xml:lang="en-GB"><seg>Hello</seg></tuv></tu>
</body></tmx>''')
    units = read_qa_units(path)
    assert [(u.tuid, u.line) for u in units] == [("42", 4), ("2", 6)]
    assert units[0].source == 'Le <bpt i="1" x="1"/>Journal<ept i="1"/> du 3 mars'
    assert [(f.unit, f.check) for f in run_qa(units).findings] == [("42", "xmltags")]


def test_tsv_and_csv_report_lines(tmp_path):
    tsv = _write(tmp_path, "units.tsv", "id\tsource\ttarget\nA1\tIl a 3 ans.\tHe is 4.\n\nA2\tBonjour\tHello\n")
    assert [(u.tuid, u.line) for u in read_qa_units(tsv)] == [("A1", 2), ("A2", 4)]
    csv_path = _write(tmp_path, "units.csv", 'en,fr\n"Two\nlines",Deux lignes\n"Save %s","Enregistrer"\n')
    units = read_qa_units(csv_path)
    assert [(u.tuid, u.line, u.src_lang, u.tgt_lang) for u in units] == [
        (None, 2, "en", "fr"), (None, 4, "en", "fr")]
    finding = [f for f in run_qa(units, source_name="units.csv").findings if f.check == "placeholders"][0]
    assert (finding.unit, finding.line, finding.where) == ("2", 4, "units.csv:4")


def test_a_huge_csv_field_is_refused_with_its_line(tmp_path):
    path = _write(tmp_path, "big.csv", "source,target\nok,ok\n\"" + "a" * 131_100 + "\",b\n")
    with pytest.raises(InputError, match=r"big.csv:3: unreadable CSV record"):
        read_qa_units(path)


def test_hostile_xliff_goes_through_the_safe_parser(tmp_path):
    path = _write(tmp_path, "evil.xlf", '''<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
<xliff version="1.2"><file source-language="en" target-language="fr"><body>
<trans-unit id="1"><source>&b;</source><target>&b;</target></trans-unit></body></file></xliff>''')
    with pytest.raises(InputError, match="declares XML entities"):
        read_qa_units(path)


def test_cli_json_findings_name_file_unit_and_line(tmp_path):
    path = tmp_path / "app.po"
    path.write_text(PO, encoding="utf-8")
    result = CliRunner().invoke(cli, ["qa", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    finding = json.loads(result.output)["findings"][0]
    assert (finding["file"], finding["unit"], finding["line"], finding["check"]) == (
        "app.po", "Copy %s to %s", 27, "placeholders")


def test_tmx_pair_is_one_per_file_and_a_tu_without_it_is_reported(tmp_path):
    """QA reads a TMX with the same reader as `align convert`: one language pair per file (the header's
    `srclang`, or with `*all*` the first bilingual tu's first language, and the first other language),
    never a different target per `tu`; a `tu` without the pair is said, not silently dropped."""
    from align.errors import AlignWarning

    path = _write(tmp_path, "multi.tmx", '''<?xml version="1.0"?>
<tmx version="1.4"><header srclang="*ALL*" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="x" creationtoolversion="1" o-tmf="x"/><body>
<tu tuid="empty"></tu>
<tu tuid="a"><tuv xml:lang="fr-FR"><seg>Il a 3 ans.</seg></tuv><tuv xml:lang="en-GB"><seg>He is 4.</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="en-GB"><seg>Hello</seg></tuv><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv></tu>
<tu tuid="c"><tuv xml:lang="fr-FR"><seg>Paix</seg></tuv><tuv xml:lang="de-DE"><seg>Frieden</seg></tuv></tu>
</body></tmx>''')
    with pytest.warns(AlignWarning, match=r"units not checked: 2 missing-language \(pair read: fr-FR -> en-GB\)"):
        units = read_qa_units(path)
    assert [(u.tuid, u.source, u.target, u.line) for u in units] == [
        ("a", "Il a 3 ans.", "He is 4.", 5), ("b", "Bonjour", "Hello", 6)]
    result = CliRunner().invoke(cli, ["qa", str(path), "--format", "json"])
    assert result.exit_code == 1 and "align: warning:" in result.output
    assert [(f["unit"], f["line"]) for f in json.loads(result.output[result.output.index("{"):])["findings"]
            if f["check"] == "number-mismatch"] == [("a", 5)]


def test_mqxliff_needs_no_language_options(tmp_path):
    path = _write(tmp_path, "doc_fra.mqxliff", '''<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff" version="1.2">
<file original="doc.docx" source-language="eng" target-language="fre" datatype="x-docx"><body>
<trans-unit id="1" mq:status="ManuallyConfirmed"><source xml:space="preserve">Open the file: now</source>
<target xml:space="preserve">Ouvrez le fichier: maintenant</target></trans-unit>
<trans-unit id="2" mq:status="NotStarted"><source xml:space="preserve">Close</source><target xml:space="preserve"></target></trans-unit>
</body></file></xliff>''')
    units = read_qa_units(path)
    assert [(u.tuid, u.src_lang, u.tgt_lang) for u in units] == [("1", "en", "fr")]
    assert any(f.check == "typography" for f in run_qa(units).findings)  # French spacing: fr is recognised
