"""The term engine: reproducible glossary, candidate status, lemma grouping, consistency findings, TBX
validity and round trips, XML-forbidden characters, and `align search`."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_glossary_data import corpus_units

from align.cli import cli
from align.glossary import Glossary, TermPair, extract_terms, read_glossary, write_glossary
from align.glossary.consistency import inconsistent_renderings
from align.glossary.extract import TermSettings, analyse_terms
from align.glossary.search import search_units
from align.model import TranslationUnit
from align.qa import run_qa

SCHEMAS = Path("/work/shared/notes/schemas")
RNG = SCHEMAS / "TBXcoreStructV03.rng"


def test_the_same_units_give_byte_identical_glossaries(tmp_path):
    units = corpus_units()
    for name in ("a", "b"):
        write_glossary(tmp_path / f"{name}.tbx", extract_terms(units))
    assert (tmp_path / "a.tbx").read_bytes() == (tmp_path / "b.tbx").read_bytes()
    assert "seed:none (deterministic EM)" in (tmp_path / "a.tbx").read_text(encoding="utf-8")


def test_the_term_engine_settings_are_in_the_glossary_and_qa_signatures():
    from align.qa.config import QAConfig

    units = corpus_units()
    glossary = extract_terms(units, TermSettings(min_score=0.4))
    for wanted in ("aligner:ibm1diag-gdf,em:5,tension:4.0", "lexicons:simplemma-", "min_score:0.4",
                   "thresholds:f1:0.5"):
        assert wanted in glossary.signature
    qa = run_qa(units).signature.format()
    assert "terms.aligner:ibm1diag-gdf,em:5" in qa and "terms.lexicons:simplemma-" in qa and "extractor" not in qa
    without = QAConfig(options={"term-inconsistency": {"word_alignment": False}})
    assert "terms:off" in run_qa(units, config=without).signature.format()


def test_extracted_rows_are_candidates_and_qa_ignores_them():
    units = corpus_units()
    glossary = extract_terms(units)
    assert glossary.pairs and {p.status for p in glossary.pairs} == {"candidate"}
    found = run_qa(units, glossary=glossary).findings
    assert not [f for f in found if f.check.startswith("glossary-")]
    # once a person sets a status, the row is a reference: a target without it is reported
    reviewed = Glossary([TermPair("Groupe de contact", "Liaison Group", "preferred")])
    missing = [f for f in run_qa(units, glossary=reviewed).findings if f.check == "glossary-term-missing"]
    assert missing


def test_categories_put_terms_before_names_and_copies():
    pairs = extract_terms(corpus_units()).pairs
    order = {"term": 0, "name": 1, "copy": 2}
    ranks = [order[p.category] for p in pairs]
    assert ranks == sorted(ranks)
    assert any(p.category == "copy" and p.source == "Pakistan" for p in pairs)
    assert any(p.category == "name" and p.source == "Jammu-et-Cachemire" for p in pairs)


def test_repeated_units_are_counted_once():
    units = corpus_units()
    once = extract_terms(units)
    repeated = extract_terms(units + units[:10] * 20)
    assert [(p.source, p.target, p.frequency) for p in repeated.pairs] == [
        (p.source, p.target, p.frequency) for p in once.pairs]


def test_inflections_are_one_rendering():
    analysis = analyse_terms(corpus_units())
    sources = [pair.source.lower() for pair, _, _ in analysis.rows]
    assert len(sources) == len(set(sources))
    keys = {key for _, key, _ in analysis.rows}
    assert "groupe de contact" in keys  # `Groupe de contact` and `groupes de contact` share one key


def _with_liaison_group() -> tuple[list[TranslationUnit], int]:
    units = corpus_units()
    holders = [i for i, u in enumerate(units) if "Contact Group" in u.target and "groupe de contact" in u.source.lower()]
    changed = holders[-1]
    unit = units[changed]
    units[changed] = TranslationUnit(unit.source, unit.target.replace("Contact Group", "Liaison Group"))
    return units, changed


def test_a_term_rendered_in_other_words_is_flagged_with_the_usual_rendering():
    units, changed = _with_liaison_group()
    found = [f for f in run_qa(units).findings if f.check == "term-inconsistency"
             and "Liaison Group" in f.message]
    assert [f.position for f in found] == [changed + 1]
    assert re.search(r"'Groupe de contact' rendered 'Liaison Group' here but 'Contact Group' in \d+ of \d+ units",
                     found[0].message)
    span = next(s for s in found[0].spans if s.side == "target")
    assert units[changed].target[span.start:span.end] == "Liaison Group"


def test_consistent_translations_give_no_term_findings_by_word_alignment():
    analysis = analyse_terms(corpus_units())
    assert [f for f in inconsistent_renderings(analysis) if f.source_term == "Groupe de contact"] == []


def _rng_valid(path: Path) -> None:
    schema = etree.RelaxNG(file=str(RNG))
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log


def _as_v3(path: Path, out: Path) -> Path:
    """A TBX v2 file renamed to v3 names: v2 and v3 share one structure under other names."""
    names = {"martif": "tbx", "martifHeader": "tbxHeader", "termEntry": "conceptEntry", "langSet": "langSec",
             "tig": "termSec"}
    root = etree.parse(str(path)).getroot()
    ns = "urn:iso:std:iso:30042:ed-2"
    for element in root.iter():
        element.tag = f"{{{ns}}}{names.get(element.tag, element.tag)}"
    root.set("style", "dca")
    out.write_bytes(etree.tostring(etree.ElementTree(etree.fromstring(etree.tostring(root))), encoding="UTF-8"))
    return out


def test_tbx_v3_and_v2_validate(tmp_path):
    glossary = extract_terms(corpus_units())
    write_glossary(tmp_path / "v3.tbx", glossary)
    _rng_valid(tmp_path / "v3.tbx")
    write_glossary(tmp_path / "v2.tbx", glossary, tbx_version=2)
    tree = etree.parse(str(tmp_path / "v2.tbx"))
    assert tree.docinfo.doctype == '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
    assert tree.getroot().get("type") == "TBX-Basic"
    _rng_valid(_as_v3(tmp_path / "v2.tbx", tmp_path / "v2-as-v3.tbx"))
    # TBX-Basic picklist: candidates carry no administrativeStatus (the DCA schematron allows none)
    statuses = etree.parse(str(tmp_path / "v3.tbx")).xpath("//*[@type='administrativeStatus']")
    assert statuses == []
    reviewed = Glossary([TermPair("Groupe de contact", "Contact Group", "preferred", 3, 1.0, "a ||| b"),
                         TermPair("Groupe de contact", "Liaison Group", "forbidden")])
    write_glossary(tmp_path / "reviewed.tbx", reviewed)
    for name in ("v3.tbx", "reviewed.tbx"):
        _rng_valid(tmp_path / name)
        _tbx_basic_rules(etree.parse(str(tmp_path / name)).getroot())


def _tbx_basic_rules(root) -> None:
    """The TBX-Basic DCA Schematron rules (TBX-Basic_DCA.sch) this writer can break, ported to Python
    (lxml runs XSLT 1 Schematron only; the file uses XPath 2)."""
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert all(etree.QName(e).namespace == ns["t"] for e in root.iter() if isinstance(e.tag, str))
    allowed = {"termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender",
                            "termLocation", "termType"},
               "descrip": {"subjectField", "context", "definition"}}
    for name, types in allowed.items():
        for element in root.iterfind(f".//t:{name}", ns):
            assert element.get("type") in types, element.get("type")
    for note in root.iterfind(".//t:termNote", ns):
        assert etree.QName(note.getparent()).localname == "termSec"
    for status in root.xpath("//t:termNote[@type='administrativeStatus']/text()", namespaces=ns):
        assert status in {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts",
                          "preferredTerm-admn-sts"}
    for context in root.xpath("//t:descrip[@type='context']", namespaces=ns):
        assert etree.QName(context.getparent()).localname == "termSec"
    ids = set(root.xpath("//@id"))
    assert all(target in ids for target in root.xpath("//@target"))


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).map(str.strip).filter(bool)
_pair = st.builds(TermPair, source=_text, target=_text,
                  status=st.sampled_from(["preferred", "admitted", "forbidden", "candidate"]),
                  frequency=st.integers(0, 10_000), score=st.sampled_from([0.0, 0.5, 0.875, 1.0]),
                  category=st.sampled_from(["", "term", "name", "copy"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(_pair, min_size=1, max_size=6, unique_by=lambda p: (p.source, p.target)))
def test_every_pair_survives_a_write_read_round_trip(tmp_path_factory, pairs):
    folder = tmp_path_factory.mktemp("round")
    for name, version in (("v3.tbx", 3), ("v2.tbx", 2), ("terms.csv", 3)):
        write_glossary(folder / name, Glossary(pairs), tbx_version=version)
        back = read_glossary(folder / name)
        expected = sorted((" ".join(p.source.split()), " ".join(p.target.split()), p.status, p.frequency, p.score,
                           p.category) for p in pairs)
        got = sorted((" ".join(p.source.split()), " ".join(p.target.split()), p.status, p.frequency, p.score,
                      p.category) for p in back.pairs)
        assert got == expected, name


def test_units_with_control_characters_give_a_tbx_and_a_warning(tmp_path):
    units = corpus_units()
    units[0] = TranslationUnit(units[0].source + "\x01", units[0].target + "\x01")
    tsv = tmp_path / "units.tsv"
    tsv.write_text("".join(f"{u.source}\t{u.target}\n" for u in units), encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", str(tsv), "-o", str(tmp_path / "terms.tbx")])
    assert result.exit_code == 0, result.output
    assert "warning" in result.output and "U+0001" in result.output
    assert "\x01" not in (tmp_path / "terms.tbx").read_text(encoding="utf-8")
    assert read_glossary(tmp_path / "terms.tbx").pairs


def test_search_is_case_and_accent_insensitive_and_fuzzy():
    units = [TranslationUnit("L'État partie", "The State party"), TranslationUnit("Jammu-et-Cachemire", "Jammu & Kashmir"),
             TranslationUnit("rien", "nothing")]
    hits = search_units(units, "etat")
    assert [h.position for h in hits] == [1] and hits[0].highlighted("source") == "L'[[État]] partie"
    assert search_units(units, "Jammu and Kashmir", sides=["target"]) == []
    fuzzy = search_units(units, "Jammu and Kashmir", sides=["target"], fuzzy=True, min_score=80)
    assert [h.position for h in fuzzy] == [2]


def test_search_command_text_and_json(tmp_path):
    tsv = tmp_path / "tm.tsv"
    tsv.write_text("Le Groupe de contact\tThe Contact Group\nAutre chose\tSomething else\n", encoding="utf-8")
    text = CliRunner().invoke(cli, ["search", str(tsv), "groupe DE contact"])
    assert text.exit_code == 0 and "[[Groupe de contact]]" in text.output and "Autre" not in text.output
    as_json = CliRunner().invoke(cli, ["search", str(tsv), "contact group", "--lang", "en", "--format", "json"])
    data = json.loads(as_json.output[: as_json.output.rindex("]") + 1])
    assert data[0]["matches"] == {"target": [{"start": 4, "end": 17}]}
    empty = CliRunner().invoke(cli, ["search", str(tsv), "  "])
    assert empty.exit_code == 2 and "align: error:" in empty.output


def test_huge_inputs_are_aligned_in_chunks_with_the_model_of_the_first(monkeypatch):
    from align.glossary import wordalign
    from align.glossary.tokens import alignment_line, tokenize

    units = corpus_units()
    source = [alignment_line(tokenize(u.source)) for u in units]
    target = [alignment_line(tokenize(u.target)) for u in units]
    whole = list(wordalign.align_token_lines(iter(source), iter(target), len(units)))
    monkeypatch.setattr(wordalign, "MAX_ROWS", 3000)
    assert len(wordalign._chunks([s.split() for s in source], [t.split() for t in target])) > 3
    chunked = list(wordalign.align_token_lines(iter(source), iter(target), len(units)))
    again = list(wordalign.align_token_lines(iter(source), iter(target), len(units)))
    assert len(chunked) == len(whole) == len(units) and chunked == again
    assert all(links for links in chunked)  # every unit beyond the first chunk still gets links


def test_plurals_and_neighbour_words_are_not_other_renderings():
    from align.glossary.consistency import _neighbour_word, _other_words, term_span

    # simplemma leaves `forwards`, `passphrases` as they are: still the usual rendering in the plural
    assert not _other_words("fast forwards", "fast forward", "avance rapide")
    assert not _other_words("new passphrases", "new passphrase", "nouveau phrase secret")
    assert _other_words("temp file", "temporary file", "fichier temporaire")
    # real gnupg and glib strings: a word written as is outside the term was pulled into its rendering
    source = "Attention : Les clefs de signature et chiffrement Elgamal sont déconseillées"
    assert _neighbour_word("Elgamal sign", source, term_span(source, "clef de signature", "fr"))
    assert not _neighbour_word("signing key", source, term_span(source, "clef de signature", "fr"))
    options = "--groups=LISTE_G indiquer les groupes supplémentaires comme g1,g2,..,gN"
    assert not _neighbour_word("supplementary groups", options, term_span(options, "groupe supplémentaire", "fr"))


# Real git messages (Debian's French catalogue): `fichier` is core terminology there.
GIT_UNITS = [
    ("Aucun fichier patch spécifié !", "No patch files specified!"),
    ("(voir plus dans le fichier %s)", "(see more in file %s)"),
    ("%s : type de fichier non supporté", "%s: unsupported file type"),
    ("'%s' n'est pas un fichier .git, code d'erreur %d", "'%s' is not a .git file, error code %d"),
    ("impossible de lire le fichier '%s'", "could not read file '%s'"),
    ("impossible de traiter '%s' et '%s' en même temps", "cannot process '%s' and '%s' at the same time"),
]


def test_a_domain_specific_single_word_is_a_candidate_and_a_common_one_is_not():
    from collections import Counter

    from align.glossary.extract import specific_words

    units = [TranslationUnit(s, t) for s, t in GIT_UNITS]
    assert ("fichier", "file") in {(p.source.lower(), p.target.lower()) for p in extract_terms(units).pairs}
    assert analyse_terms(units).words == {"fichier"}  # single words are not checked for consistency
    # 40 units in 1,000 of 8 tokens: 400 times what general French gives `fichier`, 5 times for `temps`
    assert specific_words(Counter(fichier=40, temps=40), {"fichier", "temps"}, 1000, 8.0, "fr") == {"fichier"}
    assert specific_words(Counter(fichier=2), {"fichier"}, 1000, 8.0, "fr") == set()  # too rare to tell


def test_glossary_command_writes_the_domain_terms_alone_with_category_term(tmp_path):
    import csv

    from align.formats import write_units

    write_units(tmp_path / "tm.tsv", corpus_units(), src_lang="fr", tgt_lang="en")
    runner = CliRunner()
    for name, extra in (("all.csv", []), ("terms.csv", ["--category", "term"])):
        result = runner.invoke(cli, ["glossary", str(tmp_path / "tm.tsv"), "-o", str(tmp_path / name), *extra])
        assert result.exit_code == 0, result.output
    every = list(csv.DictReader(open(tmp_path / "all.csv", encoding="utf-8")))
    terms = list(csv.DictReader(open(tmp_path / "terms.csv", encoding="utf-8")))
    assert {r["category"] for r in every} == {"term", "name", "copy"}
    assert terms == [r for r in every if r["category"] == "term"]
    assert "(" + str(len(terms)) + " written: term)" in result.output
