"""Turning blocks of text into `Paragraph`s: typed list markers split off, decoration dropped, headings found.

Every reader ends here, so that a `1.` typed in a .txt, a .docx or a PDF is handled the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from align.ingest.markers import find_marker
from align.model import Document, Paragraph

#: Final punctuation of running text; a short line without it is taken for a heading in plain text.
_FINAL_PUNCTUATION = re.compile(r"[.!?…;:,][»”’\"')\]]*$")
_HEADING_MAX_CHARS = 200


@dataclass(frozen=True)
class Block:
    """A paragraph as a reader sees it: its text, and what the format says about it.

    `kind` None lets the heading heuristic decide (plain text); readers of structured formats pass
    "heading" or "text". `marker` is numbering the format generates (HTML `<ol>`, Word lists), which is
    not part of the text.
    """

    text: str
    kind: str | None = None
    marker: str | None = None


def has_words(text: str) -> bool:
    """Decoration such as `***`, `/` or `* * *` carries no translatable text and makes no paragraph."""
    return any(ch.isalnum() for ch in text)


def make_paragraph(text: str, start: int, end: int, kind: str | None, marker: str | None) -> Paragraph | None:
    """The paragraph for `text[start:end]`: whitespace trimmed, typed marker split off; None for decoration."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    body = text[start:end]
    if not has_words(body):
        return None
    typed = find_marker(body)
    if typed is not None and has_words(body[typed.body_offset:]):
        marker = typed.text  # numbering typed in the text wins over numbering the format generates
        start += typed.body_offset
        body = text[start:end]
    if marker is not None:
        kind = "list-item" if kind in (None, "text") else kind
    elif kind is None:
        is_heading = (len(body) <= _HEADING_MAX_CHARS and not _FINAL_PUNCTUATION.search(body)
                      and not body[:1].islower())
        kind = "heading" if is_heading else "text"
    return Paragraph(start=start, end=end, kind=kind, marker=marker)


def document_from_blocks(blocks: list[Block], *, path: Path | None, lang: str | None, format: str,
                         meta: dict[str, str]) -> Document:
    """Join the blocks with newlines into `Document.text` and make one paragraph per block with words."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for block in blocks:
        if parts:
            parts.append("\n")
            offset += 1
        parts.append(block.text)
        paragraph = make_paragraph(block.text, 0, len(block.text), block.kind, block.marker)
        if paragraph is not None:
            paragraphs.append(Paragraph(paragraph.start + offset, paragraph.end + offset, paragraph.kind,
                                        paragraph.marker))
        offset += len(block.text)
    return Document(text="".join(parts), paragraphs=paragraphs, path=path, lang=lang, format=format, meta=meta)


def document_from_lines(text: str, *, path: Path | None, lang: str | None, format: str,
                        meta: dict[str, str]) -> Document:
    """One paragraph per non-blank line of `text`, offsets into `text` itself (so line numbers still hold)."""
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        paragraph = make_paragraph(text, offset, offset + len(line), None, None)
        if paragraph is not None:
            paragraphs.append(paragraph)
        offset += len(line) + 1
    return Document(text=text, paragraphs=paragraphs, path=path, lang=lang, format=format, meta=meta)
