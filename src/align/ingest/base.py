"""The reader interface: one file per input format, picked by file extension in `align.ingest`.

A reader turns a file into a `Document` whose `text` is normalised (see `textdecode.normalise_text`) and
whose paragraphs point into it. It raises `InputError` naming the file for anything it cannot read, and
never touches the network. Segmentation is a later, separate step (`align.segment`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from align.model import Document


class Reader(ABC):
    #: Name recorded in `Document.format`.
    format: str
    #: Lower-case file extensions (with the dot) this reader handles.
    extensions: tuple[str, ...]

    @abstractmethod
    def read(self, path: Path, lang: str | None = None) -> Document:
        """Read `path` into a Document (paragraphs filled, segments empty)."""
