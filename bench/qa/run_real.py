"""Precision of `align qa` on real, published French/English translations, judged by hand, and pofilter beside it.

Sources (nothing here was written or seeded by this project):
  gtk-ui         GTK 3 UI strings, en->fr (Debian's gtk30.mo, back to PO with `msgunfmt`)
  git-messages   git's messages, en->fr (Debian's git.mo)
  django         Django 5.2.19's French catalogues, en->fr (the PyPI wheel: `pip download django==5.2.19`)
  python-docs    python-docs-fr, tutorial/introduction.po (committed in bench/qa/real/), en->fr documentation
  literary       TransRead development books, 1:1 gold beads, read fr->en (published translations)
  institutional  bench/qa/data/clean.tsv: UN/OIC communiqués, fr->en

Every finding judged by hand is a line of `bench/qa/real/judgements.tsv`: source, unit id, check,
target hash, verdict (`real` or `false`), note. A line with check `-` judges a unit nothing flagged
(`ok`, or `miss` with what was missed); check `pofilter:TEST` judges a pofilter failure.

    python -m bench.qa.run_real sample [N]   # bench/out/qa_real/to_judge.tsv: unjudged findings, stratified
    python -m bench.qa.run_real score        # precision per source, check and severity; misses; pofilter
    python -m bench.qa.run_real speed        # CPU time of all per-unit checks on 10,000 units
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from align.model import TranslationUnit
from align.qa import run_qa
from align.qa.sources import read_qa_units
from align.qa.suppress import text_hash
from bench import shared_dir

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = ROOT / "bench" / "out" / "qa_real"
JUDGEMENTS = HERE / "real" / "judgements.tsv"
LOCALE = Path("/usr/share/locale/fr/LC_MESSAGES")
DJANGO = "django==5.2.19"
FIELDS = ["source", "unit", "check", "target_hash", "verdict", "note", "src", "tgt"]


def _from_mo(name: str) -> list[TranslationUnit]:
    OUT.mkdir(parents=True, exist_ok=True)
    po = OUT / f"{name}.po"
    subprocess.run(["msgunfmt", str(LOCALE / f"{name}.mo"), "-o", str(po)], check=True)
    return read_qa_units(po)


def _django() -> list[TranslationUnit]:
    OUT.mkdir(parents=True, exist_ok=True)
    wheels = sorted(OUT.glob("Django-5.2.19-*.whl")) + sorted(OUT.glob("django-5.2.19-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", DJANGO, "-d", str(OUT)],
                       check=True)
        wheels = sorted(OUT.glob("*django-5.2.19-*.whl")) + sorted(OUT.glob("Django-5.2.19-*.whl"))
    units = []
    with zipfile.ZipFile(wheels[0]) as wheel:
        for name in sorted(n for n in wheel.namelist() if "/locale/fr/LC_MESSAGES/" in n and n.endswith(".po")):
            path = OUT / ("django-" + name.replace("/", "_"))
            path.write_bytes(wheel.read(name))
            app = name.split("/locale/")[0].replace("django/contrib/", "").replace("django/conf", "core")
            for unit in read_qa_units(path):
                unit.tuid = f"{app}:{unit.tuid}"
                units.append(unit)
    return units


def _literary() -> list[TranslationUnit]:
    from bench.qa.run_literary import DEV_BOOKS, detokenise

    units = []
    for book in DEV_BOOKS:
        folder = shared_dir() / "benchmarks" / "transread_en-fr" / book
        en = (folder / "en").read_text(encoding="utf-8").splitlines()
        fr = (folder / "fr").read_text(encoding="utf-8").splitlines()
        for number, line in enumerate((folder / "gold.en-fr").read_text(encoding="utf-8").splitlines(), 1):
            left, right = (side.strip("[] ") for side in line.split(":"))
            if left.isdigit() and right.isdigit():
                units.append(TranslationUnit(detokenise(fr[int(right)], "fr"), detokenise(en[int(left)], "en"),
                                             "fr", "en", tuid=f"{book[:8]}:{left}", line=number))
    return units


SOURCES = {
    "gtk-ui": lambda: _from_mo("gtk30"),
    "git-messages": lambda: _from_mo("git"),
    "django": _django,
    "python-docs": lambda: read_qa_units(HERE / "real" / "python-docs-fr-tutorial-introduction.po"),
    "literary": _literary,
    "institutional": lambda: read_qa_units(ROOT / "bench" / "qa" / "data" / "clean.tsv"),
}


def load_judgements() -> dict[tuple, dict]:
    if not JUDGEMENTS.exists():
        return {}
    with open(JUDGEMENTS, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {(r["source"], r["unit"], r["check"], r["target_hash"]): r for r in rows}


def _key(source: str, unit: str, check: str, target: str) -> tuple:
    return (source, unit, check, text_hash(target))


def run(name: str):
    units = SOURCES[name]()
    return units, run_qa(units, source_name=name)


def sample(per_stratum: int) -> None:
    """Unjudged findings, up to `per_stratum` per (check, severity) of each source, and 20 unflagged units."""
    judged = load_judgements()
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in SOURCES:
        units, result = run(name)
        strata = defaultdict(list)
        for f in result.findings:
            if _key(name, f.unit, f.check, f.target) not in judged:
                strata[(f.check, f.severity)].append(f)
        rng = random.Random(16)
        for (check, severity), findings in sorted(strata.items()):
            for f in rng.sample(findings, min(per_stratum, len(findings))):
                rows.append([name, f.unit, f.check, f.target_hash, "", f"{severity}: {f.message}", f.source, f.target])
        flagged = {f.unit for f in result.findings}
        quiet = [u for u in units if (u.tuid or "") not in flagged]
        for u in rng.sample(quiet, min(20, len(quiet))):
            if _key(name, u.tuid, "-", u.target) not in judged:
                rows.append([name, u.tuid, "-", text_hash(u.target), "", "unflagged", u.source, u.target])
    with open(OUT / "to_judge.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(FIELDS)
        writer.writerows(rows)
    print(f"{len(rows)} rows to judge in {OUT / 'to_judge.tsv'}")


def pofilter(units: list[TranslationUnit]) -> list[tuple[str, str, str, str]]:
    """(unit, test, source, target) for every pofilter failure on the same units."""
    from translate.storage import po as pofile

    store = pofile.pofile()
    by_id = {}
    for number, unit in enumerate(units):
        entry = store.addsourceunit(unit.source)
        entry.target = unit.target
        entry.setcontext(str(number))
        by_id[str(number)] = unit
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "units.po"), Path(tmp, "failures.po")
        src.write_bytes(bytes(store))
        language = units[0].tgt_lang.split("-")[0]
        subprocess.run(["pofilter", f"--language={language}", "--progress=none", "-i", str(src), "-o", str(out)],
                       check=True, capture_output=True)
        failures = pofile.pofile(out.read_bytes())
    found = []
    for entry in failures.units:
        if entry.isheader():
            continue
        unit = by_id[entry.getcontext()]
        for note in entry.getnotes("translator").splitlines():
            if note.startswith("(pofilter) "):
                found.append((unit.tuid, note[len("(pofilter) "):].split(":", 1)[0].strip(), unit.source, unit.target))
    return found


def _precision(rows: list[str]) -> str:
    real = rows.count("real")
    return f"{real}/{len(rows)} = {real / len(rows):.0%}" if rows else "-"


def score() -> None:
    judged = load_judgements()
    overall = defaultdict(list)
    per_check = defaultdict(list)
    per_check_count = Counter()
    for name in SOURCES:
        units, result = run(name)
        verdicts = defaultdict(list)
        counts = Counter()
        for f in result.findings:
            counts[(f.check, f.severity)] += 1
            per_check_count[(f.check, f.severity)] += 1
            row = judged.get(_key(name, f.unit, f.check, f.target))
            if row:
                per_check[(f.check, f.severity)].append(row["verdict"])
                verdicts[(f.check, f.severity)].append(row["verdict"])
                verdicts[("all", f.severity)].append(row["verdict"])
                overall[f.severity].append(row["verdict"])
        print(f"\n### {name}: {len(units)} units, {len(result.findings)} findings "
              f"({sum(1 for f in result.findings if f.severity == 'error')} errors)\n")
        print("| check | severity | findings | judged real / judged = precision |")
        print("|---|---|---|---|")
        for (check, severity), n in sorted(counts.items()):
            print(f"| {check} | {severity} | {n} | {_precision(verdicts[(check, severity)])} |")
        for severity in ("error", "warning", "info"):
            if verdicts[("all", severity)]:
                print(f"| **all** | {severity} | {sum(n for (c, s), n in counts.items() if s == severity)} | "
                      f"{_precision(verdicts[('all', severity)])} |")
        quiet = [r for (s, _, c, _), r in judged.items() if s == name and c == "-"]
        if quiet:
            flagged = {f.unit for f in result.findings}  # a miss the checks have learnt to find since
            misses = [r for r in quiet if r["verdict"] == "miss" and r["unit"] not in flagged]
            print(f"\nunflagged units judged: {len(quiet)}, real problems missed: {len(misses)}"
                  + "".join(f"\n- {r['unit'][:50]}: {r['note']}" for r in misses))
        _pofilter_table(name, units, judged)
    print("\n### all sources\n")
    for severity in ("error", "warning", "info"):
        print(f"- {severity}: {_precision(overall[severity])}")
    print("\n| check | severity | findings | precision |\n|---|---|---|---|")
    for (check, severity), n in sorted(per_check_count.items(), key=lambda kv: ("ewi".index(kv[0][1][0]), kv[0][0])):
        print(f"| {check} | {severity} | {n} | {_precision(per_check[(check, severity)])} |")


def _pofilter_table(name: str, units: list[TranslationUnit], judged: dict) -> None:
    found = pofilter(units)
    tests = Counter(test for _, test, _, _ in found)
    verdicts = defaultdict(list)
    for unit, test, _, target in found:
        row = judged.get(_key(name, unit, f"pofilter:{test}", target))
        if row:
            verdicts[test].append(row["verdict"])
            verdicts["all"].append(row["verdict"])
    print(f"\npofilter on the same units: {len(found)} failures in {len({u for u, *_ in found})} units; "
          f"judged: {_precision(verdicts['all'])}; by test: "
          + ", ".join(f"{t} {n}" + (f" ({_precision(verdicts[t])})" if verdicts[t] else "")
                      for t, n in tests.most_common()))


def sample_pofilter(per_source: int) -> None:
    """Unjudged pofilter failures, `per_source` at random per source, appended to to_judge.tsv."""
    judged = load_judgements()
    rows = []
    for name in SOURCES:
        units = SOURCES[name]()
        found = [f for f in pofilter(units) if _key(name, f[0], f"pofilter:{f[1]}", f[3]) not in judged]
        for unit, test, source, target in random.Random(16).sample(found, min(per_source, len(found))):
            rows.append([name, unit, f"pofilter:{test}", text_hash(target), "", "pofilter", source, target])
    with open(OUT / "to_judge.tsv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(rows)
    print(f"{len(rows)} pofilter rows appended")


def speed() -> None:
    """CPU seconds of every per-unit check (corpus-wide consistency checks excluded) on 10,000 real units."""
    from align.qa.config import parse_config
    from align.qa.checks import CHECKS

    units = (SOURCES["git-messages"]() + SOURCES["gtk-ui"]() + SOURCES["literary"]())[:10_000]
    per_unit = [c for c, cls in CHECKS.items() if cls.scope == "unit"]
    config = parse_config({"checks": {c: {"enabled": False} for c in CHECKS if c not in per_unit}})
    start = time.process_time()
    run_qa(units, config=config)
    print(f"{len(units)} units, {len(per_unit)} per-unit checks: {time.process_time() - start:.2f} s CPU")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "score"
    if command == "sample":
        sample(int(sys.argv[2]) if len(sys.argv) > 2 else 12)
    elif command == "sample-pofilter":
        sample_pofilter(int(sys.argv[2]) if len(sys.argv) > 2 else 15)
    elif command == "speed":
        speed()
    else:
        score()
