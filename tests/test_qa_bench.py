"""The QA benchmark set (bench/qa/data: real corpus sentence pairs with seeded errors) as a regression test.

Every seeded error must be found and no correct (unit, check) flagged. pofilter's side of the
benchmark is not run here (it is a comparison, see BENCHMARKS.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from align.model import TranslationUnit
from align.qa import run_qa

BENCH = Path(__file__).resolve().parents[1] / "bench" / "qa"


def test_every_seeded_error_is_found_without_false_alarms():
    sys.path.insert(0, str(BENCH))
    try:
        from run_bench import load_glossary, read_tsv
    finally:
        sys.path.remove(str(BENCH))
    rows = read_tsv(BENCH / "data" / "units.tsv")
    gold = read_tsv(BENCH / "data" / "gold.tsv")
    units = [TranslationUnit(r["source"], r["target"], tuid=r["id"]) for r in rows]
    result = run_qa(units, glossary=load_glossary(BENCH / "data" / "glossary.csv"))
    found = {(f.unit, f.check) for f in result.findings}
    seeded = {(g["id"], g["check"]) for g in gold if g["origin"] == "seeded"}
    assert len(seeded) >= 30 and len({check for _, check in seeded}) == 12
    assert seeded - found == set()
    assert found - {(g["id"], g["check"]) for g in gold} == set()


@pytest.mark.slow
def test_extract_terms_adds_no_false_alarm_and_no_duplicate():
    """`--extract-terms` runs the word aligner over the file; on the benchmark set it must keep every
    finding, add none outside the gold list, and never report the same words twice."""
    sys.path.insert(0, str(BENCH))
    try:
        from run_bench import load_glossary, read_tsv
    finally:
        sys.path.remove(str(BENCH))
    units = [TranslationUnit(r["source"], r["target"], tuid=r["id"]) for r in read_tsv(BENCH / "data" / "units.tsv")]
    gold = {(g["id"], g["check"]) for g in read_tsv(BENCH / "data" / "gold.tsv")}
    glossary = load_glossary(BENCH / "data" / "glossary.csv")
    plain = run_qa(units, glossary=glossary)
    extended = run_qa(units, glossary=glossary, use_extractor=True)
    assert "terms.aligner:ibm1diag-gdf,em:5" in extended.signature.format()
    found = {(f.unit, f.check) for f in extended.findings}
    assert {(f.unit, f.check) for f in plain.findings} <= found <= gold
    spans = [(f.unit, f.check, s.start, s.end) for f in extended.findings for s in f.spans if s.side == "target"]
    assert len(spans) == len(set(spans))
