"""Plain-text reader (.txt): encoding detection, and unwrapping when the text is hard-wrapped.

Text with one paragraph per line keeps its own normalised text, so offsets still point into the file's
lines. Hard-wrapped text (copied out of a PDF) is unwrapped first (see `unwrap.py`), and `Document.text`
is then the unwrapped text, one paragraph per line; `meta["unwrapped"]` says which happened.
"""

from __future__ import annotations

from pathlib import Path

from align.ingest.base import Reader
from align.ingest.paragraphs import Block, document_from_blocks, document_from_lines
from align.ingest.textdecode import decode_text, normalise_text
from align.ingest.unwrap import looks_hard_wrapped, unwrap
from align.model import Document


def read_text_file(path: Path) -> tuple[str, str]:
    """The normalised text of a plain-text file and the encoding it was read with."""
    text, encoding = decode_text(path.read_bytes(), path)
    return normalise_text(text), encoding


def document_from_text(text: str, *, path: Path | None, lang: str | None, format: str, meta: dict[str, str],
                       force_unwrap: bool = False) -> Document:
    """Paragraphs of already-decoded text; unwrapped when hard-wrapped (always for PDF text layers)."""
    if force_unwrap or looks_hard_wrapped(text):
        blocks = [Block(paragraph) for paragraph in unwrap(text, lang)]
        return document_from_blocks(blocks, path=path, lang=lang, format=format, meta={**meta, "unwrapped": "yes"})
    return document_from_lines(text, path=path, lang=lang, format=format, meta={**meta, "unwrapped": "no"})


class TextReader(Reader):
    format = "txt"
    extensions = (".txt", ".text")

    def read(self, path: Path, lang: str | None = None) -> Document:
        text, encoding = read_text_file(path)
        return document_from_text(text, path=path, lang=lang, format=self.format, meta={"encoding": encoding})
