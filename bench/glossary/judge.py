"""Hand judgements of the glossary's top candidates and of term-inconsistency findings, re-scorable.

    python -m bench.glossary.judge export [SET ...]   write the items to judge (bench/out/glossary/*.todo.tsv)
    python -m bench.glossary.judge score              score the committed judgements

Sets: `bench/out/glossary/{django,debian,heldout,fresh}.tsv` (from `python -m bench.glossary.po_sets`).
Judgement files (committed, `bench/glossary/judgements/`):
  `<set>-top50.tsv`: the top 50 rows of the `term` category (domain terms; names and copies are listed
  apart, as `align glossary --category term` writes them): rank, source, target, category, frequency,
  score, correct (y/n: the target renders the
  source here), useful (y/n: a terminologist would keep the entry: a term of the domain, not a phrase);
  `<set>-findings.tsv`: position, message, real (y/n: the unit does render the term in other words than
  the file's usual rendering). Findings are all of them, or every k-th when there are more than 50.
`score` also re-runs the extraction and reports how many judged rows are still in the same place.
`judgements/round1/` and `judgements/first-pass/` keep the first session's judgements (other rules).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "judgements"
SETS = {"django": "bench/out/glossary/django.tsv", "debian": "bench/out/glossary/debian.tsv",
        "heldout": "bench/out/glossary/heldout.tsv", "fresh": "bench/out/glossary/fresh.tsv"}
TOP = 50
MAX_FINDINGS = 50


def _units(name: str):
    from align.formats import read_store

    return [u for u in read_store(SETS[name], src_lang="fr", tgt_lang="en").units]


def _top(units):
    from align.glossary import extract_terms

    usable = [u for u in units if u.source.strip() and u.target.strip()]
    return [p for p in extract_terms(usable).pairs if p.category == "term"][:TOP]


def _findings(units):
    from align.qa.runner import run_qa

    found = [f for f in run_qa(units).findings if f.check == "term-inconsistency"]
    step = max(1, -(-len(found) // MAX_FINDINGS))
    return found[::step], len(found)


def export(names: list[str]) -> None:
    out = Path("bench/out/glossary")
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        units = _units(name)
        with open(out / f"{name}-top50.todo.tsv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t")
            writer.writerow(["rank", "source", "target", "category", "frequency", "score", "correct", "useful"])
            for rank, p in enumerate(_top(units), start=1):
                writer.writerow([rank, p.source, p.target, p.category, p.frequency, p.score, "", ""])
        sampled, total = _findings(units)
        with open(out / f"{name}-findings.todo.tsv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t")
            writer.writerow(["position", "message", "real", "source", "target"])
            for f in sampled:
                writer.writerow([f.position, f.message, "", f.source[:300], f.target[:300]])
        print(f"{name}: {len(units)} units, {total} term-inconsistency findings, {len(sampled)} to judge")


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def score() -> None:
    print("| set | judged | correct | useful | same place on re-run |")
    print("|---|---|---|---|---|")
    for path in sorted(HERE.glob("*-top50.tsv")):
        name = path.name.removesuffix("-top50.tsv")
        rows = _read(path)
        now = [(p.source, p.target) for p in _top(_units(name))] if name in SETS else []
        same = sum(1 for r, pair in zip(rows, now) if (r["source"], r["target"]) == pair)
        print(f"| {name} | {len(rows)} | {sum(r['correct'] == 'y' for r in rows)} | "
              f"{sum(r['useful'] == 'y' for r in rows)} | {same}/{len(rows)} |")
    print()
    print("| set | findings judged | real | share |")
    print("|---|---|---|---|")
    for path in sorted(HERE.glob("*-findings.tsv")):
        rows = _read(path)
        real = sum(r["real"] == "y" for r in rows)
        print(f"| {path.name.removesuffix('-findings.tsv')} | {len(rows)} | {real} | "
              f"{real / max(1, len(rows)):.0%} |")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "export":
        export(sys.argv[2:] or list(SETS))
    else:
        score()
