"""Document pairing: by file name (fast) and by content on real documents renamed (slow)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from align.corpus.naming import list_documents, name_key, pair_by_name
from conftest import CORPUS, NOUAKCHOTT_FR


@pytest.mark.parametrize("french, english", [
    ("report.fr.txt", "report.en.txt"),
    ("Report_FR.docx", "report_en.pdf"),
    ("annual-report-fr.html", "annual-report-EN.htm"),
    ("note_fr-CA.txt", "note_en-GB.txt"),
    ("minutes.fra.txt", "minutes.eng.txt"),
    ("2023/communique.txt", "2023/communique.txt"),
])
def test_names_that_pair(french, english):
    assert name_key(french, "fr") == name_key(english, "en")


@pytest.mark.parametrize("french, english", [
    ("report.fr.txt", "report-2.en.txt"),
    ("2023/communique.txt", "2024/communique.txt"),  # same name in another sub-folder is another document
    ("free.txt", "fren.txt"),
])
def test_names_that_do_not_pair(french, english):
    assert name_key(french, "fr") != name_key(english, "en")


def test_language_letters_inside_a_name_are_kept():
    # "-en" inside "green" or a final "fr" without a separator is part of the name, not a language marker
    assert name_key("green.txt", "en") == "green"
    assert name_key("chiffr.txt", "fr") == "chiffr"


def test_sample_corpus_pairs_by_name(tmp_path):
    src, _ = list_documents(CORPUS / "fr", "fr")
    tgt, _ = list_documents(CORPUS / "en", "en")
    pairs, left_src, left_tgt = pair_by_name(src, tgt)
    names = [(s.relative, t.relative) for s, t in pairs]
    assert ("oic-gs-2023-12-12-supreme-court-verdict-jk.txt", "oic-gs-2023-12-12-supreme-court-verdict-jk.txt") in names
    assert len(pairs) == 4
    assert NOUAKCHOTT_FR.name in [f.relative for f in left_src]
    assert len(left_src) + len(pairs) == len(src) and len(left_tgt) + len(pairs) == len(tgt)


def test_ambiguous_names_are_left_to_content_pairing(tmp_path):
    for name in ("fr/a.fr.txt", "fr/a.fr.html", "en/a.en.txt", "fr/README.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    src, skipped = list_documents(tmp_path / "fr", "fr")
    tgt, _ = list_documents(tmp_path / "en", "en")
    pairs, left_src, left_tgt = pair_by_name(src, tgt)
    assert pairs == [] and len(left_src) == 2 and len(left_tgt) == 1
    assert skipped == [("README.md", "unsupported file type '.md'")]


@pytest.mark.slow
def test_content_pairing_pairs_renamed_copies_and_refuses_unrelated(tmp_path):
    """Two real translation pairs under unrelated names, among documents that have no counterpart."""
    from align.corpus.mine_files import load_pool
    from align.corpus.mining import mine
    from align.corpus.pairing import DEFAULT_LINK_MARGIN, pair_by_content
    from align.embed import get_encoder

    copies = {
        "fr/statement-a.txt": "fr/oic-gs-2023-12-12-supreme-court-verdict-jk.txt",
        "en/verdict-press-b.txt": "en/oic-gs-2023-12-12-supreme-court-verdict-jk.txt",
        "fr/doc-1.txt": "fr/un-news-2019-02-19-sg-india-pakistan-pulwama.txt",
        "en/doc-9.txt": "en/un-news-2019-02-19-sg-india-pakistan-pulwama.txt",
        "fr/nouakchott.txt": f"fr/{NOUAKCHOTT_FR.name}",
        "en/anniversary.txt": "en/oic-gs-2023-10-27-jk-76-years.txt",
        "en/ny-2021.txt": "en/dnd-2021-09-23-oic-cg-jk-joint-communique.txt",
        "fr/uri.txt": "fr/un-sgsm18076-2016-09-uri-attaque.txt",
    }
    for new, old in copies.items():
        (tmp_path / new).parent.mkdir(exist_ok=True)
        shutil.copy(CORPUS / old, tmp_path / new)
    encoder = get_encoder(progress=False)
    src = load_pool(sorted((tmp_path / "fr").iterdir()), "fr", encoder, False)
    tgt = load_pool(sorted((tmp_path / "en").iterdir()), "en", encoder, False)
    links = mine(src, tgt, threshold=DEFAULT_LINK_MARGIN)
    accepted, refused = pair_by_content(src, tgt, links)
    found = {(Path(p.src).name, Path(p.tgt).name) for p in accepted}
    assert found == {("statement-a.txt", "verdict-press-b.txt"), ("doc-1.txt", "doc-9.txt")}
    assert all(p.coverage >= 0.3 for p in accepted)
    # whatever else was a candidate (same topic, shared clauses) was refused for low coverage
    assert all(p.coverage < 0.3 for p in refused)
