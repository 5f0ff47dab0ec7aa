"""number-mismatch: French and English number forms, dates, ordinals, identifiers."""

from __future__ import annotations

import pytest

from align.model import TranslationUnit
from align.qa import run_qa
from align.qa.config import parse_config
from align.qa.numbers import extract_quantities, spelled_numbers

ONLY_NUMBERS = parse_config({"checks": {c: {"enabled": False} for c in (
    "empty-target", "untranslated", "glossary-term-missing", "glossary-term-forbidden", "term-inconsistency",
    "segment-inconsistency", "acronym-missing", "brackets", "whitespace", "repeated-word", "length-ratio",
    "urls", "emails", "xmltags")}})


def number_findings(source: str, target: str):
    result = run_qa([TranslationUnit(source, target)], config=ONLY_NUMBERS, use_extractor=False)
    return [f for f in result.findings if f.check == "number-mismatch"]


@pytest.mark.parametrize("source, target", [
    ("Le taux est passé à 3,5 %.", "The rate rose to 3.5%."),
    ("Quelque 2 500 000 personnes sont concernées.", "Some 2,500,000 people are affected."),
    ("Quelque 2\u00a0500\u00a0000 personnes sont concernées.", "Some 2,500,000 people are affected."),
    ("Quelque 2\u202f500\u202f000 personnes sont concernées.", "Some 2,500,000 people are affected."),
    ("lors de la 49ème session du CMAE", "at the 49th session of the CFM"),
    ("lors de la 49e session du CMAE", "at the 49th session of the CFM"),
    ("le 1er mars 2019", "on 1st March 2019"),
    ("le 16 mars 2023 à Nouakchott", "in Nouakchott on March 16, 2023"),
    ("le 16 mars 2023 à Nouakchott", "in Nouakchott on 16 March 2023"),
    ("Date : 12/12/2023", "Date: 12 December 2023"),
    ("15 % des votants", "15% of voters"),
    ("S.E. M. Taha a reçu la délégation.", "H.E. Mr. Taha received the delegation."),
    ("Voir le communiqué SG/SM/19696.", "See press release SG/SM/19696."),
    ("Voir le communiqué de presse SG/SM/19696.", "See press release SG/SM/19696-IK/811."),
    ("au cours de la pandémie de COVID-19", "during the COVID-19 pandemic"),
    ("tuant 40 membres des forces de sécurité", "killing forty security personnel"),
    ("la quarante-neuvième session", "the forty-ninth session"),
    ("la quarante-neuvième session", "the 49th session"),
    ("CHAPITRE II Ce que devint Candide", "CHAPTER 2 What Befell Candide"),
    ("au XXIe siècle", "in the 21st century"),
    ("à 10 h 30", "at 10.30 a.m."),
    ("à 15 heures", "at 3 p.m."),
    ("à 15 h", "at 15:00"),
    ("pendant 24 heures", "for 24 hours"),
    ("dans les années 1990", "in the 1990s"),
    ("huit millions de personnes", "8 million people"),
    ("au cours de la soixante-dix-huitième session", "during the 78th session"),
    ("le 4e rapport", "the fourth report"),
    ("à 15 h 30", "at 3:30"),
    ("3,5 millions de personnes", "3.5 million people"),
])
def test_equal_numbers_written_the_french_and_english_way_do_not_fire(source, target):
    assert number_findings(source, target) == []


@pytest.mark.parametrize("source, target, shown", [
    ("Le taux est passé à 3,5 %.", "The rate rose to 35%.", "3,5"),
    ("le 11 décembre 2023", "on 12 December 2023", "11"),
    ("le 16 mars 2023", "on 16 May 2023", "mars"),
    ("Quelque 2 500 000 personnes", "Some 250,000 people", "2 500 000"),
    ("la 49e session", "the 48th session", "49e"),
    ("la soixante-dix-huitième session de l'Assemblée", "the 20th session of the Assembly", "soixante-dix-huitième"),
    ("la résolution 307 de 1971", "resolution 307 of 1917", "1971"),
    ("à 15 heures", "at 5 p.m.", "15 heures"),
])
def test_different_numbers_fire_and_name_the_number(source, target, shown):
    findings = number_findings(source, target)
    assert len(findings) == 1
    assert f"'{shown}'" in findings[0].message
    spans = [source[s.start:s.end] for s in findings[0].spans if s.side == "source"]
    assert shown in spans


def test_french_decimal_comma_left_in_english_is_flagged():
    findings = number_findings("Le taux est de 3,5 %.", "The rate is 3,5%.")
    assert len(findings) == 1 and "decimal comma" in findings[0].message


def test_quantities_read_values_and_months():
    values = [sorted(q.values) for q in extract_quantities("le 16 mars 2023, 2 500 000 et 3,5", "fr")]
    assert values == [[("n", 16.0)], [("m", 3.0)], [("n", 2023.0)], [("n", 2500000.0)], [("n", 3.5)]]
    assert [sorted(q.values) for q in extract_quantities("35 and 3.5", "en")] == [[("n", 35.0)], [("n", 3.5)]]


def test_month_names_count_only_beside_a_day_or_year():
    assert extract_quantities("You may go.", "en") == []
    assert extract_quantities("La planète Mars est rouge.", "fr") == []


def test_spelled_numbers():
    assert [v for v, _, _ in spelled_numbers("la soixante-dix-huitième session")] == [78]
    assert [v for v, _, _ in spelled_numbers("vingt et un ans, quatre-vingt-dix-neuf, deux mille")] == [21, 99, 2000]
    assert [v for v, _, _ in spelled_numbers("two thousand five hundred and six")] == [2506]
