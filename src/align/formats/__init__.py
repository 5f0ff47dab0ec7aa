"""Bilingual files in and out: TMX, TSV and XLIFF (written as 1.2, read as 1.x and 2.x; `.beads` in beads.py).

    write_units(path, units, src_lang="fr", tgt_lang="en", signature=sig, min_score=0.5) -> WriteReport
    read_units(path) -> iterator of TranslationUnit
    read_store(path) -> UnitStore (src_lang, tgt_lang, header, units; unpacks as src, tgt, units)

The format is chosen by extension (`.tmx`, `.tsv`, `.xlf`/`.xliff`; `.sdlxliff`/`.mqxliff` are read only),
or by content when reading. One reader per format serves every command (`align qa` asks for tag tokens). Both
directions stream: a million units never sit in memory. Write options: see `WriteOptions`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from align.errors import ConfigError
from align.formats.base import Format, UnitFilter, UnitStore, WriteOptions, WriteReport
from align.formats.inline import INLINE_MODES
from align.formats.languages import normalise_lang
from align.formats.registry import FORMATS, format_for_reading, format_for_writing
from align.model import TranslationUnit
from align.signature import Signature

__all__ = ["write_units", "read_units", "read_store", "WriteReport", "WriteOptions", "UnitStore", "Format",
           "FORMATS", "normalise_lang", "validate_tmx"]


def write_units(path: str | os.PathLike, units: Iterable[TranslationUnit], *, src_lang: str, tgt_lang: str,
                signature: Signature | None = None, format: str | None = None, **options) -> WriteReport:
    """Write units to `path` atomically in the format its extension names; return what was done.

    Every unit must be `src_lang -> tgt_lang` (same primary language; one pair per file, else ConfigError).
    Options (`WriteOptions`): lang_style="region"|"bare", min_score, keep_null=False, dedupe=False,
    creation_date, max_segment_chars=2000, original (XLIFF).
    """
    path = Path(path)
    fmt = format_for_writing(path, format)
    opts = WriteOptions.from_kwargs(options)
    file_src, file_tgt = fmt.file_langs(src_lang, tgt_lang, opts)
    report = WriteReport(path=path, format=fmt.name, src_lang=file_src, tgt_lang=file_tgt)
    fmt.write(path, UnitFilter(opts, report, xml=fmt.xml)(units), report, opts, signature)
    return report


def read_store(path: str | os.PathLike, *, src_lang: str | None = None, tgt_lang: str | None = None,
               format: str | None = None, inline: str = "text", translated_only: bool = False) -> UnitStore:
    """Open a bilingual file: languages and header at once, units streamed from `store.units`.

    `src_lang`/`tgt_lang` pick the pair in a multilingual TMX, reverse a file's direction (`en`, `fr` on a
    fr->en file), or declare the languages of a TSV (default fr, en). `inline`: TMX/XLIFF inline codes
    flattened ("text", for alignment and conversion) or kept as tag tokens ("tags", for QA).
    `translated_only`: skip the units an XLIFF marks as not translated yet (counted in `store.skipped`).
    Every unit carries the `line` it starts on. Hostile or malformed files raise InputError (malformed
    ones possibly while the units are read, with the line number).
    """
    if inline not in INLINE_MODES:
        raise ConfigError(f"unknown inline mode {inline!r} (choose {' or '.join(INLINE_MODES)})")
    path = Path(path)
    return format_for_reading(path, format).read(path, src_lang=src_lang, tgt_lang=tgt_lang, inline=inline,
                                                 translated_only=translated_only)


def read_units(path: str | os.PathLike, **options) -> Iterator[TranslationUnit]:
    """The units of a bilingual file, streamed (options as `read_store`)."""
    return read_store(path, **options).units


def validate_tmx(path: str | os.PathLike) -> list[str]:
    """Errors of a TMX file against the bundled TMX 1.4b DTD (offline); [] when valid."""
    from align.formats.validate import validate_tmx as _validate

    return _validate(path)
