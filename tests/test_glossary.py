"""Term extraction on real communiqué sentences: acronym pairs, expansions, multi-word terms, renderings."""

from __future__ import annotations

import math

import random
import time
from collections import Counter

import pytest
from click.testing import CliRunner
from test_glossary_data import corpus_units

from align.cli import cli
from align.formats import write_units
from align.glossary.extract import TermSettings
from align.glossary import (
    Glossary,
    align_words,
    extract_terms,
    find_expansions,
    read_glossary,
    term_renderings,
)
from align.glossary.wordalign import grow_diag_final
from align.model import TranslationUnit

ACRONYM_PAIRS = {"JCIOI": "IIOJK", "OCI": "OIC", "CSNU": "UNSC", "CPIDH": "IPHRC", "APHC": "APHC", "S.E.": "H.E."}
TERM_PAIRS = {"jammu-et-cachemire": "jammu and kashmir", "groupe de contact": "contact group"}
# What a translator would accept for the source terms these communiqués use most (all renderings seen).
ACCEPTABLE = {
    **{s.lower(): {t.lower()} for s, t in ACRONYM_PAIRS.items()},
    **{s: {t} for s, t in TERM_PAIRS.items()},
    "jammu-et-cachemire illégalement occupé par l’inde": {"indian illegally occupied jammu and kashmir"},
    "jammu-et-cachemire illégalement occupé": {"indian illegally occupied jammu and kashmir",
                                               "illegally occupied jammu and kashmir"},
    "commission permanente indépendante des droits de l'homme": {"independent permanent human rights commission"},
    "organisation de coopération islamique": {"organization of islamic cooperation"},
    "communauté internationale": {"international community"},
    "peuple du jammu-et-cachemire": {"people of jammu and kashmir"},
    "question du jammu-et-cachemire": {"issue of jammu and kashmir"},
    "conflit du jammu-et-cachemire": {"jammu and kashmir dispute"},
    "secrétaire général": {"secretary general", "secretary-general"},
    "secrétariat général": {"general secretariat"},
    "peuple cachemiri": {"kashmiri people"},
    "aspirations du peuple cachemiri": {"aspirations of the kashmiri people"},
    "représentants du peuple cachemiri": {"representatives of the kashmiri people"},
    "ministres des affaires étrangères": {"foreign ministers"},
    "conseil des ministres des affaires étrangères de l'oci": {"oic council of foreign ministers"},
    "session du conseil des ministres des affaires étrangères": {"session of the oic council of foreign ministers"},
    "conseil de sécurité des nations unies": {"united nations security council"},
    "situation actuelle": {"current situation"},
    "soutien continu": {"continued support"},
    "règlement pacifique": {"peaceful settlement"},
    "république islamique": {"islamic republic"},
    "république islamique de mauritanie": {"islamic republic of mauritania"},
    "droits de l'homme": {"human rights"},
    "violations des droits de l'homme": {"human rights violations"},
    "états membres": {"member states"},
    "pakistan": {"pakistan"}, "nouakchott": {"nouakchott"}, "new york": {"new york"}, "inde": {"india"},
    "hissein brahim taha": {"hissein brahim taha"},
}


@pytest.fixture(scope="module")
def units() -> list[TranslationUnit]:
    return corpus_units()


@pytest.fixture(scope="module")
def glossary(units) -> Glossary:
    return extract_terms(units)


def preferred(glossary: Glossary, source: str):
    rows = [p for p in glossary.pairs if p.source.lower() == source.lower()][:1]  # the suggested rendering
    assert rows, f"{source!r} not extracted"
    return rows[0]


@pytest.mark.parametrize("source,target", sorted(ACRONYM_PAIRS.items()))
def test_acronyms_pair_with_their_renderings(glossary, source, target):
    row = preferred(glossary, source)
    assert row.target == target
    assert row.kind == "acronym"
    assert row.frequency >= 2 and row.score >= 0.5
    source_side, _, target_side = row.example.partition(" ||| ")
    assert source in source_side and target in target_side


@pytest.mark.parametrize("source,target", sorted(TERM_PAIRS.items()))
def test_multiword_terms_pair_with_their_renderings(glossary, source, target):
    row = preferred(glossary, source)
    assert row.target.lower() == target
    assert row.frequency >= 5


def test_acronym_pairs_come_with_expansions_in_one_concept(glossary):
    by_concept = {}
    for row in glossary.pairs:
        if row.concept:
            by_concept.setdefault(row.concept, []).append(row)
    jcioi = next(rows for rows in by_concept.values() if any(r.source == "JCIOI" for r in rows))
    expansion = next(r for r in jcioi if r.kind == "expansion")
    assert expansion.source == "Jammu-et-Cachemire illégalement occupé par l’Inde"
    assert expansion.target == "Indian Illegally Occupied Jammu and Kashmir"
    cpidh = next(rows for rows in by_concept.values() if any(r.source == "CPIDH" for r in rows))
    assert any(r.target == "Independent Permanent Human Rights Commission" for r in cpidh)


