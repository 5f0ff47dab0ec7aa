"""The files `align qa` reads, each unit with the id and line a translator can act on.

    read_qa_units(path, src_lang=None, tgt_lang=None) -> list[TranslationUnit]

PO (`po.py`, gettext via translate-toolkit) and TSV/CSV (`tabular.py`: header detection, CSV) have QA
readers of their own. TMX and XLIFF (1.2, .sdlxliff, .mqxliff, 2.x) are read by the project's one reader
per format (`align.formats`) with inline codes kept as tag tokens and untranslated XLIFF units left out;
so is any other file (e.g. `.beads`). Each unit's `tuid` is the id the file's tool shows (PO
msgctxt|msgid, XLIFF trans-unit id, TMX tuid) and `line` its line.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from align.errors import AlignWarning
from align.model import TranslationUnit
from align.qa.sources.po import read_po
from align.qa.sources.tabular import read_tabular

READERS = {".po": read_po, ".pot": read_po, ".tsv": read_tabular, ".tab": read_tabular, ".csv": read_tabular}
#: Units a file marks as not to be checked: no finding is lost by leaving them out.
_EXPECTED_SKIPS = {"untranslated", "not-translatable"}


def read_qa_units(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None) -> list[TranslationUnit]:
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is not None:
        return reader(path, src_lang, tgt_lang)
    from align.formats import read_store

    store = read_store(path, src_lang=src_lang, tgt_lang=tgt_lang, inline="tags", translated_only=True)
    units = list(store.units)
    unchecked = {reason: n for reason, n in store.skipped.items() if reason not in _EXPECTED_SKIPS}
    if unchecked:
        warnings.warn(f"{path}: units not checked: " + ", ".join(f"{n} {reason}" for reason, n in
                      sorted(unchecked.items())) + f" (pair read: {store.src_lang} -> {store.tgt_lang})",
                      AlignWarning, stacklevel=2)
    return units
