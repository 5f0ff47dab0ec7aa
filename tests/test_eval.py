"""The alignment scorer (Vecalign's strict/lax P/R/F1) against hand-computed cases, the .beads format and `align eval`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from align.aligner.evaluate import score
from align.cli import cli
from align.errors import InputError
from align.formats.beads import parse_bead, read_beads, write_beads
from align.model import Bead


def beads(*texts: str) -> list[Bead]:
    return [parse_bead(t) for t in texts]


def test_hand_computed_strict_and_lax():
    gold = beads("[0]:[0]", "[1]:[1, 2]", "[]:[3]")
    test = beads("[0]:[0]", "[1]:[1]", "[]:[2]", "[]:[3]")
    r = score([gold], [test])
    # precision over 4 test beads: strict hits [0]:[0] and []:[3]; lax also [1]:[1] (1-1 linked in gold);
    # []:[2] is never a lax hit (no source sentence).
    assert r["precision_strict"] == pytest.approx(2 / 4)
    assert r["precision_lax"] == pytest.approx(3 / 4)
    # recall over the 2 gold beads non-empty on both sides: [0]:[0] strict; [1]:[1, 2] lax only.
    assert r["recall_strict"] == pytest.approx(1 / 2)
    assert r["recall_lax"] == pytest.approx(2 / 2)
    assert r["f1_strict"] == pytest.approx(0.5)
    assert r["f1_lax"] == pytest.approx(2 * 0.75 * 1.0 / 1.75)


def test_null_beads_neither_help_nor_hurt_recall():
    gold = beads("[0]:[0]", "[1]:[]")
    test = beads("[0]:[0]", "[]:[1]")  # wrong null bead: hurts precision only
    r = score([gold], [test])
    assert r["recall_strict"] == 1.0
    assert r["precision_strict"] == 0.5
    assert r["precision_lax"] == 0.5


def test_counts_are_summed_over_documents_before_dividing():
    perfect = beads("[0]:[0]", "[1]:[1]", "[2]:[2]")
    gold_b = beads("[0]:[0, 1]")
    wrong_b = beads("[0]:[0]", "[]:[1]")
    r = score([perfect, gold_b], [perfect, wrong_b])
    # precision: 3 hits of 3, then 0 of 2 -> 3/5 (a mean of per-document scores would be 0.5)
    assert r["precision_strict"] == pytest.approx(3 / 5)
    assert r["recall_strict"] == pytest.approx(3 / 4)
    assert r["counts"]["precision"][:2] == [3, 2]


def test_duplicate_test_beads_count_once_and_empty_beads_are_ignored():
    gold = beads("[0]:[0]", "[1]:[1]")
    test = [Bead((0,), (0,)), Bead((0,), (0,)), Bead((), ()), Bead((1,), (1,))]
    assert score([gold], [test])["precision_strict"] == 1.0


def test_mismatched_document_counts_are_refused():
    with pytest.raises(ValueError):
        score([beads("[0]:[0]")], [])


def test_beads_file_round_trip_and_errors(tmp_path):
    path = tmp_path / "a.beads"
    original = [Bead((0, 1), (2,)), Bead((), (3,)), Bead((2,), ())]
    write_beads(path, original)
    assert path.read_text() == "[0, 1]:[2]\n[]:[3]\n[2]:[]\n"
    assert [(b.src, b.tgt) for b in read_beads(path)] == [(b.src, b.tgt) for b in original]
    bad = tmp_path / "bad.beads"
    bad.write_text("[0]:[0]\n0 -> 1\n")
    with pytest.raises(InputError, match=r"bad\.beads:2"):
        read_beads(bad)


def test_gold_files_of_the_benchmark_parse(benchmarks_dir):
    gold = read_beads(benchmarks_dir / "textberg_de-fr" / "gold" / "001")
    assert gold and all(b.src or b.tgt for b in gold)
    assert score([gold], [gold])["f1_strict"] == 1.0


def test_eval_cli(tmp_path):
    gold, test = tmp_path / "gold", tmp_path / "test"
    gold.write_text("[0]:[0]\n[1]:[1, 2]\n[]:[3]\n")
    test.write_text("[0]:[0]\n[1]:[1]\n[]:[2]\n[]:[3]\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "--gold", str(gold), "--test", str(test), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["f1_strict"] == pytest.approx(0.5)
    result = runner.invoke(cli, ["eval", "--gold", str(gold), "--test", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "missing: no such file" in result.output
    result = runner.invoke(cli, ["eval", "--gold", str(gold), "--gold", str(gold), "--test", str(test)])
    assert result.exit_code == 2