def test_unrelated_pairs_are_not_proposed_at_the_top(glossary):
    top = glossary.pairs[:15]
    wrong = [(r.source, r.target) for r in top if r.target.lower() not in ACCEPTABLE.get(r.source.lower(), set())]
    assert len(wrong) <= 2, wrong
    # no acronym is paired with another concept's acronym, anywhere in the list
    for row in glossary.pairs:
        if row.source in ACRONYM_PAIRS:
            assert row.target not in set(ACRONYM_PAIRS.values()) - {ACRONYM_PAIRS[row.source]}, row
    # ranked for review: terms, then names, then copies; inside each, by score weighted by frequency
    firsts = list({r.source: r for r in reversed(glossary.pairs)}.values())[::-1]
    keys = [(["term", "name", "copy"].index(r.category), -r.score * math.log2(1 + r.frequency)) for r in firsts
            if r.kind != "expansion"]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    for category in range(3):
        weights = [k[1] for k in keys if k[0] == category]
        assert weights == sorted(weights)


def test_a_second_rendering_is_admitted_and_chance_cooccurrence_is_not(units):
    variants = [TranslationUnit(u.source, u.target.replace("IIOJK", "IIOJ&K")) for u in units if "IIOJK" in u.target]
    rows = [p for p in extract_terms(units + variants[:5]).pairs if p.source == "JCIOI"]
    assert [(p.target, p.status) for p in rows] == [("IIOJK", "candidate"), ("IIOJ&K", "candidate")]


def test_a_rendering_holding_a_shorter_one_gets_its_links_when_it_fits_the_source_better():
    # What eflomal gives in a bad run on the corpus units: in 6 of the 11 units holding `groupe de contact`
    # `groupe` was left unlinked, so the words linked to the term were just `Contact`.
    from align.glossary.extract import _LinkStats
    from align.glossary.tokens import STOPWORDS

    src_freq = Counter({"groupe de contact": 11})
    tgt_freq = Counter({"contact": 11, "contact group": 11, "group": 11})
    stats = _LinkStats(2, src_freq, tgt_freq, STOPWORDS["fr"], STOPWORDS["en"])
    stats.links.update({("groupe de contact", "contact"): 6, ("groupe de contact", "contact group"): 5})
    stats.first_unit.update({pair: 0 for pair in stats.links})
    stats.independent["groupe de contact"] = 11
    stats.src_surfaces["groupe de contact"]["Groupe de contact"] = 11
    stats.tgt_surfaces["contact group"]["Contact Group"] = 5
    stats.tgt_surfaces["contact"]["Contact"] = 6

    rows = stats.select(2, 0.3, 3, units_with_both=lambda s, t: 11)
    assert [(r.pair.target, r.pair.status) for r in rows] == [("Contact Group", "candidate")]
    # Not when the longer candidate is missing from some of the units the short one's links came from.
    rows = stats.select(2, 0.3, 3, units_with_both=lambda s, t: 5 if t == "contact group" else 11)
    assert rows[0].pair.target == "Contact"


def test_min_frequency_is_respected(units):
    strict = extract_terms(units, TermSettings(min_frequency=5))
    assert strict.pairs and all(p.frequency >= 5 for p in strict.pairs if p.kind != "expansion")
    assert any(p.source == "JCIOI" and p.target == "IIOJK" for p in strict.pairs)
    assert not any(p.source == "APHC" for p in strict.pairs)  # two units only


def test_no_units_give_an_empty_glossary():
    assert extract_terms([]).pairs == []


