"""Reading and writing glossaries, the format chosen by the file extension (`.csv`, `.tbx`)."""

from __future__ import annotations

from pathlib import Path

from align.errors import ConfigError, LimitError
from align.glossary.csv_file import read_csv, write_csv
from align.glossary.model import Glossary
from align.glossary.tbx_file import read_tbx, write_tbx
from align.fileio import checked_input
from align.limits import PATTERN_CHARS

EXTENSIONS = (".csv", ".tbx")


def check_glossary_path(path: str | Path) -> str:
    """The extension of a glossary file name (`.csv` / `.tbx`); ConfigError for anything else."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise ConfigError(f"{path}: unknown glossary format {suffix or '(no extension)'!r}; "
                          f"use {' or '.join(EXTENSIONS)}")
    return suffix


def read_glossary(path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None) -> Glossary:
    """A glossary from `.csv` (columns source,target,status,frequency,score,example) or `.tbx` (v3 or v2)."""
    path = Path(path)
    suffix = check_glossary_path(path)
    checked_input(path)
    if suffix == ".csv":
        glossary = read_csv(path, src_lang or "fr", tgt_lang or "en")
    else:
        glossary = read_tbx(path, src_lang, tgt_lang)
    _check_term_lengths(path, glossary)
    return glossary


def _check_term_lengths(path: Path, glossary: Glossary) -> None:
    """A term is a few words; a megabyte "term" would make every check that searches for it run for
    minutes, so it is refused with the limit and how to raise it."""
    limit = PATTERN_CHARS.value()
    for pair in glossary.pairs:
        for term in (pair.source, pair.target):
            if len(term) > limit:
                raise LimitError(f"{path}: a term of {len(term)} characters ({term[:40]!r}...) is "
                                 f"{PATTERN_CHARS.over()}")


def write_glossary(path: str | Path, glossary: Glossary, *, tbx_version: int = 3) -> int:
    """Write atomically as `.csv` or `.tbx` (TBX-Basic v3 by default, `tbx_version=2` for `<martif>`).

    Returns how many texts lost characters XML cannot hold (TBX only; the CLI warns about them)."""
    path = Path(path)
    if check_glossary_path(path) == ".csv":
        write_csv(path, glossary)
        return 0
    if tbx_version not in (2, 3):
        raise ConfigError(f"TBX version must be 2 or 3, not {tbx_version}")
    return write_tbx(path, glossary, tbx_version)
