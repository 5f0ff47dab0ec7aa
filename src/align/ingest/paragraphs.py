"""Turning blocks of text into `Paragraph`s: typed list markers split off, decoration dropped, headings found.

Every reader ends here, so that a `1.` typed in a .txt, a .docx or a PDF is handled the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from align.ingest.markers import find_marker, is_bare_marker
from align.model import Document, Paragraph

#: Final punctuation of running text; a short line without it is taken for a heading in plain text.
_FINAL_PUNCTUATION = re.compile(r"[.!?…;:,。．！？；：，、؟؛،۔।][»”’\"')\]」』）]*$")
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


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def lone_marker(text: str, start: int, end: int) -> str | None:
    """The marker when `text[start:end]` is nothing but one (`1.` alone on its line): it numbers what follows."""
    start, end = _trimmed(text, start, end)
    return text[start:end] if is_bare_marker(text[start:end]) else None


def make_paragraph(text: str, start: int, end: int, kind: str | None, marker: str | None) -> Paragraph | None:
    """The paragraph for `text[start:end]`: whitespace trimmed, typed marker split off; None for decoration."""
    start, end = _trimmed(text, start, end)
    body = text[start:end]
    if not has_words(body) or is_bare_marker(body):
        return None
    typed_markers: list[str] = []
    while (typed := find_marker(body)) is not None:  # "1. a) Texte": both markers go, "1. a)"
        rest = body[typed.body_offset:]
        if not has_words(rest) or is_bare_marker(rest):
            break
        typed_markers.append(typed.text)
        start += typed.body_offset
        body = rest
    if typed_markers:
        marker = " ".join(typed_markers)  # numbering typed in the text wins over numbering the format makes
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
    pending: str | None = None  # a marker alone in its block, waiting for the paragraph it numbers
    for block in blocks:
        if parts:
            parts.append("\n")
            offset += 1
        parts.append(block.text)
        paragraph = make_paragraph(block.text, 0, len(block.text), block.kind, block.marker or pending)
        if paragraph is not None:
            paragraphs.append(Paragraph(paragraph.start + offset, paragraph.end + offset, paragraph.kind,
                                        paragraph.marker))
            pending = None
        else:
            pending = lone_marker(block.text, 0, len(block.text)) or pending
        offset += len(block.text)
    return Document(text="".join(parts), paragraphs=paragraphs, path=path, lang=lang, format=format, meta=meta)


def document_from_lines(text: str, *, path: Path | None, lang: str | None, format: str,
                        meta: dict[str, str]) -> Document:
    """One paragraph per non-blank line of `text`, offsets into `text` itself (so line numbers still hold)."""
    paragraphs: list[Paragraph] = []
    offset = 0
    pending: str | None = None  # a marker alone on its line, waiting for the paragraph it numbers
    for line in text.split("\n"):
        paragraph = make_paragraph(text, offset, offset + len(line), None, pending)
        if paragraph is not None:
            paragraphs.append(paragraph)
            pending = None
        else:
            pending = lone_marker(text, offset, offset + len(line)) or pending
        offset += len(line) + 1
    return Document(text=text, paragraphs=paragraphs, path=path, lang=lang, format=format, meta=meta)