def test_term_candidates_follow_french_and_english_patterns():
    from align.glossary.candidates import find_candidates
    from align.glossary.tokens import tokenize

    def candidates(text, lang):
        return {(c.surface, c.kind) for c in find_candidates(text, tokenize(text), lang)}

    fr = candidates("Réitérant l'appel du Groupe de contact aux résolutions pertinentes du Conseil de sécurité des "
                    "Nations unies sur les droits de l'homme au Jammu-et-Cachemire (JCIOI), partie II.", "fr")
    for term in ("Groupe de contact", "Conseil de sécurité des Nations unies", "Conseil de sécurité",
                 "Nations unies", "droits de l'homme", "Jammu-et-Cachemire", "résolutions pertinentes"):
        assert (term, "term") in fr, term
    assert ("JCIOI", "acronym") in fr
    surfaces = {s for s, kind in fr if kind != "word"}
    # no cut inside a French noun+adjective group, no sentence-initial verb, no roman numeral, no stopword
    assert not surfaces & {"pertinentes du Conseil", "Réitérant", "II", "contact", "partie"}
    # single lower-case nouns are `word` candidates (kept later only if domain-specific); not adjectives
    words = {s for s, kind in fr if kind == "word"}
    assert {"partie", "contact", "appel"} <= words and not words & {"pertinentes", "unies", "sur"}

    en = candidates("Expressing concern, the OIC Contact Group on Jammu and Kashmir asked the Council of Foreign "
                    "Ministers to implement United Nations Security Council resolutions in IIOJ&K.", "en")
    for term in ("Contact Group", "OIC Contact Group", "Jammu and Kashmir", "Council of Foreign Ministers",
                 "United Nations Security Council", "Security Council"):
        assert (term, "term") in en, term
    assert {("OIC", "acronym"), ("IIOJ&K", "acronym")} <= en
    assert "Expressing" not in {s for s, _ in en}
    assert not candidates("COMMUNIQUÉ CONJOINT DU GROUPE DE CONTACT", "fr") & {("COMMUNIQUÉ", "acronym"),
                                                                              ("GROUPE", "acronym")}


def test_expansions_are_found_in_both_languages():
    units = corpus_units()
    found = {}
    for unit in units:
        for text in (unit.source, unit.target):
            for acronym, long_form in find_expansions(text):
                found.setdefault(acronym, long_form)
    assert found["JCIOI"] == "Jammu-et-Cachemire illégalement occupé par l’Inde"
    assert found["IIOJK"] == "Indian Illegally Occupied Jammu and Kashmir"
    assert found["OCI"] == "Organisation de coopération islamique"
    assert found["CPIDH"] == "Commission permanente indépendante des droits de l'homme"
    assert found["IPHRC"] == "Independent Permanent Human Rights Commission"
    assert found["APHC"] == "All Parties Hurriyat Conference"
    assert find_expansions("the Organization of Islamic Cooperation (OIC) said") == [
        ("OIC", "Organization of Islamic Cooperation")]
    # parentheses that define nothing
    assert find_expansions("un communiqué (copie ci-jointe) et la résolution (8/48-POL) ; partie (II)") == []
    assert find_expansions("des pays membres (OCI)") == []


def test_word_alignment_links_acronyms_and_names(units):
    alignments = align_words(units)
    assert len(alignments) == len(units)
    linked = 0
    for alignment in alignments:
        src = [t.text for t in alignment.source_tokens]
        tgt = [t.text for t in alignment.target_tokens]
        if "JCIOI" in src and "IIOJK" in tgt:
            i, j = src.index("JCIOI"), tgt.index("IIOJK")
            linked += (i, j) in alignment.links
        for i, j in alignment.links:
            assert 0 <= i < len(src) and 0 <= j < len(tgt)
    assert linked >= 5


def test_grow_diag_final_keeps_the_intersection_and_fills_unaligned_words():
    forward = {(0, 0), (1, 2), (2, 1)}
    reverse = {(0, 0), (1, 1), (2, 1), (3, 3)}
    links = grow_diag_final(forward, reverse)
    assert {(0, 0), (2, 1)} <= links  # intersection
    assert (3, 3) in links  # word 3 was unaligned: the union point is added
    assert links <= forward | reverse


def test_term_renderings_show_inconsistent_translations(units):
    changed = list(units)
    index = next(n for n, u in enumerate(changed) if "IIOJK" in u.target)
    changed[index] = TranslationUnit(changed[index].source, changed[index].target.replace("IIOJK", "IOJ&K"))
    renderings = term_renderings(changed, ["JCIOI", "Jammu-et-Cachemire", "Groupe de contact", "absent"])
    jcioi = renderings["JCIOI"]
    assert jcioi[index] == "IOJ&K"
    assert set(jcioi.values()) == {"IIOJK", "IOJ&K"}
    assert len(jcioi) == sum("JCIOI" in u.source for u in units)
    jk = renderings["Jammu-et-Cachemire"]
    assert sum(r == "Jammu and Kashmir" for r in jk.values()) >= 0.8 * len(jk)
    assert "absent" not in renderings


def test_term_renderings_default_to_acronyms_then_extracted_terms(units):
    renderings = term_renderings(units)
    terms = list(renderings)
    assert terms[0] == "OCI"  # the most frequent acronym comes first
    assert {"JCIOI", "CSNU", "CPIDH"} <= set(terms)
    assert any(t.lower() == "groupe de contact" for t in terms)
    assert set(renderings["CSNU"].values()) == {"UNSC"}


def test_term_renderings_use_the_glossary_renderings(units, glossary):
    renderings = term_renderings(units, ["Groupe de contact"], glossary=glossary)
    values = list(renderings["Groupe de contact"].values())
    assert values.count("Contact Group") >= 0.8 * len(values)


