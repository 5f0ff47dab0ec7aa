"""Glossary files: TBX v3 and v2 and CSV round trips, hostile and malformed files, interoperability."""

from __future__ import annotations

import pytest
from lxml import etree

from align.errors import ConfigError, InputError
from align.glossary import Glossary, TermPair, read_glossary, write_glossary

NS = {"t": "urn:iso:std:iso:30042:ed-2"}
EXAMPLE = ("Exprimant leur profonde préoccupation face à la dégradation des droits de l'homme au "
           "Jammu-et-Cachemire illégalement occupé par l’Inde (JCIOI) ; ||| Expressing deep concern over the "
           "deteriorating human rights situation in Indian Illegally Occupied Jammu and Kashmir (IIOJK);")


def sample() -> Glossary:
    return Glossary(pairs=[
        TermPair("JCIOI", "IIOJK", "preferred", 10, 1.0, EXAMPLE, "acronym", "c1"),
        TermPair("JCIOI", "IIOJ&K", "admitted", 3, 0.6, "", "acronym", "c1"),
        TermPair("JCIOI", "IOK", "forbidden", 0, 0.0, "", "acronym", "c1"),
        TermPair("Jammu-et-Cachemire illégalement occupé par l’Inde", "Indian Illegally Occupied Jammu and Kashmir",
                 "preferred", 2, 1.0, EXAMPLE, "expansion", "c1"),
        TermPair("Groupe de contact", "Contact Group", "preferred", 11, 0.909,
                 "Le Groupe de contact a publié un communiqué. ||| The Contact Group issued a communiqué."),
        TermPair("Groupe de contact", "Contact group", "admitted", 2, 0.3, "Le Groupe de contact & l'OCI <x>"),
        TermPair("Jammu-et-Cachemire", "Jammu and Kashmir", "preferred", 23, 0.979),
        TermPair("Jammu-et-Cachemire", "Jammu & Kashmir", "admitted", 4, 0.25),
        TermPair("S.E.", "H.E.", "preferred", 2, 1.0, "", "acronym", "c9"),
    ])


def rows(glossary: Glossary, with_kind: bool = True) -> list[tuple]:
    return [(p.source, p.target, p.status, p.frequency, p.score, p.example) + ((p.kind,) if with_kind else ())
            for p in glossary.pairs]


@pytest.mark.parametrize("version", [3, 2])
def test_tbx_round_trip_keeps_pairs_statuses_and_examples(tmp_path, version):
    path = tmp_path / "terms.tbx"
    write_glossary(path, sample(), tbx_version=version)
    back = read_glossary(path)
    assert rows(back) == rows(sample())
    assert (back.src_lang, back.tgt_lang) == ("fr", "en")
    # one concept per source term, the acronym pair and its expansion together
    concepts = {p.concept for p in back.pairs}
    assert len(concepts) == 4
    assert len({p.concept for p in back.pairs if p.source in ("JCIOI", "Jammu-et-Cachemire illégalement occupé "
                                                                         "par l’Inde")}) == 1


