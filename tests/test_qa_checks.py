"""Unit-level QA checks on French/English cases that must and must not fire."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.model import TranslationUnit
from align.qa import run_qa
from align.qa.checks import CHECKS
from align.qa.config import parse_config


def only(check_id: str):
    return parse_config({"checks": {c: {"enabled": False} for c in CHECKS if c != check_id}})


def findings(check_id: str, *pairs: tuple[str, str]):
    units = [TranslationUnit(s, t) for s, t in pairs]
    return run_qa(units, config=only(check_id), use_extractor=False).findings


def test_registry_ids_are_the_documented_ones():
    assert {"glossary-term-missing", "glossary-term-forbidden", "term-inconsistency", "segment-inconsistency",
            "number-mismatch", "untranslated", "empty-target", "brackets", "whitespace", "repeated-word",
            "length-ratio", "acronym-missing", "urls", "emails", "xmltags", "placeholders", "code", "accelerators",
            "newlines", "typography"} == set(CHECKS)
    for check_id, cls in CHECKS.items():
        assert cls.id == check_id and cls.severity in ("error", "warning", "info") and cls.description


def test_empty_target():
    found = findings("empty-target", ("Le Secrétaire général.", ""), ("Le Secrétaire général.", "  "),
                     ("Le Secrétaire général.", "The Secretary-General."))
    assert [f.unit for f in found] == ["1", "2"]
    assert found[0].severity == "error"


@pytest.mark.parametrize("source, fires", [
    ("La réunion a été présidée par le secrétaire général de l'OCI.", True),
    ("Date : 12/12/2023", False),
    ("Hissein Brahim Taha", False),
    ("UNMOGIP", False),
    ("https://www.oic-oci.org/topic/?t_id=40139", False),
    ("2 500 000", False),
])
def test_untranslated_fires_only_on_running_words(source, fires):
    assert bool(findings("untranslated", (source, source))) is fires


def test_untranslated_ignores_case_and_spacing_but_not_real_translations():
    assert findings("untranslated", ("Le peuple du Jammu-et-Cachemire", "le  peuple du Jammu-et-Cachemire"))
    assert not findings("untranslated", ("Le peuple du Jammu-et-Cachemire", "The people of Jammu and Kashmir"))


def test_brackets():
    assert not findings("brackets", ("l'Organisation de coopération islamique (OCI)",
                                     "the Organization of Islamic Cooperation (OIC)"))
    unbalanced = findings("brackets", ("le Haut-Commissariat (HCDH) a reconnu", "the High Commissioner (OHCHR acknowledged"))
    assert len(unbalanced) == 1 and unbalanced[0].spans[0].side == "target"
    lost = findings("brackets", ("le Groupe (UNMOGIP) observe", "the Group observes"))
    assert lost and "1 in the source, 0 in the target" in lost[0].message
    # An added gloss is usual in translation, not an error.
    assert not findings("brackets", ("à New York", "in New York (UNI)"))


def test_quotes_french_guillemets_become_english_quotes():
    source = "« Le Secrétaire général suit la situation », a déclaré le porte-parole."
    assert not findings("brackets", (source, "“The Secretary-General is following the situation,” the spokesman said."))
    assert not findings("brackets", (source, '"The Secretary-General is following the situation," the spokesman said.'))
    assert findings("brackets", (source, "“The Secretary-General is following the situation, the spokesman said."))
    # One sentence of a longer quotation opens without closing on both sides: not flagged.
    assert not findings("brackets", ("« Le Secrétaire général est convaincu.", "“The Secretary-General is convinced."))


def test_whitespace():
    assert not findings("whitespace", ("Pourquoi ?", "Why?"))
    messages = [f.message for f in findings("whitespace", ("Pourquoi ?", "Why ?"))]
    assert messages == ["space before '?' (French spacing) in English"]
    assert [f.message for f in findings("whitespace", ("Le groupe", "The  group"))] == ["double space in the target"]
    assert [f.message for f in findings("whitespace", ("Le groupe", " The group "))] == [
        "leading space in the target", "trailing space in the target"]
    nbsp = findings("whitespace", ("les résolutions\u00a0:", "the resolutions\u00a0:"))
    assert nbsp and nbsp[0].spans[0].side == "target"
    assert not findings("whitespace", ("à 10 h 30", "at 10:30"))
    english_to_french = [TranslationUnit("Why?", "Pourquoi?", src_lang="en", tgt_lang="fr"),
                         TranslationUnit("Why? See http://x.org at 10:30", "Pourquoi\u202f? Voir http://x.org à 10:30",
                                         src_lang="en", tgt_lang="fr")]
    assert not run_qa(english_to_french, config=only("whitespace")).findings  # typography's now
    found = run_qa(english_to_french, config=only("typography")).findings
    assert [(f.unit, f.message) for f in found] == [("1", "no space before '?' in French (fr-FR)")]


def test_repeated_word():
    found = findings("repeated-word", ("le peuple", "the the people"))
    assert len(found) == 1 and "'the the'" in found[0].message
    assert findings("repeated-word", ("et a souligné", "and stressing the The need"))
    assert not findings("repeated-word", ("Il avait eu", "He had had"))
    assert not findings("repeated-word", ("Bora Bora", "Bora Bora"))
    assert not findings("repeated-word", ("le peuple", "the people, the people"))


SOURCE = ("Le Secrétariat général réaffirme sa solidarité avec le peuple du Jammu-et-Cachemire dans sa quête du "
          "droit à l'autodétermination et réitère son appel à la communauté internationale.")
TARGET = ("The General Secretariat reaffirms its solidarity with the people of Jammu and Kashmir in their quest "
          "for the right of self-determination and reiterates its call on the international community.")


def test_length_ratio_is_calibrated_for_french_to_english():
    assert not findings("length-ratio", (SOURCE, TARGET))
    assert not findings("length-ratio", ("Date : 12/12/2023", "Date: 12 December 2023, Jeddah"))
    assert findings("length-ratio", (SOURCE, TARGET[:50]))
    assert findings("length-ratio", (SOURCE, TARGET + " " + TARGET))


def test_urls_emails_and_tags_must_be_kept():
    url = findings("urls", ("Voir https://www.oic-oci.org/topic/fr/", "See https://www.oic-oci.org/page/"))
    assert [(s.side, s.start) for s in url[0].spans] == [("source", 5), ("target", 4)]
    assert not findings("urls", ("Voir https://www.oic-oci.org/fr/", "See https://www.oic-oci.org/en/"))
    assert findings("xmltags", ("le <b>JCIOI</b>", "the IIOJK"))
    assert findings("emails", ("écrire à info@oic-oci.org", "write to info@oic.org"))


def test_segment_inconsistency_both_directions():
    units = [("Le Secrétaire général.", "The Secretary-General."), ("Le Secrétaire général.", "The Secretary General."),
             ("Le Secrétaire général.", "The Secretary-General."), ("Le Secrétaire général !", "The Secretary-General.")]
    found = findings("segment-inconsistency", *units)
    assert [(f.unit, "same source" in f.message) for f in found] == [("2", True), ("4", False)]
    assert "The Secretary-General." in found[0].message


def test_checks_skip_empty_targets_except_empty_target():
    units = [TranslationUnit("le peuple du JCIOI, 3,5 %", "")]
    result = run_qa(units, use_extractor=False)
    assert [f.check for f in result.findings] == ["empty-target"]


_PIECES = list("aAeé OCIJK&0123456789,.:;!?()[]{}«»“”\"'’/-\u00a0\u202f\t") + [
    "l'OCI", "JCIOI", "IIOJ&K", "mars", "March", "3,5", "2 500", "1er", "49th", "the", "<b>", "http://x.org",
    "x@y.org", "h", "soixante-dix", "XIe", "10 h 30", "12/12/2023"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=5))
def test_any_text_is_checked_without_crash_and_spans_stay_inside(pairs):
    units = [TranslationUnit(s, t) for s, t in pairs]
    for finding in run_qa(units).findings:
        for span in finding.spans:
            side = finding.source if span.side == "source" else finding.target
            assert 0 <= span.start <= span.end <= len(side)
        assert finding.check in CHECKS and finding.message
