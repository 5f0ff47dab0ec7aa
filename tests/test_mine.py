"""Mining across unpaired documents: the margin, the guards, precision, and `align mine`."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from align.corpus.guards import digit_runs, refusal
from align.corpus.margin import mutual_best_margin
from conftest import CORPUS, NOUAKCHOTT_FR


def test_digit_runs_ignore_number_formatting():
    assert digit_runs("le 5 août 2019, 4,2 millions, la 49ème session") == \
        digit_runs("on 5th August 2019, 4.2 million, the 49th session")
    assert digit_runs("la 48ème session") != digit_runs("the 49th session")


def test_guards_refuse_near_misses_and_keep_translations():
    fr = "Rappelant les deux rapports publiés en juin 2018 et juillet 2019 par le Haut-Commissariat ;"
    en = "Recalling the two reports issued in June 2018 and July 2019 by the Office of the High Commissioner;"
    assert refusal(fr, en) is None
    assert refusal(fr, en.replace("2019", "2021")) == "numbers differ"
    assert refusal("S.E.", "H.E.") == "too short"
    assert refusal(fr, en + " " + en + " " + en) == "length ratio"


def test_guards_read_numbers_in_words_as_align_qa_does():
    """Real communiqué sentences: an ordinal in words agrees with its digits (kept), a session number in
    words that the English renders as another number does not (refused; digit runs alone saw 20 = 20)."""
    fr = ("Il a informé le Groupe de contact depuis sa dernière réunion tenue en marge de la "
          "quarante-neuvième session du Conseil des ministres à Nouakchott en mars 2023.")
    en = ("He briefed the Contact Group since its last meeting held on the sidelines of the 49th Session of "
          "the Council of Foreign Ministers in Nouakchott in March 2023.")
    assert refusal(fr, en) is None
    fr = ("Le Groupe de contact a tenu une réunion en marge de la soixante-dix-huitième session de "
          "l'Assemblée générale, à New York, le 20 septembre 2023.")
    en = ("The Contact Group held a meeting on the sidelines of the 20th session of the General Assembly in "
          "New York on September 2023, XNUMX.")
    assert refusal(fr, en) == "numbers differ"
    assert refusal(fr, en, "de", "nl") is None  # other languages: digit runs only (20, 2023 on both sides)


def test_margin_suppresses_a_hub():
    """A target close to every source (a hub) loses to the true, less central match."""
    rng = np.random.default_rng(0)
    src = rng.normal(size=(6, 16)).astype(np.float32)
    tgt = src + rng.normal(scale=0.3, size=src.shape).astype(np.float32)
    hub = src.mean(axis=0, keepdims=True)
    tgt = np.vstack([hub, tgt])
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    matches = mutual_best_margin(src, tgt, k=3)
    assert sorted((m.src, m.tgt) for m in matches) == [(i, i + 1) for i in range(6)]
    assert all(m.margin > 1 for m in matches)


def test_mutual_best_respects_allowed_rows():
    v = np.eye(3, dtype=np.float32)
    matches = mutual_best_margin(v, v, k=2, candidates=3, src_allowed=np.array([1, 1, 0], bool),
                                 tgt_allowed=np.array([0, 1, 1], bool))
    assert [(m.src, m.tgt) for m in matches] == [(1, 1)]


@pytest.mark.slow
def test_mine_command_finds_recurring_preamble_clauses(tmp_path):
    from align.cli import cli
    from align.formats import read_units

    out = tmp_path / "mined.tmx"
    result = CliRunner().invoke(cli, [
        "mine", str(NOUAKCHOTT_FR),
        "--with", str(CORPUS / "en" / "dnd-2021-09-23-oic-cg-jk-joint-communique.txt"),
        "--with", str(CORPUS / "en" / "mofa-2023-09-20-oic-cg-jk-joint-communique.txt"),
        "--with", str(CORPUS / "en" / "oic-gs-2023-10-27-jk-76-years.txt"),
        "-o", str(out), "--date", "2024-01-01"])
    assert result.exit_code == 0, result.output
    units = list(read_units(out))
    assert all(u.props["origin"] == "mined" for u in units)
    pairs = {(u.source[:40], u.target[:40]) for u in units}
    assert ("Rappelant les deux rapports publiés par ", "Recalling the two reports issued by the ") in pairs
    # precision: every mined pair keeps its numbers and has a sane length ratio
    for unit in units:
        assert refusal(unit.source, unit.target) is None
    # the header records every mining setting that changes the pairs, and the sentence rules
    from lxml import etree

    props = {prop.get("type"): prop.text for prop in etree.parse(str(out)).find("header").iter("prop")}
    for key in ("mine.threshold", "mine.k", "mine.support_threshold", "mine.groups", "mine.guards"):
        assert f"x-align-{key}" in props, key
    assert props["x-align-mine.groups"].startswith("near-duplicates(cosine>=0.93")
    assert props["x-align-segmentation"].startswith("fr.srx#")


@pytest.mark.slow
def test_mining_unrelated_text_returns_nothing(benchmarks_dir, tmp_path):
    """The communiqué against an English novel (same number of sentences): no pair may come out."""
    from align.corpus.mine_files import mine_files

    novel = tmp_path / "candide.en.txt"
    lines = (benchmarks_dir / "transread_en-fr" / "Candide" / "en").read_text(encoding="utf-8").splitlines()
    novel.write_text("\n".join(lines[200:420]) + "\n", encoding="utf-8")
    result = mine_files([NOUAKCHOTT_FR], [novel], tmp_path / "none.tsv", date="2024-01-01")
    assert result.pairs == []


def test_mine_command_reports_a_missing_file(tmp_path):
    from align.cli import cli

    result = CliRunner().invoke(cli, ["mine", str(tmp_path / "nope.txt"), "--with", str(NOUAKCHOTT_FR),
                                      "-o", str(tmp_path / "x.tmx")])
    assert result.exit_code == 2
    assert "nope.txt" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.tmx").exists()
