"""Build `data/clean.tsv`: real French/English sentence pairs from the paired communiqués of the corpus.

The pairs were checked by hand: each entry below names the French and English line numbers (1-based)
of the paired files in `corpora/fr|en`, and where a line holds two sentences on both sides, which
sentence. French lines without English counterpart (a heading, a truncated last line) are left out.
Run from the repository root: `python bench/qa/build_clean.py` (output committed; re-running it
rewrites the same file).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpora"
OUT = Path(__file__).resolve().parent / "data" / "clean.tsv"

# document, unit prefix, [(French lines, English line, sentence index or None)]
PAIRS = {
    "oic-gs-2023-12-12-supreme-court-verdict-jk.txt": ("gs", [((2,), 1, None), ((3,), 3, None), ((4,), 5, None)]),
    "un-news-2019-02-19-sg-india-pakistan-pulwama.txt": ("pw", [
        ((1,), 3, None), ((3,), 4, None), ((5,), 5, None), ((7,), 6, None), ((9,), 7, None),
        ((11,), 8, 0), ((11,), 8, 1)]),
    "una-2023-09-20-oic-contact-group-jk-new-york.txt": ("ny", [((1,), 5, None), ((5,), 7, None),
                                                                 ((9, 13), 9, None), ((17,), 11, None)]),
    "un-news-2019-10-29-ohchr-indian-administered-kashmir.txt": ("hc", [
        ((1,), 15, None), ((3,), 17, None), ((7,), 19, None), ((9,), 21, None), ((11,), 23, None)]),
}


def _sentence(text: str, index: int) -> str:
    """Split a line holding two sentences at the one full stop followed by a capital (checked by hand)."""
    parts = re.split(r"(?<=[a-z]\.) (?=[A-Z])", text, maxsplit=1)
    assert len(parts) == 2, text
    return parts[index]


def main() -> None:
    rows = []
    for document, (prefix, pairs) in PAIRS.items():
        fr_lines = (CORPUS / "fr" / document).read_text(encoding="utf-8").splitlines()
        en_lines = (CORPUS / "en" / document).read_text(encoding="utf-8").splitlines()
        for number, (fr_numbers, en_number, sentence) in enumerate(pairs, start=1):
            source = " ".join(fr_lines[n - 1].strip() for n in fr_numbers)
            target = en_lines[en_number - 1].strip()
            if sentence is not None:
                source, target = _sentence(source, sentence), _sentence(target, sentence)
            rows.append((f"{prefix}{number}", document, source, target))
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(("id", "document", "source", "target"))
        writer.writerows(rows)
    print(f"{len(rows)} units -> {OUT}")


if __name__ == "__main__":
    main()
