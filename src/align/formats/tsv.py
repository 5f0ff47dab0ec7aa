"""TSV: one unit per line, `source<TAB>target<TAB>score<TAB>document`, with a header row.

For spreadsheets, `cut`, pandas and MT training scripts. Backslash escapes keep one unit on one line and
read back exactly: `\\t` tab, `\\n` line feed, `\\r` carriage return, `\\\\` backslash. The file carries no
language codes: the reader is told them (`src_lang`/`tgt_lang`, default fr/en).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

from align.errors import InputError
from align.fileio import atomic_write
from align.formats.base import Format, UnitStore, WriteOptions, WriteReport, prop_score, provenance
from align.model import TranslationUnit
from align.signature import Signature

COLUMNS = ("source", "target", "score", "document")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
_ESCAPE_RE = re.compile(r"[\\\t\n\r]")
_UNESCAPE_RE = re.compile(r"\\[\\tnr]")


def escape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)


def unescape(text: str) -> str:
    return _UNESCAPE_RE.sub(lambda m: _UNESCAPES[m.group(0)], text)


class TsvFormat(Format):
    name = "tsv"
    extensions = (".tsv", ".tab")

    def sniff(self, head: str) -> bool:
        first = head.lstrip("\ufeff").split("\n", 1)[0]
        return "\t" in first and not first.lstrip().startswith("<")

    def write(self, path: Path, units: Iterable[TranslationUnit], report: WriteReport, options: WriteOptions,
              signature: Signature | None) -> None:
        with atomic_write(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write("\t".join(COLUMNS) + "\n")
            for unit in units:
                props = provenance(unit)
                score, document = props.get("score", ""), props.get("document", "")
                handle.write("\t".join(escape(x) for x in (unit.source, unit.target, score, document)) + "\n")

    def read(self, path: Path, *, src_lang: str | None = None, tgt_lang: str | None = None,
             inline: str = "text", translated_only: bool = False) -> UnitStore:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        src, tgt = src_lang or "fr", tgt_lang or "en"
        return UnitStore(path=path, format=self.name, src_lang=src, tgt_lang=tgt,
                         units=self._units(path, src, tgt))

    @staticmethod
    def _units(path: Path, src: str, tgt: str) -> Iterator[TranslationUnit]:
        try:
            with open(path, encoding="utf-8-sig", newline="\n") as handle:
                columns = None
                for number, line in enumerate(handle, 1):
                    line = line.rstrip("\n")
                    if line.endswith("\r"):
                        line = line[:-1]  # a file saved with CRLF; real CRs in text are escaped
                    fields = line.split("\t")
                    if columns is None:
                        columns = _columns(fields)
                        if columns is not None:
                            continue  # header row
                        columns = {name: i for i, name in enumerate(COLUMNS)}
                    if not line:
                        continue
                    if len(fields) < 2:
                        raise InputError(f"{path}:{number}: expected at least two tab-separated columns "
                                         "(source, target)")
                    yield _unit(fields, columns, src, tgt, number)
        except UnicodeDecodeError as error:
            raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None


def _columns(fields: list[str]) -> dict[str, int] | None:
    """Column positions from a header row, or None when the first row is data."""
    names = [f.strip().lower() for f in fields]
    if "source" in names and "target" in names:
        return {name: names.index(name) for name in COLUMNS if name in names}
    return None


def _unit(fields: list[str], columns: dict[str, int], src: str, tgt: str, number: int) -> TranslationUnit:
    def get(name: str) -> str:
        index = columns.get(name)
        return unescape(fields[index]) if index is not None and index < len(fields) else ""

    props = {name: get(name) for name in ("score", "document") if get(name)}
    return TranslationUnit(get("source"), get("target"), src, tgt, str(number), props, [], prop_score(props),
                           line=number)
