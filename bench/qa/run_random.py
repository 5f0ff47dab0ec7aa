"""Random error injection: detection of errors placed where nobody chose them, align vs pofilter.

`make_set.py` seeds hand-picked errors; here a fixed random generator (seed 13) picks, N times, one clean
unit of `data/clean.tsv` and one mechanical corruption whose effect is certain: change one digit of a
number, repeat a word, cut the target to 25-45 % of its length, write it twice, drop a bracket or quote,
double a space, add a trailing space, copy the source, empty the target. Each trial is one file (the
clean set with that single corruption), so corpus-level checks see realistic files. A trial is detected
when the tool reports the expected check on the corrupted unit; false alarms are (unit, check) pairs
reported on the clean units of that trial, excluding what the tool already reports on the clean set.
Run: `python bench/qa/run_random.py [N]` (default 200).
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from pathlib import Path

from bench.qa.run_bench import read_tsv, run_pofilter

HERE = Path(__file__).resolve().parent


def _change_digit(text, rng):
    digits = [m.start() for m in re.finditer(r"\d", text)]
    if not digits:
        return None
    i = rng.choice(digits)
    return text[:i] + rng.choice([d for d in "0123456789" if d != text[i]]) + text[i + 1:]


def _repeat_word(text, rng):
    words = [m for m in re.finditer(r"(?<![\w'’-])[A-Za-z]{2,}(?![\w'’-])", text)]
    if not words:
        return None
    m = rng.choice(words)
    return text[:m.end()] + " " + m.group() + text[m.end():]


def _truncate(text, rng):
    cut = text.rfind(" ", 0, int(len(text) * rng.uniform(0.25, 0.45)))
    return text[:cut] + "." if cut > 0 else None


def _drop_bracket(text, rng):
    marks = [i for i, c in enumerate(text) if c in "()“”"]
    if not marks:
        return None
    i = rng.choice(marks)
    return text[:i] + text[i + 1:]


def _double_space(text, rng):
    spaces = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", text)]
    if not spaces:
        return None
    i = rng.choice(spaces)
    return text[:i] + " " + text[i:]


CORRUPTIONS = {
    "number-mismatch": _change_digit,
    "repeated-word": _repeat_word,
    "length-ratio": lambda t, rng: _truncate(t, rng) if rng.random() < 0.5 else f"{t} {t}",
    "brackets": _drop_bracket,
    "whitespace": lambda t, rng: _double_space(t, rng) if rng.random() < 0.5 else t + " ",
    "untranslated": None,  # the source copied
    "empty-target": lambda t, rng: "",
}


def trials(clean, count, seed=13):
    rng = random.Random(seed)
    made = []
    while len(made) < count:
        check = rng.choice(sorted(CORRUPTIONS))
        index = rng.randrange(len(clean))
        unit = clean[index]
        target = unit["source"] if check == "untranslated" else CORRUPTIONS[check](unit["target"], rng)
        if target is None or target == unit["target"]:
            continue
        made.append((check, index, target))
    return made


def main() -> int:
    from align.model import TranslationUnit
    from align.qa import run_qa

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    clean = read_tsv(HERE / "data" / "clean.tsv")
    made = trials(clean, count)
    base_units = [TranslationUnit(r["source"], r["target"], tuid=r["id"]) for r in clean]
    align_base = {(f.unit, f.check) for f in run_qa(base_units).findings}
    rows = []  # for pofilter: every corrupted unit, one file (pofilter has no corpus-level checks)
    align_hits, align_false, per_check = 0, 0, Counter()
    for n, (check, index, target) in enumerate(made):
        units = [TranslationUnit(u.source, u.target, tuid=u.tuid) for u in base_units]
        units[index].target = target
        found = {(f.unit, f.check) for f in run_qa(units).findings}
        hit = (units[index].tuid, check) in found
        align_hits += hit
        per_check[(check, "align")] += hit
        per_check[(check, "trials")] += 1
        align_false += len({k for k in found - align_base if k[0] != units[index].tuid})
        rows.append({"id": f"t{n}", "source": units[index].source, "target": target})
    pofilter_found, _, _ = run_pofilter(rows + [{"id": f"c{r['id']}", "source": r["source"], "target": r["target"]}
                                                for r in clean])
    pofilter_base = {(u[1:], c) for u, c in pofilter_found if u.startswith("c")}
    for n, (check, index, _) in enumerate(made):
        per_check[(check, "pofilter")] += (f"t{n}", check) in pofilter_found
    print(f"{len(made)} random single-error trials over {len(clean)} clean units (seed 13)\n")
    print("| corruption (expected check) | trials | align detected | pofilter detected |")
    print("|---|---|---|---|")
    for check in sorted(CORRUPTIONS):
        print(f"| {check} | {per_check[(check, 'trials')]} | {per_check[(check, 'align')]} | "
              f"{per_check[(check, 'pofilter')]} |")
    print(f"| **total** | {len(made)} | {align_hits} | {sum(per_check[(c, 'pofilter')] for c in CORRUPTIONS)} |")
    print(f"\nalign: new (unit, check) findings on the untouched units of all trials: {align_false}; "
          f"flags on the clean set itself: align {len(align_base)}, pofilter {len(pofilter_base)}")
    if "--misses" in sys.argv:
        for n, (check, index, target) in enumerate(made):
            units = [TranslationUnit(u.source, u.target, tuid=u.tuid) for u in base_units]
            units[index].target = target
            if (units[index].tuid, check) not in {(f.unit, f.check) for f in run_qa(units).findings}:
                print("MISS", check, units[index].tuid, "|", target[:160])
    return 0


if __name__ == "__main__":
    sys.exit(main())
