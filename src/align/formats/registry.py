"""Which format handles a file: by extension first, else by sniffing its first characters."""

from __future__ import annotations

from pathlib import Path

from align.errors import ConfigError, InputError
from align.formats.base import Format
from align.formats.tmx import TmxFormat
from align.formats.tsv import TsvFormat
from align.formats.xliff import XliffFormat
from align.formats.xmlsafe import read_head_text
from align.limits import check_file_size

FORMATS: dict[str, Format] = {f.name: f for f in (TmxFormat(), TsvFormat(), XliffFormat())}


def format_for_extension(path: Path, reading: bool = False) -> Format | None:
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions or (reading and suffix in fmt.read_extensions):
            return fmt
    return None


def format_for_writing(path: Path, name: str | None = None) -> Format:
    """The format of an output file: named explicitly, else from its extension."""
    if name:
        if name not in FORMATS:
            raise ConfigError(f"unknown format {name!r} (known: {', '.join(FORMATS)})")
        return FORMATS[name]
    fmt = format_for_extension(path)
    if fmt is None and format_for_extension(path, reading=True) is not None:
        raise ConfigError(f"{path}: align reads {path.suffix} files but does not write them (their CAT tool "
                          "writes them); write .xlf (XLIFF 1.2) or .tmx")
    if fmt is None:
        known = ", ".join(ext for f in FORMATS.values() for ext in f.extensions)
        raise ConfigError(f"{path}: cannot tell the output format from the extension (use one of {known})")
    return fmt


def format_for_reading(path: Path, name: str | None = None) -> Format:
    """The format of an input file: named, else by extension, else by sniffing its content."""
    if name:
        return format_for_writing(path, name)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    check_file_size(path)
    fmt = format_for_extension(path, reading=True)
    if fmt is not None:
        return fmt
    head = read_head_text(path, 8192)
    for fmt in FORMATS.values():
        if fmt.sniff(head):
            return fmt
    raise InputError(f"{path}: not a TMX, XLIFF or TSV file (unknown extension and content)")
