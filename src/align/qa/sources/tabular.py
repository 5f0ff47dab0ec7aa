"""TSV and CSV files for QA, with the line each unit starts on.

Columns come from a header row when it names them (`source`/`target`, or two language codes such as
`en<TAB>fr`, and optionally `id`/`tuid`/`key`); otherwise the first two columns are source and target.
TSV fields use align's backslash escapes (`\\t`, `\\n`, as `align.formats.tsv` writes them); CSV is
RFC 4180 (quoted fields may span lines; the unit's line is where its record starts). A field longer
than the csv module's limit (128 KiB) is refused with its line, not a traceback.
"""

from __future__ import annotations

import csv
from pathlib import Path

from align.errors import InputError
from align.formats.languages import primary
from align.formats.tsv import unescape
from align.model import TranslationUnit

_ID_NAMES = ("id", "tuid", "key", "unit")


def _header(fields: list[str]) -> tuple[dict[str, int], tuple[str, str] | None] | None:
    """({role: column}, languages named by the header or None), or None when the row is data."""
    names = [f.strip().lower() for f in fields]
    ident = next((names.index(n) for n in _ID_NAMES if n in names), None)
    if "source" in names and "target" in names:
        columns = {"source": names.index("source"), "target": names.index("target")}
        langs = None
    else:
        codes = [i for i, n in enumerate(names) if primary(n) in ("fr", "en") and len(n) <= 5]
        if len(codes) != 2:
            return None
        columns = {"source": codes[0], "target": codes[1]}
        langs = (fields[codes[0]].strip(), fields[codes[1]].strip())
    if ident is not None:
        columns["id"] = ident
    return columns, langs


def _rows(path: Path, dialect: str):
    """(line, fields) of each record."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        if dialect == "tsv":
            for number, line in enumerate(handle, 1):
                line = line.rstrip("\n").rstrip("\r")
                yield number, ([unescape(f) for f in line.split("\t")] if line else [])
            return
        reader = csv.reader(handle)
        start = 1
        try:
            for fields in reader:
                yield start, fields
                start = reader.line_num + 1
        except csv.Error as error:
            raise InputError(f"{path}:{start}: unreadable CSV record ({error})") from None


def read_tabular(path: Path, src_lang: str | None, tgt_lang: str | None) -> list[TranslationUnit]:
    dialect = "csv" if path.suffix.lower() == ".csv" else "tsv"
    units: list[TranslationUnit] = []
    columns = None
    src, tgt = src_lang or "fr", tgt_lang or "en"
    try:
        for number, fields in _rows(path, dialect):
            if columns is None:
                header = _header(fields)
                columns = {"source": 0, "target": 1}
                if header is not None:
                    columns, langs = header
                    if langs and not (src_lang or tgt_lang):
                        src, tgt = langs
                    continue
            if not any(f.strip() for f in fields):
                continue
            if len(fields) <= max(columns.values()):
                raise InputError(f"{path}:{number}: expected at least {max(columns.values()) + 1} columns")
            ident = fields[columns["id"]].strip() if "id" in columns else None
            units.append(TranslationUnit(fields[columns["source"]], fields[columns["target"]], src, tgt,
                                         tuid=ident or None, line=number))
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    return units
