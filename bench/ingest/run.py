"""Real documents in: sentences recovered and chrome segments, for PDFs and web pages made from clean text.

    python -m bench.ingest.run                      # all producers, the default documents
    python -m bench.ingest.run --reader pdftotext   # the PDFs through pdftotext + align's .txt reader
    python -m bench.ingest.run --split test         # the held-out documents (report once)

Each corpus document is typeset by LibreOffice (one and two columns) and pdflatex (one column and
twocolumn) and wrapped in a news page with site chrome (`docmaker.py`); each file then goes through
`align.segment.load_document`, as `align segment` / `align pair` read it. Scores per file:
- recovered: share of the clean text's sentences (the .txt through align) found exactly among the segments;
- chrome: segments holding page furniture or site chrome (header, `Page N`, menus, banners, footer...);
- other: remaining segments that are not clean sentences (split or glued sentences, broken words).
Files go to bench/out/ingest/; a table is printed and written to bench/out/ingest/results.json.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

from align.errors import AlignError
from align.segment import load_document, segment_document
from align.ingest.text import document_from_text
from align.ingest.textdecode import normalise_text
from bench.ingest.docmaker import (FURNITURE, chrome_strings, clean_sentences, clean_source, libreoffice_pdfs,
                                   pdflatex, web_page, write_fodt, write_latex)

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "ingest"
#: Development documents: the readers were tuned on these.
DOCUMENTS = [
    ("fr", "un-sgsm19696-2019-08-08-jk-retenue-maximale.txt"),
    ("fr", "oic-cg-jk-2023-03-16-nouakchott-communique.txt"),
    ("fr", "ohchr-2019-10-29-note-conference-presse-cachemire.txt"),
    ("fr", "oic-oci-2018-04-02-cachemire-condamnation-force.txt"),
    ("en", "mofa-2023-09-20-oic-cg-jk-joint-communique.txt"),
    ("en", "un-news-2019-10-29-ohchr-indian-administered-kashmir.txt"),
    ("en", "oic-gs-2023-10-27-jk-76-years.txt"),
    ("en", "dnd-2021-09-23-oic-cg-jk-joint-communique.txt"),
]
#: Held-out documents, scored once the readers were final (`--split test`).
TEST_DOCUMENTS = [
    ("fr", "oic-2020-06-22-cg-jk-reunion-virtuelle.txt"),
    ("fr", "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"),
    ("fr", "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"),
    ("fr", "un-news-2019-10-29-ohchr-indian-administered-kashmir.txt"),
    ("fr", "un-sgsm18076-2016-09-uri-attaque.txt"),
    ("fr", "un-sgsm19466-2019-02-19-jk-pulwama-retenue.txt"),
    ("fr", "un-sgsm8248-2002-inde-pakistan-tensions.txt"),
    ("fr", "un-sgsm8790-2003-07-23-jk-violence.txt"),
    ("fr", "una-2023-09-20-oic-contact-group-jk-new-york.txt"),
    ("en", "brecorder-2022-03-22-oic-cg-jk-joint-communique.txt"),
    ("en", "dailyindependent-2024-09-25-oic-cg-jk-joint-communique.txt"),
    ("en", "dnanews-2019-09-25-oic-cg-jk-communique.txt"),
    ("en", "mofa-2025-09-23-oic-cg-jk-joint-communique.txt"),
    ("en", "oic-2019-08-06-cg-jk-urgent-meeting-jeddah.txt"),
    ("en", "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"),
    ("en", "oic-oci-2023-09-20-oic-contact-group-jk-new-york-press-release.txt"),
    ("en", "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"),
    ("en", "una-2023-09-20-oic-contact-group-jk-new-york.txt"),
]
PRODUCERS = ("libreoffice-1col", "libreoffice-2col", "pdflatex-1col", "pdflatex-2col", "web-page",
             "web-page-divs")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d+(\s*(of|sur)\s*\d+)?$", re.IGNORECASE)


def make_files(corpus: Path, documents: list[tuple[str, str]]) -> list[tuple[str, str, str, Path, Path]]:
    """(producer, lang, name, clean .txt, generated file) for every document and producer."""
    OUT.mkdir(parents=True, exist_ok=True)
    made, fodts = [], []
    for lang, name in documents:
        clean = corpus / lang / name
        source = clean_source(clean, lang)
        stem = OUT / f"{lang}-{Path(name).stem}"  # some stories have the same file name in both languages
        for columns in (1, 2):
            fodt = stem.with_suffix(f".lo{columns}.fodt")
            write_fodt(source, fodt, columns=columns)
            fodts.append(fodt)
            made.append((f"libreoffice-{columns}col", lang, name, clean, fodt.with_suffix(".pdf")))
            tex = stem.with_suffix(f".tex{columns}.tex")
            write_latex(source, tex, twocolumn=columns == 2)
            made.append((f"pdflatex-{columns}col", lang, name, clean, pdflatex(tex)))
        for style, producer in (("semantic", "web-page"), ("divs", "web-page-divs")):
            page = stem.with_suffix(f".{style}.html")
            page.write_text(web_page(source, style), encoding="utf-8")
            made.append((producer, lang, name, clean, page))
    libreoffice_pdfs(fodts, OUT)
    return made


def segments_of(path: Path, lang: str, reader: str) -> list[str]:
    if reader == "pdftotext" and path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        doc = document_from_text(normalise_text(text), path=path, lang=lang, format="txt", meta={})
        return segment_document(doc, lang).segment_texts()
    return load_document(path, lang).segment_texts()


def is_chrome(segment: str, lang: str) -> bool:
    flat = " ".join(segment.split())
    pieces = [FURNITURE[lang][0], *chrome_strings(lang)]
    return bool(_PAGE_NUMBER.match(flat)) or any(piece in flat for piece in pieces)


def _flat(text: str) -> str:
    """Spaces collapsed, typographic quotes as typed (pdflatex prints ' as ’: the typesetter, not the reader)."""
    return " ".join(text.translate(_QUOTES).split())


def score(gold: list[str], segments: list[str], lang: str) -> dict:
    flat = [_flat(s) for s in segments]
    found = Counter(flat) & Counter(_flat(s) for s in gold)
    chrome = [s for s in flat if is_chrome(s, lang) and s not in found]
    gold_set = {_flat(s) for s in gold}
    other = [s for s in flat if s not in gold_set and s not in chrome]
    return {"gold": len(gold), "recovered": sum(found.values()), "chrome": len(chrome), "other": len(other),
            "examples": (chrome + other)[:8]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", choices=("align", "pdftotext"), default="align")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpora")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    args = parser.parse_args()
    rows = []
    documents = DOCUMENTS if args.split == "dev" else TEST_DOCUMENTS
    for producer, lang, name, clean, path in make_files(args.corpus, documents):
        gold = clean_sentences(clean, lang)
        try:
            result = score(gold, segments_of(path, lang, args.reader), lang)
        except AlignError as error:
            result = {"gold": len(gold), "recovered": 0, "chrome": 0, "other": 0, "examples": [str(error)]}
        rows.append({"producer": producer, "lang": lang, "document": name, **result})
    totals = {}
    for row in rows:
        total = totals.setdefault(row["producer"], Counter())
        total.update({k: row[k] for k in ("gold", "recovered", "chrome", "other")})
        total["files"] += 1
    print(f"reader: {args.reader}, {args.split} documents")
    print("| producer | files | clean sentences | recovered exactly | chrome segments | other wrong segments |")
    print("|---|---|---|---|---|---|")
    for producer in PRODUCERS:
        t = totals.get(producer)
        if t:
            print(f"| {producer} | {t['files']} | {t['gold']} | {t['recovered']} ({t['recovered'] / t['gold']:.1%}) "
                  f"| {t['chrome']} | {t['other']} |")
    results = OUT / f"results-{args.reader}-{args.split}.json"
    results.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    for row in rows:
        if row["examples"]:
            print(f"\n{row['producer']} {row['document']}:")
            for example in row["examples"]:
                print(f"   {example[:160]}")


if __name__ == "__main__":
    main()
