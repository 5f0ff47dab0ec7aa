"""Sentence segmentation on the real corpus and on abbreviation probes, in French and English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import ConfigError
from align.ingest.markers import is_bare_marker
from align.ingest.text import document_from_text
from align.segment import load_document, segment_document, segment_text
from conftest import CORPUS, NOUAKCHOTT_FR

EN = CORPUS / "en"
FR = CORPUS / "fr"


@pytest.fixture(scope="module")
def nouakchott():
    return load_document(NOUAKCHOTT_FR, "fr")


def _check_invariants(doc):
    for segment in doc.segments:
        assert doc.text[segment.start:segment.end] == segment.text
        assert segment.text == segment.text.strip() and segment.text
        paragraph = doc.paragraphs[segment.paragraph]
        assert paragraph.start <= segment.start < segment.end <= paragraph.end
        assert not is_bare_marker(segment.text)
    # every paragraph is covered: no input sentence is lost
    assert {s.paragraph for s in doc.segments} == set(range(len(doc.paragraphs)))


def test_nouakchott_segments(nouakchott):
    _check_invariants(nouakchott)
    texts = nouakchott.segment_texts()
    # Counted by hand: 16 sentences in the 8 numbered paragraphs (2+5+2+2+1+1+2+1), the annex title, and
    # 38 clauses and items of the annex (each a paragraph ending in ";" ":" or "."): 55.
    assert 54 <= len(texts) <= 56
    assert len(texts) == 55
    assert not any(is_bare_marker(t) or t in {"i.", "1.", "-", "***"} for t in texts)
    assert ("S.E. l\u2019Ambassadeur Hissein Brahim Taha, le Secrétaire général de l'OCI, a présidé la réunion."
            in texts)
    assert ("Dans sa déclaration, le Secrétaire général a également partagé ses sentiments à la suite de sa visite "
            "en Azad Jammu-et-Cachemire en décembre 2022." in texts)
    assert any(t.startswith("Représentant la voix des Cachemiris, M. Ghulam Muhammad Safi a informé") for t in texts)
    assert sum(t.count("Jammu-et-Cachemire") for t in texts) == 26


def test_nouakchott_list_items_keep_their_markers(nouakchott):
    items = [(nouakchott.paragraphs[s.paragraph].marker, s.text) for s in nouakchott.segments]
    assert ("vii.", "Applique la résolution pertinente du Conseil de sécurité de l'ONU afin que le peuple "
                    "cachemiri puisse exercer ses droits inaliénables à l'autodétermination ;") in items
    assert ("10.", "Appelé la communauté internationale à tenir l'Inde responsable des violations flagrantes "
                   "des droits de l'homme au JCIOI ; et") in items
    assert [m for m, t in items if m == "-"] == ["-", "-", "-"]


def test_english_corpus_sentences():
    press = load_document(EN / "oic-oci-2023-09-20-oic-contact-group-jk-new-york-press-release.txt", "en")
    _check_invariants(press)
    texts = press.segment_texts()
    assert ("H.E. Mr. Hissein Brahim Taha, the Secretary-General of the Organization of Islamic Cooperation (OIC), "
            "who discussed the current situation in Jammu and Kashmir, chaired the meeting.") in texts
    assert "He thanked the Secretary-General and the Contact Group members for their unwavering support of the " \
           "Jammu and Kashmir dispute." in texts
    assert len(texts) == 16

    jeddah = load_document(EN / "oic-2019-08-06-cg-jk-urgent-meeting-jeddah.txt", "en")
    _check_invariants(jeddah)
    texts = jeddah.segment_texts()
    assert any(t.startswith("The meeting was chaired by OIC Assistant Secretary General Amb. Samir") and
               t.endswith("Niger,Saudi Arabia and Turkey.") for t in texts)
    assert any(t.startswith("H. E. the Foreign Minister of Pakistan provided") for t in texts)

    pulwama = load_document(EN / "un-news-2019-02-19-sg-india-pakistan-pulwama.txt", "en")
    texts = pulwama.segment_texts()
    assert "The UN has long maintained an institutional presence in the contested area between India and " \
           "Pakistan." in texts
    assert any(t.startswith("According to the Security Council mandate given in resolution 307 of 1971, the UN "
                            "Military Observer Group") and t.endswith("lead to ceasefire violations.") for t in texts)
    assert len(texts) == 9


def test_french_corpus_sentences():
    doc = load_document(FR / "oic-2020-06-22-cg-jk-reunion-virtuelle.txt", "fr")
    _check_invariants(doc)
    assert any(t.startswith("La réunion virtuelle a été ouverte par le Secrétaire Général de l’OCI, Dr. Yousef A. "
                            "Al-Othaimeen, qui a réaffirmé") for t in doc.segment_texts())
    sgsm = load_document(FR / "un-sgsm8790-2003-07-23-jk-violence.txt", "fr")
    _check_invariants(sgsm)
    assert "La déclaration suivante a été communiquée aujourd’hui par le porte-parole du Secrétaire général, " \
           "M. Kofi Annan:" in sgsm.segment_texts()
    assert "*   ***   *" not in sgsm.text[sgsm.paragraphs[-1].start:]  # decoration makes no segment


FRENCH_CASES = [
    ("S.E. M. Dupont a présidé la réunion. Il a parlé.", 2),
    ("MM. Dupont et Durand sont arrivés. Mme Martin aussi.", 2),
    ("Mlle. Roux est venue. Dr. Karim aussi.", 2),
    ("Voir l'art. 5 de la loi. Le texte est clair.", 2),
    ("Il y a des fruits, p. ex. des pommes. Ensuite on part.", 2),
    ("Cf. le rapport. Puis la suite.", 2),
    ("Le décret n° 2019-12 est abrogé. La loi no. 3 aussi.", 2),
    ("J. K. Rowling est venue. Elle a parlé.", 2),
    ("Le taux est de 3.5 pour cent. Il augmente.", 2),
    ("Des pommes, des poires, etc. et des fraises. Puis rien.", 2),
    ("Des pommes, des poires, etc. Puis rien.", 2),  # etc. before a capital ends the sentence
    ("Il a dit : « C'est fini. » Puis il est parti.", 2),
    ("Quoi ? dit-il. Personne ne répondit !", 2),
    ("Il aimait l'art. Puis il partit.", 2),  # "art" as a word, not before a number
    ("Les points suivants : 1. Le premier ; 2. Le second.", 1),
    ("Il est né en 1950 av. J.-C. dans la ville. Ensuite rien.", 2),
    ("La résolution 47 (1948) du CSNU. Elle reste valable.", 2),
    ("Le Secrétaire général\u00a0! Il parle\u00a0? Oui.", 3),
    ("Il a cité l’O.N.U. et l’OCI. La réunion a suivi.", 2),
]

ENGLISH_CASES = [
    ("H.E. Mr. Hissein Brahim Taha chaired the meeting. He spoke.", 2),
    ("The U.N. Secretary-General spoke. He left.", 2),
    ("Resolution No. 47 was adopted. It passed.", 2),
    ("Dr. Smith and Mrs. Jones met St. Peter. Then they left.", 2),
    ("J. K. Rowling wrote it. It sold.", 2),
    ("The rate rose 3.5 per cent. Then it fell.", 2),
    ("Apples, pears, etc. and more. Then nothing.", 2),
    ('He said, "It is over." Then he left.', 2),
    ("See e.g. the report. It is long.", 2),
    ("It killed 40 people. Police said so.", 2),
    ("The vote was 12 to 3. The motion passed.", 2),
    ("He lives in the U.S. and works there. Fine.", 2),
    ("Why? he asked. Nobody knew!", 2),
    ("Art. 5 applies. It is clear.", 2),
    ("They met on Sept. 20 in New York. Talks followed.", 2),
]


@pytest.mark.parametrize("text, count", FRENCH_CASES)
def test_french_abbreviations(text, count):
    segments = segment_text(text, "fr")
    assert " ".join(segments) == text
    assert len(segments) == count, segments


@pytest.mark.parametrize("text, count", ENGLISH_CASES)
def test_english_abbreviations(text, count):
    segments = segment_text(text, "en")
    assert " ".join(segments) == text
    assert len(segments) == count, segments


def test_exact_french_splits():
    assert segment_text("S.E. M. Dupont a présidé la réunion. Il a parlé.", "fr") == [
        "S.E. M. Dupont a présidé la réunion.", "Il a parlé."]
    assert segment_text("Il a dit : « C'est fini. » Puis il est parti.", "fr") == [
        "Il a dit : « C'est fini. »", "Puis il est parti."]


def test_segment_text_handles_lists_and_headings():
    text = "Communiqué final\n1. Premier point. Avec deux phrases.\nii) Second point ;\n- Une puce.\n***\n"
    assert segment_text(text, "fr") == ["Communiqué final", "Premier point.", "Avec deux phrases.",
                                        "Second point ;", "Une puce."]


def test_language_variants_and_unknown_language():
    assert segment_text("Mr. Smith came. He left.", "en-GB") == ["Mr. Smith came.", "He left."]
    assert segment_text("M. Dupont est venu. Il est parti.", "fr_CA") == ["M. Dupont est venu.", "Il est parti."]
    with pytest.raises(ConfigError, match="no segmentation rules for language 'xx': not a language code.*--srx"):
        segment_text("Hallo. Welt.", "xx")


USER_SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Clauses">
        <rule break="yes"><beforebreak>[;.]\\s+</beforebreak><afterbreak></afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="FR.*" languagerulename="Clauses"/>
    </maprules>
  </body>
</srx>
"""


