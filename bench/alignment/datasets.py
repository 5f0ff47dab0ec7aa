"""The gold sets beside the project (`shared/benchmarks` in the nearest folder above the repository that has
one, or `$ALIGN_SHARED_DIR`), as (name, src lines, tgt lines, gold beads)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from align.formats.beads import read_beads
from bench import shared_dir

REPO = Path(__file__).resolve().parents[2]


BENCHMARKS = shared_dir() / "benchmarks"
TEXTBERG = BENCHMARKS / "textberg_de-fr"
TRANSREAD = BENCHMARKS / "transread_en-fr"
TRANSREAD_TEST = ["Emma", "JaneEyre", "LaFauteDeLAbbeMouret", "LesConfessions", "LesTravailleursDeLaMer",
                  "TheLastOfTheMohicans"]
TRANSREAD_DEV = ["AlicesAdventuresInWonderland", "Candide", "DuCoteDeChezSwann",
                 "VingtMilleLieuesSousLesMers", "VoyageAuCentreDeLaTerre"]


@dataclass
class GoldDoc:
    name: str
    src: list[str]
    tgt: list[str]
    gold: list
    src_path: Path
    tgt_path: Path
    gold_path: Path


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _doc(name: str, src: Path, tgt: Path, gold: Path) -> GoldDoc:
    return GoldDoc(name, _lines(src), _lines(tgt), read_beads(gold), src, tgt, gold)


def load(set_name: str) -> list[GoldDoc]:
    """`textberg-test`, `textberg-dev`, `transread-test` (6-book subset) or `transread-dev` (5 books)."""
    if set_name == "textberg-test":
        return [_doc(f"textberg/{p.name}", TEXTBERG / "de" / p.name, TEXTBERG / "fr" / p.name, p)
                for p in sorted((TEXTBERG / "gold").iterdir())]
    if set_name == "textberg-dev":
        d = TEXTBERG / "dev"
        return [_doc("textberg/dev", d / "de", d / "fr", d / "gold")]
    if set_name in ("transread-test", "transread-dev"):
        books = TRANSREAD_TEST if set_name == "transread-test" else TRANSREAD_DEV
        return [_doc(f"transread/{b}", TRANSREAD / b / "en", TRANSREAD / b / "fr", TRANSREAD / b / "gold.en-fr")
                for b in books]
    if set_name.startswith("transread/"):
        b = set_name.split("/", 1)[1]
        return [_doc(set_name, TRANSREAD / b / "en", TRANSREAD / b / "fr", TRANSREAD / b / "gold.en-fr")]
    raise ValueError(f"unknown set {set_name!r}")


SETS = ["textberg-dev", "textberg-test", "transread-test", "transread-dev"]
