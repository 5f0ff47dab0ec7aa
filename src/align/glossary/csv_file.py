"""Glossary as CSV: `source,target,status,frequency,score,example,category`, one term pair per row.

`status` is `candidate` for extracted rows until a person sets preferred / admitted / forbidden
(`deprecated`); QA uses only the rows a person set. An empty status (a two-column list someone typed)
counts as preferred.

Why CSV: every CAT tool and spreadsheet imports it, and the first two columns alone are the simplest
glossary there is. Reading is lenient where it costs nothing (a file without the header, missing
columns, `deprecated` for `forbidden`) and strict where a silent guess would change meaning (an unknown
status, a non-numeric frequency): those are reported with the file and line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from align.errors import InputError
from align.fileio import atomic_write, read_utf8_text
from align.glossary.model import CATEGORIES, STATUSES, Glossary, TermPair

COLUMNS = ("source", "target", "status", "frequency", "score", "example", "category")
STATUS_SYNONYMS = {"deprecated": "forbidden", "preferredterm": "preferred", "admittedterm": "admitted",
                   "deprecatedterm": "forbidden", "supersededterm": "forbidden", "": "preferred"}


def write_csv(path: str | Path, glossary: Glossary) -> None:
    with atomic_write(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for pair in glossary.pairs:
            writer.writerow([pair.source, pair.target, pair.status, pair.frequency, f"{pair.score:g}",
                             pair.example, pair.category])


def read_csv(path: str | Path, src_lang: str = "fr", tgt_lang: str = "en") -> Glossary:
    path = Path(path)
    text = read_utf8_text(path, "glossary file", encoding="utf-8-sig")
    rows = csv.reader(io.StringIO(text, newline=""))
    glossary = Glossary(src_lang=src_lang, tgt_lang=tgt_lang)
    columns, first = COLUMNS, True
    for row in _rows(path, rows):
        line_number = rows.line_num
        if not row or not any(cell.strip() for cell in row):
            continue
        is_header, first = first and row[0].strip().lower() == "source", False
        if is_header:
            columns = tuple(cell.strip().lower() for cell in row)
            missing = {"source", "target"} - set(columns)
            if missing:
                raise InputError(f"{path}: header lacks the column(s) {', '.join(sorted(missing))}")
            continue
        glossary.pairs.append(_pair(path, line_number, dict(zip(columns, row))))
    return glossary


def _rows(path: Path, reader):
    """The rows of a csv reader; a row it cannot read (a field over csv's 131,072-character limit, a
    stray quote in strict mode) is an InputError naming the file and line, not a traceback."""
    try:
        yield from reader
    except csv.Error as error:
        raise InputError(f"{path}: line {reader.line_num}: not a readable CSV row ({error})") from None


def normalise_status(value: str) -> str | None:
    """`preferred` / `admitted` / `forbidden` / `candidate` from the usual spellings (TBX picklist values
    included)."""
    status = value.strip().lower().removesuffix("-admn-sts")
    status = STATUS_SYNONYMS.get(status, status)
    return status if status in STATUSES else None


def _pair(path: Path, line_number: int, cells: dict[str, str]) -> TermPair:
    source, target = cells.get("source", "").strip(), cells.get("target", "").strip()
    if not source or not target:
        raise InputError(f"{path}: line {line_number}: a term pair needs both a source and a target term")
    status = normalise_status(cells.get("status", ""))
    if status is None:
        raise InputError(f"{path}: line {line_number}: unknown status {cells.get('status')!r} "
                         f"(use {', '.join(STATUSES)})")
    try:
        frequency = int(cells.get("frequency", "").strip() or 0)
        score = float(cells.get("score", "").strip() or 0)
    except ValueError:
        raise InputError(f"{path}: line {line_number}: frequency and score must be numbers") from None
    category = cells.get("category", "").strip().lower()
    return TermPair(source, target, status, frequency, score, cells.get("example", "").strip(),
                    category=category if category in CATEGORIES else "")
