"""PDF reader via pdfminer.six: the text layer, then the same unwrap as PDF-extracted .txt files.

PDF text is always laid out in visual lines, so it is always unwrapped (no detection needed). A PDF
without a text layer (a scan) gets a clear error: OCR is out of scope, and aligning nothing would silently
lose the document.
"""

from __future__ import annotations

from pathlib import Path

from align.errors import InputError
from align.ingest.base import Reader
from align.ingest.paragraphs import has_words
from align.ingest.text import document_from_text
from align.ingest.textdecode import normalise_text
from align.model import Document


class PdfReader(Reader):
    format = "pdf"
    extensions = (".pdf",)

    def read(self, path: Path, lang: str | None = None) -> Document:
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psexceptions import PSException

        if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF"):
            raise InputError(f"{path.name}: not a PDF file (no %PDF header)")
        try:
            text = extract_text(str(path), laparams=LAParams())
        except (PDFPasswordIncorrect, PDFEncryptionError) as error:
            raise InputError(f"{path.name}: the PDF is encrypted ({error.__class__.__name__}); "
                             "save an unprotected copy") from None
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path.name}: not a readable PDF ({error})") from None
        text = normalise_text(text)
        if not has_words(text):
            raise InputError(f"{path.name}: the PDF has no text layer (a scan?); run OCR on it first")
        return document_from_text(text, path=path, lang=lang, format=self.format,
                                  meta={"encoding": "pdf"}, force_unwrap=True)
