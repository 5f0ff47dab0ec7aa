"""Ingest: files in, `Document`s out (normalised text, paragraphs with offsets; no segments yet).

    read_document(path, lang="fr")                      # reader picked by extension
    read_document(path, lang="fr", presegmented=True)   # one segment per non-empty line, already filled

One reader per format (`text.py`, `presegmented.py`, `docx.py`, `html.py`, `pdf.py`) behind the small
`Reader` interface of `base.py`; `READERS` maps extensions to them. Unknown extensions are read as plain
text (binary files are then refused with a clear error). Sentence segmentation is `align.segment`.

Normalisation (all formats): NFC, `\\r\\n`/`\\r` -> `\\n`; non-breaking spaces are kept as in the source, so
segment text is always the source's characters. `Document.meta` records `encoding` (detected encoding, or
the container format) and `unwrapped` ("yes" when hard-wrapped lines were joined into paragraphs).
"""

from __future__ import annotations

import os
from pathlib import Path

from align.errors import InputError
from align.ingest.base import Reader
from align.ingest.docx import DocxReader
from align.ingest.html import HtmlReader
from align.ingest.language import check_language
from align.ingest.pdf import PdfReader
from align.ingest.presegmented import PresegmentedReader, presegment_paragraphs
from align.ingest.text import TextReader
from align.limits import check_file_size
from align.model import Document

READERS: dict[str, Reader] = {ext: reader for reader in (TextReader(), DocxReader(), HtmlReader(), PdfReader())
                              for ext in reader.extensions}

#: Formats people try that this tool cannot read; named in the error so the fix is obvious.
_UNSUPPORTED = {".doc": "Word 97-2003", ".odt": "OpenDocument", ".rtf": "RTF", ".pages": "Pages",
                ".xlsx": "Excel", ".xls": "Excel", ".pptx": "PowerPoint", ".epub": "EPUB"}


def reader_for(path: Path) -> Reader:
    """The reader for `path`'s extension; plain text for unknown extensions."""
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise InputError(f"{path.name}: {_UNSUPPORTED[suffix]} files are not supported; "
                         "save the document as .docx, .html, .pdf or .txt")
    return READERS.get(suffix, READERS[".txt"])


def read_document(path: str | os.PathLike, *, lang: str | None = None, presegmented: bool = False) -> Document:
    """Read one document. Raises InputError (naming the file) when it is missing, empty, binary or malformed,
    or over the file size limit (`align.limits`), or when `lang` is given and the text is clearly in another
    language (see `align.ingest.language`)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: not a file")
    check_file_size(path)
    reader = reader_for(path)
    if presegmented:
        if isinstance(reader, TextReader):
            document = PresegmentedReader().read(path, lang)
        else:
            document = presegment_paragraphs(reader.read(path, lang))
    else:
        document = reader.read(path, lang)
    if lang:
        check_language(document.text, lang, path.name)  # a swapped or wrong-language file is refused
    return document


__all__ = ["read_document", "reader_for", "READERS", "Reader"]
