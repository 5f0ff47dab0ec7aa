"""Presegmented plain text: the user already split it, one segment per non-empty line.

Nothing is unwrapped, no marker is split off and no sentence is split: each line (trimmed of surrounding
whitespace) is one paragraph and one segment, exactly as typed. This is how users feed sentence-split
output of another tool, or a file that is already one side of a translation memory.
"""

from __future__ import annotations

from pathlib import Path

from align.ingest.base import Reader
from align.ingest.text import read_text_file
from align.model import Document, Paragraph, Segment


def presegment_paragraphs(doc: Document) -> Document:
    """Make each paragraph of `doc` one segment (for presegmented .docx/.html input)."""
    doc.segments = [Segment(doc.text[p.start:p.end], p.start, p.end, index) for index, p in enumerate(doc.paragraphs)]
    doc.meta["presegmented"] = "yes"
    return doc


class PresegmentedReader(Reader):
    format = "presegmented"
    extensions = ()  # chosen by the `presegmented` flag, not by extension

    def read(self, path: Path, lang: str | None = None) -> Document:
        text, encoding = read_text_file(path)
        paragraphs: list[Paragraph] = []
        offset = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped:
                start = offset + (len(line) - len(line.lstrip()))
                paragraphs.append(Paragraph(start, start + len(stripped)))
            offset += len(line) + 1
        doc = Document(text=text, paragraphs=paragraphs, path=path, lang=lang, format=self.format,
                       meta={"encoding": encoding, "unwrapped": "no"})
        return presegment_paragraphs(doc)
