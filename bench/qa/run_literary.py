"""Alarm rate on published literary translations: align qa vs pofilter, per 1,000 units.

Real French/English sentence pairs taken on the fly (never copied into the repo) from the 1:1 beads of
the TransRead development books in `../shared/benchmarks/transread_en-fr` (English source there; read
here as French -> English). The files are tokenised (`château , et`), so a simple detokeniser rejoins
punctuation first. These translations were published: most findings are false alarms, a few are real
divergences (a literary translator drops or adds details), so the rate is an upper bound on noise.
Run: `python bench/qa/run_literary.py [BOOK ...]`.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from bench import shared_dir
from bench.qa.run_bench import run_pofilter

HERE = Path(__file__).resolve().parent

TRANSREAD = shared_dir() / "benchmarks" / "transread_en-fr"
DEV_BOOKS = ("AlicesAdventuresInWonderland", "Candide", "DuCoteDeChezSwann", "VingtMilleLieuesSousLesMers",
             "VoyageAuCentreDeLaTerre")


def detokenise(text: str, lang: str) -> str:
    text = re.sub(r" ([,.)\]%])", r"\1", text)
    text = re.sub(r"([(\[]) ", r"\1", text)
    text = re.sub(r"(\w[’']) (?=\w)", r"\1", text)  # d' icelui
    text = re.sub(r" (n't|'s|'ll|'re|'ve|'d|'m)\b", r"\1", text)
    if lang == "en":
        text = re.sub(r" ([;:!?])", r"\1", text)
    else:
        text = re.sub(r" ([;:!?])", "\u00a0\\1", text)
    return text


def pairs(book: str) -> list[tuple[str, str, str]]:
    folder = TRANSREAD / book
    en = (folder / "en").read_text(encoding="utf-8").splitlines()
    fr = (folder / "fr").read_text(encoding="utf-8").splitlines()
    out = []
    for line in (folder / "gold.en-fr").read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")
        e, f = eval(left), eval(right)  # noqa: S307 - "[1, 2]" lists from the gold file
        if len(e) == 1 and len(f) == 1:
            out.append((f"{book[:6]}{e[0]}", detokenise(fr[f[0]], "fr"), detokenise(en[e[0]], "en")))
    return out


def main() -> int:
    from align.model import TranslationUnit
    from align.qa import run_qa

    books = sys.argv[1:] or DEV_BOOKS
    rows = [p for book in books for p in pairs(book)]
    units = [TranslationUnit(s, t, tuid=i) for i, s, t in rows]
    result = run_qa(units, use_extractor=False)
    ours = Counter(check for check in {(f.unit, f.check) for f in result.findings} for check in [check[1]])
    found, raw, _ = run_pofilter([{"id": i, "source": s, "target": t} for i, s, t in rows])
    theirs = Counter(check for _, check in found)
    per_k = 1000 / len(rows)
    print(f"{len(rows)} 1:1 sentence pairs from {', '.join(books)}\n")
    print("| check | align units flagged per 1,000 | pofilter units flagged per 1,000 |")
    print("|---|---|---|")
    for check in sorted(set(ours) | set(theirs)):
        print(f"| {check} | {ours[check] * per_k:.1f} | {theirs[check] * per_k:.1f} |")
    print(f"| **any** | {len({f.unit for f in result.findings}) * per_k:.1f} | "
          f"{len({u for u, _ in found}) * per_k:.1f} |")
    if "--show" in sys.argv[1:] or len(books) == 1:
        for f in result.findings[:60]:
            print(f.unit, f.check, f.message[:120], "|", f.source[:80], "|", f.target[:80])
    return 0


if __name__ == "__main__":
    sys.exit(main())
