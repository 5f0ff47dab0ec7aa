"""The files `align qa` reads, each unit with the id and line a translator can act on.

    read_qa_units(path, src_lang=None, tgt_lang=None) -> list[TranslationUnit]

One module per format: `po.py` (gettext, via translate-toolkit), `xliff.py` (1.2, .sdlxliff, .mqxliff,
2.0/2.1), `tmx.py` (1.4, inline codes kept), `tabular.py` (TSV/CSV). Each unit's `tuid` is the file's
own id (PO msgctxt|msgid, XLIFF trans-unit id, TMX tuid) and `props["line"]` its line. Other files
(e.g. `.beads`) go through `align.formats.read_units`.
"""

from __future__ import annotations

from pathlib import Path

from align.model import TranslationUnit
from align.qa.sources.po import read_po
from align.qa.sources.tabular import read_tabular
from align.qa.sources.tmx import read_tmx
from align.qa.sources.xliff import read_xliff

READERS = {".po": read_po, ".pot": read_po, ".xlf": read_xliff, ".xliff": read_xliff, ".sdlxliff": read_xliff,
           ".mqxliff": read_xliff, ".tmx": read_tmx, ".tsv": read_tabular, ".tab": read_tabular,
           ".csv": read_tabular}


def read_qa_units(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None) -> list[TranslationUnit]:
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is not None:
        return reader(path, src_lang, tgt_lang)
    from align.formats import read_units

    return list(read_units(path, src_lang=src_lang, tgt_lang=tgt_lang))