def test_user_srx_file_replaces_the_built_in_rules(tmp_path):
    rules = tmp_path / "clauses.srx"
    rules.write_text(USER_SRX, encoding="utf-8")
    # an OmegaT-style map in upper case ("FR.*") still matches --lang fr
    assert segment_text("Un ; deux. M. Trois.", "fr", srx=rules) == ["Un ;", "deux.", "M.", "Trois."]
    with pytest.raises(ConfigError, match="no rules for language 'en'"):
        segment_text("One; two.", "en", srx=rules)


def test_hostile_or_broken_srx_is_refused(tmp_path):
    hostile = tmp_path / "evil.srx"
    hostile.write_text('<?xml version="1.0"?><!DOCTYPE srx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                       '<srx version="2.0"><body>&x;</body></srx>', encoding="utf-8")
    with pytest.raises(ConfigError, match="evil.srx: not a usable SRX file"):
        segment_text("Un. Deux.", "fr", srx=hostile)
    broken = tmp_path / "broken.srx"
    broken.write_text(USER_SRX.replace("[;.]", "[;."), encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.srx: invalid SRX rules"):
        segment_text("Un. Deux.", "fr", srx=broken)
    with pytest.raises(ConfigError, match="not found"):
        segment_text("Un. Deux.", "fr", srx=tmp_path / "absent.srx")


def test_presegmented_documents_are_kept(tmp_path):
    path = tmp_path / "pre.txt"
    path.write_text("Une phrase. Une autre.\nM. Dupont\n", encoding="utf-8")
    doc = load_document(path, "fr", presegmented=True)
    assert doc.segment_texts() == ["Une phrase. Une autre.", "M. Dupont"]
    assert segment_document(doc, "fr").segment_texts() == ["Une phrase. Une autre.", "M. Dupont"]


_PIECES = st.sampled_from(["M.", "S.E.", "Dupont", "a dit", "1.", "ii.", "-", "•", "etc.", "art.", "5", "2022.",
                           "«", "»", "!", "?", ";", ":", "…", "\u00a0", " ", "  ", "\n", "\n\n", "\n \n", "Il",
                           "l’ONU", "Jammu-", "et-Cachemire", "U.N.", "H.E.", "No.", "***", "(a)", "3.5", "é"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40), st.sampled_from(["fr", "en"]))
def test_segments_cover_every_word_of_every_paragraph(pieces, lang):
    text = " ".join(pieces)
    doc = document_from_text(text, path=None, lang=lang, format="txt", meta={})
    segment_document(doc, lang)
    for segment in doc.segments:
        assert doc.text[segment.start:segment.end] == segment.text and segment.text.strip() == segment.text
        assert not is_bare_marker(segment.text)
    for index, paragraph in enumerate(doc.paragraphs):
        body = doc.text[paragraph.start:paragraph.end]
        covered = "".join(s.text for s in doc.segments if s.paragraph == index)
        assert "".join(body.split()) == "".join(covered.split())  # nothing lost, nothing added
