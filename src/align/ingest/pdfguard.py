"""Checks a PDF before layout analysis: header and end marker, encryption, how far its streams inflate.

pdfminer inflates each compressed stream whole in memory, so a small file whose streams inflate to
gigabytes (a decompression bomb, or a corrupt length) would exhaust memory before any error. Every
Flate stream is inflated here first, in chunks and with a running total, and the file is refused with a
clear message as soon as the total passes `MAX_INFLATED_BYTES`.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from align.errors import InputError

#: Total bytes all compressed streams of one PDF may inflate to (text PDFs of 1,000 pages stay far below).
MAX_INFLATED_BYTES = 512 * 1024 * 1024
#: Pages read at most; a longer file is refused rather than read in part.
MAX_PAGES = 5000
_CHUNK = 1 << 20


def _inflated_size(data: bytes, budget: int) -> int:
    """Bytes `data` inflates to, counting no further than `budget + 1` (corrupt data counts what it gave)."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        chunk = inflater.decompress(data, _CHUNK)
        while True:
            total += len(chunk)
            if total > budget:
                return total
            if not inflater.unconsumed_tail:
                break
            chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    except zlib.error:
        pass
    return total


def check_pdf(path: Path, max_inflated: int | None = None) -> None:
    """Raise InputError for a file that is not a PDF, is cut short, is encrypted with a password, or whose
    streams inflate past `max_inflated` bytes (default `MAX_INFLATED_BYTES`)."""
    max_inflated = max_inflated or MAX_INFLATED_BYTES
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream
    from pdfminer.psexceptions import PSException

    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise InputError(f"{path.name}: not a PDF file (no %PDF header)")
        handle.seek(max(0, path.stat().st_size - 4096))
        if b"%%EOF" not in handle.read():  # pdfminer would read what is left and say nothing
            raise InputError(f"{path.name}: the PDF is cut short (no %%EOF end marker); download it again")
        handle.seek(0)
        try:
            document = PDFDocument(PDFParser(handle))  # encrypted with an empty user password: readable
            total = 0
            for xref in document.xrefs:
                for objid in xref.get_objids():
                    try:
                        obj = document.getobj(objid)
                    except (PSException, ValueError, KeyError, TypeError):
                        continue
                    if not isinstance(obj, PDFStream):
                        continue
                    filters = obj.get_filters()
                    if filters and filters[0][0] in LITERALS_FLATE_DECODE:
                        total += _inflated_size(obj.rawdata or b"", max_inflated - total)
                        if total > max_inflated:
                            raise InputError(
                                f"{path.name}: the PDF's compressed streams inflate past "
                                f"{max_inflated // (1024 * 1024)} MiB; refused (a decompression bomb or a corrupt "
                                "file)")
        except (PDFPasswordIncorrect, PDFEncryptionError):
            raise InputError(f"{path.name}: the PDF is encrypted; save an unprotected copy") from None
        except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            raise InputError(f"{path.name}: not a readable PDF ({error.__class__.__name__}: {error})") from None
