"""Build the QA benchmark set: `data/units.tsv` (units with seeded errors) and `data/gold.tsv`.

Start from `data/clean.tsv` (real, hand-paired sentences; `build_clean.py`), apply the fixed list of
`SEEDS` below (each a literal replacement in one unit's target, i.e. an error a translator makes), add
`EXTRA` units (French lines of the same documents left without translation, duplicates that make a
segment inconsistent, and a few constructed pairs for cases the communiqués lack: kept acronyms,
decimal commas, grouped thousands, ordinals). `gold.tsv` lists every (unit, check) that a perfect
checker reports: `seeded` errors and `natural` ones already in the published translations (found by
reading them). Deterministic; outputs are committed. Run: `python bench/qa/make_set.py`.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
CORPUS = HERE.parents[1] / "corpora"

# unit, check, old text in the target, new text ("" old = the whole target)
SEEDS = [
    ("gs1", "number-mismatch", "11 December 2023", "12 December 2023"),
    ("gs1", "glossary-term-missing", "Supreme Court", "High Court"),
    ("gs2", "term-inconsistency", "the OIC Council", "the OCI Council"),
    ("gs2", "glossary-term-forbidden", "issue of Jammu and Kashmir", "issue of Jammu & Kashmir"),
    ("gs3", "untranslated", None, "=source"),
    ("pw1", "glossary-term-forbidden", "The Secretary-General has", "The General Secretary has"),
    ("pw1", "brackets", "South Asia,”", "South Asia,"),
    ("pw2", "number-mismatch", "40 Indian", "400 Indian"),
    ("pw2", "whitespace", "media reports, tensions", "media reports ; tensions"),
    ("pw3", "repeated-word", "his strong", "his his strong"),
    ("pw3", "length-ratio", None, "=double"),
    ("pw4", "untranslated", None, "=source"),
    ("pw5", "brackets", "“It is", "It is"),
    ("pw7", "number-mismatch", "307 of 1971", "307 of 1917"),
    ("pw7", "acronym-missing", "(UNMOGIP)", "(the Group)"),
    ("pw7", "glossary-term-missing", "the Security Council mandate", "the Safety Council mandate"),
    ("ny2", "glossary-term-forbidden", "self-determination", "auto-determination"),
    ("ny3", "term-inconsistency", "UN Security Council", "U.N. Security Council"),
    ("ny4", "number-mismatch", "in March 2023", "in May 2023"),
    ("ny4", "repeated-word", "of the Islamic Republic", "of the the Islamic Republic"),
    ("hc1", "whitespace", "The appeal over", "The appeal  over"),
    ("hc1", "length-ratio", None, "=truncate"),
    ("hc2", "untranslated", None, "=source"),
    ("hc3", "glossary-term-missing", "spokesperson for", "speaker for"),
    ("hc3", "brackets", "(OHCHR)", "(OHCHR"),
    ("hc4", "length-ratio", None, "=double"),
    ("hc5", "whitespace", None, "=trailing"),
    ("hc5", "repeated-word", "use of force", "use of of force"),
    ("hc5", "number-mismatch", "on 5 August", "on 15 August"),
]

# id, source, target, origin note, seeded check (or "" for a correct unit)
EXTRA = [
    ("x1", "Date: 12/12/2023", "Date: 12/12/2023", "corpus line kept as is", ""),
    ("x2", "Couvre-feu toujours en place dans une partie du Cachemire", "", "corpus heading, target dropped",
     "empty-target"),
    ("x3", "Le Haut-Commissariat a également reçu des informations selon lesquelles des groupes armés dans "
     "le Cachemire sous administration indienne ont menacé des habitants.", "", "corpus line, target dropped",
     "empty-target"),
    ("x4", "Il a exprimé sa gratitude au secrétaire général, et aux membres du Groupe de contact.", " ",
     "corpus line, target blank", "empty-target"),
    ("x5", "@gs1", "@gs1:expresses concern over=is concerned about", "duplicate source, other translation",
     "segment-inconsistency"),
    ("x6", "@hc3", "@hc3:acknowledged=recognised", "duplicate source, other translation", "segment-inconsistency"),
    ("x7", "L'ONU est présente depuis longtemps dans la zone contestée entre l'Inde et le Pakistan.", "@pw6",
     "same target as pw6, other source", "segment-inconsistency"),
    ("x8", "Les dirigeants de l'APHC ont été informés de la situation.", "The APHC leaders were briefed on the situation.",
     "constructed: kept acronym", ""),
    ("x9", "Le président de l'APHC a remercié le Groupe de contact.", "The chairman thanked the Contact Group.",
     "constructed: kept acronym dropped", "acronym-missing"),
    ("x10", "La mission de l'UNMOGIP se poursuit au Jammu-et-Cachemire.", "The mission continues in Jammu and Kashmir.",
     "constructed: kept acronym dropped", "acronym-missing"),
    ("x11", "Selon l'ONU, 3,5 millions de personnes vivent dans la vallée.",
     "According to the UN, 35 million people live in the valley.", "constructed: decimal comma misread",
     "number-mismatch"),
    ("x12", "Quelque 2\u00a0500\u00a0000 personnes, soit 15\u00a0%, vivaient au Jammu-et-Cachemire le 1er mars 2019.",
     "Some 2,500,000 people, or 15%, lived in Jammu and Kashmir on March 1st, 2019.",
     "constructed: grouped thousands, percent, ordinal date", ""),
    ("x13", "La 49e session du CMAE s'est tenue le 16 mars 2023, soit 3,5 ans plus tard.",
     "The 49th session of the CFM was held on 16 March 2023, 3.5 years later.",
     "constructed: ordinal, translated acronym, decimal", ""),
    ("x14", "S.E. M. Hissein Brahim Taha a reçu la délégation de l'APHC (document SG/SM/19696).",
     "H.E. Mr. Hissein Brahim Taha received the APHC delegation (document SG/SM/19696).",
     "constructed: S.E./H.E., document symbol", ""),
]

# Errors already in the published English (reading them), unit -> checks.
NATURAL = [
    ("ny1", "term-inconsistency", "ONU rendered 'United Nations' where the file says 'UN'"),
    ("ny1", "number-mismatch", "'soixante-dix-huitième session' became '20th session' (spelled-out number: out of scope)"),
    ("ny2", "term-inconsistency", "OCI spelled out 'Organization of Islamic Cooperation' where the file says 'OIC'"),
    ("ny3", "repeated-word", "'stressing the The need'"),
    ("ny4", "term-inconsistency", "OCI spelled out where the file says 'OIC'"),
]


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


def _write(path: Path, header: tuple, rows: list) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(header)
        writer.writerows(rows)


def _apply(unit: dict, old: str | None, new: str) -> None:
    target = unit["target"]
    if new == "=source":
        unit["target"] = unit["source"]
    elif new == "=double":
        unit["target"] = f"{target} {target}"
    elif new == "=truncate":
        cut = target.rfind(" ", 0, int(len(target) * 0.35))
        unit["target"] = target[:cut] + "."
    elif new == "=trailing":
        unit["target"] = target + "  "
    else:
        assert old in target, (unit["id"], old)
        unit["target"] = target.replace(old, new, 1)


def main() -> None:
    clean = _read(DATA / "clean.tsv")
    by_id = {u["id"]: dict(u) for u in clean}
    gold = []
    for unit_id, check, old, new in SEEDS:
        _apply(by_id[unit_id], old, new)
        gold.append((unit_id, check, "seeded", f"{old} -> {new}" if old else new))
    rows = [(u["id"], u["source"], u["target"]) for u in by_id.values()]
    originals = {u["id"]: u for u in clean}
    for unit_id, source, target, note, check in EXTRA:
        if source.startswith("@"):
            source = originals[source[1:]]["source"]
        if target.startswith("@"):
            ref, _, change = target[1:].partition(":")
            target = by_id[ref]["target"] if not change else originals[ref]["target"].replace(*change.split("="), 1)
        rows.append((unit_id, source, target))
        if check:
            gold.append((unit_id, check, "seeded", note))
    for unit_id, check, note in NATURAL:
        gold.append((unit_id, check, "natural", note))
    _write(DATA / "units.tsv", ("id", "source", "target"), rows)
    _write(DATA / "gold.tsv", ("id", "check", "origin", "note"), gold)
    print(f"{len(rows)} units, {sum(1 for g in gold if g[2] == 'seeded')} seeded and "
          f"{sum(1 for g in gold if g[2] == 'natural')} natural errors -> {DATA}")


if __name__ == "__main__":
    main()
