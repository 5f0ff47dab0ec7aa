"""Ingest on the real corpus: unwrapping the PDF-extracted Nouakchott communiqué, leaving the others alone."""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import InputError
from align.ingest import read_document
from align.ingest.unwrap import unwrap
from conftest import CORPUS, NOUAKCHOTT_FR

OTHER_CORPUS_FILES = sorted(p for p in CORPUS.glob("*/*.txt") if p != NOUAKCHOTT_FR)


@pytest.fixture(scope="module")
def nouakchott():
    return read_document(NOUAKCHOTT_FR, lang="fr")


def test_nouakchott_is_detected_as_hard_wrapped_and_unwrapped(nouakchott):
    assert nouakchott.meta == {"encoding": "utf-8", "unwrapped": "yes"}
    # 8 numbered paragraphs, the annex title, 14 preamble paragraphs, 11 operative items with 7 + 2 roman
    # sub-items and 3 bullets: 47 paragraphs (the "***" separator carries no text and makes none).
    assert len(nouakchott.paragraphs) == 47
    for paragraph in nouakchott.paragraphs:
        body = nouakchott.text[paragraph.start:paragraph.end]
        assert "\n" not in body and body == body.strip() and body


def test_nouakchott_line_end_hyphens_are_kept_as_compounds(nouakchott):
    raw = NOUAKCHOTT_FR.read_text(encoding="utf-8")
    line_end_hyphens = [line.rstrip() for line in raw.split("\n") if line.rstrip().endswith("-")]
    assert len(line_end_hyphens) == 6  # counted in the raw file: every one splits "Jammu-et-Cachemire"
    assert all(line.endswith(("Jammu-", "Jammu-et-")) for line in line_end_hyphens)
    intact_in_raw = raw.count("Jammu-et-Cachemire")
    assert nouakchott.text.count("Jammu-et-Cachemire") == intact_in_raw + len(line_end_hyphens) == 26
    assert not re.search(r"Jammu-\s|Jammu-et-\s|Jammu et-|Jammu-etCachemire", nouakchott.text)


def test_nouakchott_markers_are_numbering_not_text(nouakchott):
    markers = [p.marker for p in nouakchott.paragraphs if p.marker]
    assert markers[:8] == [f"{n}." for n in range(1, 9)]
    operative = [m for m in markers[8:] if m[0].isdigit()]
    assert operative == [f"{n}." for n in range(1, 12)]
    romans = [m for m in markers if m[0] in "iv"]
    assert romans == ["i.", "ii.", "iii.", "iv.", "v.", "vi.", "vii.", "i.", "ii."]
    assert markers.count("-") == 3
    for paragraph in nouakchott.paragraphs:
        assert (paragraph.kind == "list-item") == (paragraph.marker is not None)
    # "décembre \n\n2022. Il a ..." is a year inside a sentence, not list item 2022.
    assert "en décembre 2022. Il a en outre" in nouakchott.text


def test_nouakchott_paragraphs_are_not_glued_together(nouakchott):
    bodies = [nouakchott.text[p.start:p.end] for p in nouakchott.paragraphs]
    assert bodies[11] == "Les Ministres des Affaires étrangères :"
    assert bodies[12] == "Réitérant la position et les résolutions de l'OCI sur le conflit au Jammu-et-Cachemire ;"
    assert sum(1 for body in bodies if body.startswith(("Soulignant", "Rappelant", "Exprimant"))) == 6
    # a page break in mid-sentence (blank lines before "à un règlement") does not split paragraph 4
    assert "ont appelé à un règlement pacifique" in bodies[3]
    # "i. Poursuivre ... du CMAE" has no final punctuation, yet "ii." still starts the next item
    assert bodies[40].endswith("par la 48ème session du CMAE")


@pytest.mark.parametrize("path", OTHER_CORPUS_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_one_paragraph_per_line_files_are_not_unwrapped(path):
    doc = read_document(path)
    assert doc.meta["unwrapped"] == "no"
    assert doc.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    lines_with_words = [line for line in doc.text.split("\n") if any(ch.isalnum() for ch in line)]
    assert len(doc.paragraphs) == len(lines_with_words)


def test_missing_file_and_unsupported_format(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "absent.txt")
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"old\.doc.*not supported.*\.docx"):
        read_document(legacy)
    with pytest.raises(InputError, match="not a file"):
        read_document(tmp_path)


