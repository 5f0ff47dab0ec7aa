"""QA benchmark: `align qa` against translate-toolkit's `pofilter` on the same seeded units.

Reads `data/units.tsv`, `data/gold.tsv`, `data/glossary.csv` (see `make_set.py`). Runs align's checks
(library call, same as `align qa --glossary`), then `pofilter` (its console script, all its default
tests) on the same units converted to PO (`msgctxt` = unit id), and maps pofilter's test names onto
align's check ids where they test the same thing. A finding counts once per (unit, check). Detection
is scored on seeded errors (and, separately, natural ones); a false alarm is a reported (unit, check)
not in the gold list; pofilter tests without an align counterpart count as false alarms (they fire on
correct units). Run: `python bench/qa/run_bench.py` (prints a Markdown table).
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

# pofilter test -> align check id (same defect); tests not listed have no counterpart.
POFILTER_TO_ALIGN = {
    "numbers": "number-mismatch", "brackets": "brackets", "doublequoting": "brackets",
    "doublespacing": "whitespace", "startwhitespace": "whitespace", "endwhitespace": "whitespace",
    "puncspacing": "whitespace", "doublewords": "repeated-word", "unchanged": "untranslated",
    "untranslated": "empty-target", "blank": "empty-target", "long": "length-ratio", "short": "length-ratio",
    "acronyms": "acronym-missing", "urls": "urls", "emails": "emails", "xmltags": "xmltags",
}


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


def load_glossary(path: Path):
    from align.glossary import read_glossary

    return read_glossary(path)


def run_align(units, glossary) -> tuple[set, float]:
    from align.qa import run_qa

    start = time.perf_counter()
    result = run_qa(units, glossary=glossary)
    return {(f.unit, f.check) for f in result.findings}, time.perf_counter() - start


def run_pofilter(rows) -> tuple[set, Counter, float]:
    from translate.storage import po as pofile

    store = pofile.pofile()
    for row in rows:
        unit = store.addsourceunit(row["source"])
        unit.target = row["target"]
        unit.setcontext(row["id"])
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "units.po"), Path(tmp, "failures.po")
        src.write_bytes(bytes(store))
        start = time.perf_counter()
        subprocess.run(["pofilter", "--language=en", "--progress=none", "-i", str(src), "-o", str(out)],
                       check=True, capture_output=True)
        elapsed = time.perf_counter() - start
        failures = pofile.pofile(out.read_bytes())
    found, raw = set(), Counter()
    for unit in failures.units:
        if unit.isheader():
            continue
        for note in unit.getnotes("translator").splitlines() + unit.getnotes("developer").splitlines():
            if note.startswith("(pofilter) "):
                test = note[len("(pofilter) "):].split(":", 1)[0].strip()
                raw[test] += 1
                found.add((unit.getcontext(), POFILTER_TO_ALIGN.get(test, f"pofilter:{test}")))
    return found, raw, elapsed


def score(found: set, gold: list[dict]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = defaultdict(lambda: Counter())
    gold_keys = {(g["id"], g["check"]) for g in gold}
    for g in gold:
        row = table[g["check"]]
        row[g["origin"]] += 1
        if (g["id"], g["check"]) in found:
            row[f"{g['origin']}_found"] += 1
    for key in found - gold_keys:
        table[key[1] if not key[1].startswith("pofilter:") else "(no align counterpart)"]["false"] += 1
    return table


def main() -> int:
    from align.model import TranslationUnit

    rows = read_tsv(DATA / "units.tsv")
    gold = read_tsv(DATA / "gold.tsv")
    units = [TranslationUnit(r["source"], r["target"], tuid=r["id"]) for r in rows]
    glossary = load_glossary(DATA / "glossary.csv")
    align_found, align_time = run_align(units, glossary)
    pofilter_found, raw, pofilter_time = run_pofilter(rows)
    ours, theirs = score(align_found, gold), score(pofilter_found, gold)
    checks = sorted(set(ours) | set(theirs), key=lambda c: (c.startswith("("), c))
    print(f"{len(rows)} units; {sum(g['origin'] == 'seeded' for g in gold)} seeded errors, "
          f"{sum(g['origin'] == 'natural' for g in gold)} natural ones\n")
    print("| check | seeded | align found | pofilter found | natural: align / pofilter | align false alarms | pofilter false alarms |")
    print("|---|---|---|---|---|---|---|")
    totals = Counter()
    for check in checks:
        a, p = ours.get(check, Counter()), theirs.get(check, Counter())
        seeded = a["seeded"] or p["seeded"]
        natural = a["natural"] or p["natural"]
        print(f"| {check} | {seeded} | {a['seeded_found']} | {p['seeded_found']} | "
              f"{a['natural_found']} / {p['natural_found']} of {natural} | {a['false']} | {p['false']} |")
        for name, value in (("seeded", seeded), ("a", a["seeded_found"]), ("p", p["seeded_found"]),
                            ("an", a["natural_found"]), ("pn", p["natural_found"]), ("natural", natural),
                            ("af", a["false"]), ("pf", p["false"])):
            totals[name] += value
    print(f"| **total** | {totals['seeded']} | {totals['a']} | {totals['p']} | "
          f"{totals['an']} / {totals['pn']} of {totals['natural']} | {totals['af']} | {totals['pf']} |")
    print(f"\npofilter tests that fired: {dict(sorted(raw.items()))}")
    print(f"time: align {align_time:.2f} s, pofilter {pofilter_time:.2f} s (process start included)")
    if "--details" in sys.argv:
        gold_keys = {(g["id"], g["check"]) for g in gold}
        print("\nalign misses:", sorted(gold_keys - align_found))
        print("align false alarms:", sorted(align_found - gold_keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