TEMPLATES = [
    ("Le Groupe de contact s'est réuni à {city} le {date} (réunion {k}).",
     "The Contact Group met in {city} on {date} (meeting {k})."),
    ("À {city}, le Groupe de contact a adopté une déclaration le {date}.",
     "In {city}, the Contact Group adopted a statement on {date}."),
    ("Les ministres ont informé le Groupe de contact de la situation à {city} ({k}).",
     "The ministers briefed the Contact Group on the situation in {city} ({k})."),
    ("Le {date}, le Groupe de contact a publié un communiqué sur {city}.",
     "On {date}, the Contact Group issued a communiqué on {city}."),
    ("La réunion a été présidée par le Secrétaire général à {city} le {date}.",
     "The meeting was chaired by the Secretary General in {city} on {date}."),
]


def _synthetic_units(n: int) -> list[TranslationUnit]:
    """Communiqué-like sentences from templates with random cities, dates and numbers."""
    rng = random.Random(7)
    cities = [("Islamabad", "Islamabad"), ("Genève", "Geneva"), ("New York", "New York"), ("Djeddah", "Jeddah"),
              ("Niamey", "Niamey"), ("Bakou", "Baku"), ("Ankara", "Ankara"), ("Riyad", "Riyadh")]
    months = [("janvier", "January"), ("mars", "March"), ("juin", "June"), ("septembre", "September")]
    units = []
    for k in range(n):
        (fr_city, en_city), (fr_month, en_month) = rng.choice(cities), rng.choice(months)
        day, year = rng.randint(1, 28), rng.randint(1990, 2030)
        fr, en = rng.choice(TEMPLATES)
        units.append(TranslationUnit(fr.format(city=fr_city, date=f"{day} {fr_month} {year}", k=k),
                                     en.format(city=en_city, date=f"{day} {en_month} {year}", k=k)))
    return units


@pytest.mark.slow
def test_extraction_scales_to_twenty_thousand_units():
    units = _synthetic_units(20_000)
    start = time.perf_counter()
    glossary = extract_terms(units, TermSettings(min_frequency=50))
    elapsed = time.perf_counter() - start
    print(f"20k synthetic units: {elapsed:.1f} s, {len(glossary.pairs)} pairs")
    assert preferred(glossary, "Groupe de contact").target == "Contact Group"
    assert preferred(glossary, "Genève").target == "Geneva"
    assert preferred(glossary, "Secrétaire général").target == "Secretary General"


def test_cli_writes_a_glossary_from_a_tmx(tmp_path, units):
    tmx = tmp_path / "corpus.tmx"
    write_units(tmx, units, src_lang="fr", tgt_lang="en")
    out = tmp_path / "terms.csv"
    result = CliRunner().invoke(cli, ["glossary", str(tmx), "-o", str(out), "--min-frequency", "3"])
    assert result.exit_code == 0, result.output
    assert "term pairs" in result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == "source,target,status,frequency,score,example,category"
    written = read_glossary(out)
    assert any(p.source == "JCIOI" and p.target == "IIOJK" for p in written.pairs)
    long_forms = {long for u in units for acronym, long in find_expansions(u.source)}
    assert all(p.frequency >= 3 for p in written.pairs if p.source not in long_forms)

    tbx = tmp_path / "terms.tbx"
    result = CliRunner().invoke(cli, ["glossary", str(tmx), "-o", str(tbx), "--tbx-version", "2"])
    assert result.exit_code == 0, result.output
    assert b"<martif" in tbx.read_bytes()
    assert any(p.source == "OCI" and p.target == "OIC" for p in read_glossary(tbx).pairs)


def test_cli_reports_bad_input_in_one_line(tmp_path):
    empty = tmp_path / "empty.tsv"
    empty.write_text("source\ttarget\tscore\tdocument\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["glossary", str(empty), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 2
    assert "no translation unit" in result.output
    assert not (tmp_path / "out.csv").exists()

    result = runner.invoke(cli, ["glossary", str(empty), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2
    assert "unknown glossary format" in result.output

    result = runner.invoke(cli, ["glossary", str(tmp_path / "missing.tmx"), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 2
    assert "missing.tmx" in result.output


@pytest.mark.parametrize("source,target", sorted(TERM_PAIRS.items()))
def test_frequency_is_the_same_on_every_run(units, glossary, source, target):
    # eflomal cannot be seeded: its links differ from run to run (this pair was linked in 6 to 11 of its
    # units), the frequency is recounted from the units where both terms are candidates
    holding_both = sum(1 for u in units if source in u.source.lower() and target in u.target.lower())
    frequencies = {preferred(glossary, source).frequency} | {preferred(extract_terms(units), source).frequency
                                                               for _ in range(2)}
    assert len(frequencies) == 1
    assert 0.8 * holding_both <= frequencies.pop() <= holding_both