def test_presegmented_keeps_each_line_as_one_segment(tmp_path):
    path = tmp_path / "pre.txt"
    path.write_text("  1. Première ligne. Avec deux phrases.\n\nS.E. M. Dupont\n   \n- puce\n", encoding="utf-8")
    doc = read_document(path, lang="fr", presegmented=True)
    assert doc.format == "presegmented"
    assert doc.segment_texts() == ["1. Première ligne. Avec deux phrases.", "S.E. M. Dupont", "- puce"]
    assert [s.paragraph for s in doc.segments] == [0, 1, 2]
    assert all(doc.text[s.start:s.end] == s.text for s in doc.segments)


WRAPPED_PROSE = """\
CHAPTER I

It was the best of times, it was the worst of times, the government of
the day was well-known for its patience, and the people were
content. Nobody in the town doubted that the well-
known magistrate would speak.

The magistrate said nothing. The reports of the govern-
ment were read aloud, one after another, until the hall
grew quiet and the lamps were lit.
1. The first resolution was adopted without a vote;
2. The second was deferred.
"""


def test_plain_hard_wrapped_prose_is_unwrapped(tmp_path):
    path = tmp_path / "novel.txt"
    path.write_text(WRAPPED_PROSE, encoding="utf-8")
    doc = read_document(path, lang="en")
    assert doc.meta["unwrapped"] == "yes"
    bodies = [(p.kind, p.marker, doc.text[p.start:p.end]) for p in doc.paragraphs]
    assert bodies == [
        ("heading", None, "CHAPTER I"),
        ("text", None, "It was the best of times, it was the worst of times, the government of the day was "
                       "well-known for its patience, and the people were content. Nobody in the town doubted "
                       "that the well-known magistrate would speak."),
        # "govern-" + "ment": the text elsewhere has "government" and never "govern-ment": a typesetter's hyphen
        ("text", None, "The magistrate said nothing. The reports of the government were read aloud, one after "
                       "another, until the hall grew quiet and the lamps were lit."),
        ("list-item", "1.", "The first resolution was adopted without a vote;"),
        ("list-item", "2.", "The second was deferred."),
    ]


def test_short_wrapped_paragraphs_separated_by_blank_lines(tmp_path):
    # pdftotext-style: paragraphs of two visual lines, one empty line between paragraphs (not interleaved)
    path = tmp_path / "short.txt"
    path.write_text(
        "Le Secrétaire général a rencontré les ministres des Affaires étrangères\n"
        "des États membres du Groupe de contact à New York.\n\n"
        "Il a souligné la nécessité pour la communauté internationale\n"
        "d'intensifier ses efforts en vue du règlement de la question.\n\n"
        "Le Groupe de contact a remercié la Commission permanente\n"
        "indépendante des droits de l'homme pour ses efforts constants.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.meta["unwrapped"] == "yes"
    assert [doc.text[p.start:p.end][:20] for p in doc.paragraphs] == [
        "Le Secrétaire généra", "Il a souligné la néc", "Le Groupe de contact"]


_WORDS = st.sampled_from(["le", "Groupe", "de", "contact", "a", "souligné", "1.", "ii.", "-", ";", ":", "et",
                          "2022.", "réunion.", "M.", "S.E.", "Jammu-et-Cachemire", "(JCIOI)", "l’Inde", "«", "»"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=60), min_size=1, max_size=6),
       st.integers(min_value=30, max_value=90), st.booleans())
def test_unwrap_loses_and_adds_no_word(paragraphs, width, interleaved):
    lines = []
    for words in paragraphs:
        lines.extend(textwrap.wrap(" ".join(words), width, break_on_hyphens=False, break_long_words=False))
        lines.append(" ")  # a paragraph break line, as in the PDF-extracted corpus file
    text = ("\n\n" if interleaved else "\n").join(lines)
    joined = unwrap(text)
    assert " ".join(joined).split() == [word for words in paragraphs for word in words]