def test_tbx_v3_is_tbx_basic_with_the_standard_data_categories(tmp_path):
    path = tmp_path / "terms.tbx"
    write_glossary(path, sample())
    root = etree.parse(str(path)).getroot()
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    entry = root.find(".//t:conceptEntry", NS)
    langs = [s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in entry.findall("t:langSec", NS)]
    assert langs == ["fr", "en"]
    statuses = root.xpath("//t:termNote[@type='administrativeStatus']/text()", namespaces=NS)
    assert set(statuses) == {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"}
    assert set(root.xpath("//t:termNote[@type='termType']/text()", namespaces=NS)) == {"acronym", "fullForm"}
    contexts = root.xpath("//t:langSec[@xml:lang='en']//t:descrip[@type='context']/text()", namespaces=NS)
    assert any(c.startswith("Expressing deep concern") for c in contexts)
    # TBX-Basic order inside a term section: term, termNote*, descrip*, note*
    for section in root.iterfind(".//t:termSec", NS):
        names = [etree.QName(child).localname for child in section]
        assert names[0] == "term"
        assert names == sorted(names, key=["term", "termNote", "descrip", "note"].index)


def test_tbx_v2_is_martif_and_translate_toolkit_reads_it(tmp_path):
    from translate.storage.tbx import tbxfile

    path = tmp_path / "terms.tbx"
    write_glossary(path, sample(), tbx_version=2)
    tree = etree.parse(str(path))
    root = tree.getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    assert tree.docinfo.doctype == '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
    assert root.find(".//termEntry/langSet/tig/term") is not None
    store = tbxfile.parsefile(str(path))
    assert "Groupe de contact" in [unit.source for unit in store.units]


def test_reads_a_tbx_v2_written_by_translate_toolkit(tmp_path):
    from translate.storage.tbx import tbxfile

    store = tbxfile(sourcelanguage="fr")
    unit = store.addsourceunit("Groupe de contact")
    unit.target = "Contact Group"
    path = tmp_path / "toolkit.tbx"
    path.write_bytes(bytes(store))
    back = read_glossary(path, src_lang="fr", tgt_lang="en")
    assert [(p.source, p.target, p.status) for p in back.pairs] == [("Groupe de contact", "Contact Group", "preferred")]


def test_reads_older_tbx_pick_list_spellings(tmp_path):
    path = tmp_path / "old.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="fr-FR"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc>
</martifHeader><text><body>
<termEntry id="e1">
 <langSet xml:lang="fr-FR"><ntig><termGrp><term>CSNU</term></termGrp></ntig></langSet>
 <langSet xml:lang="en-GB">
  <tig><term>UNSC</term><termNote type="normativeAuthorization">preferredTerm</termNote></tig>
  <tig><term>SC</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
 </langSet>
</termEntry></body></text></martif>""",
        encoding="utf-8",
    )
    back = read_glossary(path)
    assert [(p.source, p.target, p.status) for p in back.pairs] == [
        ("CSNU", "UNSC", "preferred"), ("CSNU", "SC", "forbidden")]
    assert back.src_lang.startswith("fr")


def test_csv_round_trip_and_exact_columns(tmp_path):
    path = tmp_path / "terms.csv"
    write_glossary(path, sample())
    assert path.read_text(encoding="utf-8").splitlines()[0] == "source,target,status,frequency,score,example,category"
    assert rows(read_glossary(path), with_kind=False) == rows(sample(), with_kind=False)


def test_csv_without_header_and_with_synonyms(tmp_path):
    path = tmp_path / "simple.csv"
    path.write_text("OCI,OIC\nCMAE,CFM,deprecated\n\"Groupe de contact\",\"Contact Group\",admitted,4,0.5\n",
                    encoding="utf-8")
    back = read_glossary(path)
    assert [(p.source, p.target, p.status, p.frequency) for p in back.pairs] == [
        ("OCI", "OIC", "preferred", 0), ("CMAE", "CFM", "forbidden", 0), ("Groupe de contact", "Contact Group",
                                                                          "admitted", 4)]


@pytest.mark.parametrize("content,message", [
    ("source,target,status\nOCI,OIC,approved\n", "line 2: unknown status"),
    ("source,target,frequency\nOCI,OIC,many\n", "line 2: frequency and score must be numbers"),
    ("source,target\nOCI,\n", "line 2: a term pair needs both"),
    ("source,cible\nOCI,OIC\n", "header lacks the column"),
])
def test_bad_csv_is_reported_with_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        read_glossary(path)
    assert "bad.csv" in str(error.value)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><langSec xml:lang="fr"><termSec><term>&lol3;</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>x</term></termSec></langSec></conceptEntry></body></text></tbx>"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX" xml:lang="fr"><text><body><termEntry><langSet xml:lang="fr"><tig><term>&secret;</term></tig>
</langSet><langSet xml:lang="en"><tig><term>x</term></tig></langSet></termEntry></body></text></martif>"""


@pytest.mark.parametrize("content,message", [
    (BILLION_LAUGHS, "entities"),
    (XXE, "entities"),
    ("<tbx><text><body><conceptEntry>", "malformed XML"),
    ("<?xml version='1.0'?><tmx version='1.4'><body/></tmx>", "not a TBX file"),
])
def test_hostile_or_malformed_tbx_is_refused(tmp_path, content, message):
    path = tmp_path / "hostile.tbx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as error:
        read_glossary(path)
    assert "hostile.tbx" in str(error.value)
    assert path.read_text(encoding="utf-8") == content  # nothing touched


def test_unknown_extension_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="unknown glossary format"):
        write_glossary(tmp_path / "terms.xlsx", sample())
    assert not (tmp_path / "terms.xlsx").exists()
    with pytest.raises(ConfigError):
        write_glossary(tmp_path / "terms.tbx", sample(), tbx_version=4)
    with pytest.raises(InputError, match="no such file"):
        read_glossary(tmp_path / "missing.tbx")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        read_glossary(tmp_path / "empty.csv")


def test_writing_replaces_the_file_atomically(tmp_path):
    path = tmp_path / "terms.tbx"
    write_glossary(path, sample())
    first = path.read_bytes()
    write_glossary(path, Glossary(pairs=sample().pairs[:1]))
    assert path.read_bytes() != first
    assert [p.name for p in tmp_path.iterdir()] == ["terms.tbx"]  # no temporary file left behind
    assert len(read_glossary(path).pairs) == 1
