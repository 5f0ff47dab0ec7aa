"""Sentence segmentation: SRX rules over the paragraphs of an ingested `Document`.

    load_document(path, "fr")            # read (align.ingest) + segment: what `align pair`/`build` call
    segment_document(doc, "fr")          # fills doc.segments; presegmented documents are kept as they are
    segment_text("M. Dupont est venu. Il a parlé.", "fr") -> ["M. Dupont est venu.", "Il a parlé."]

Rules are SRX 2.0 (`rules/fr.srx`, `rules/en.srx`, LanguageTool's for other languages, or the user's
file via `srx=`), applied to one paragraph at a time, so no sentence ever crosses a paragraph, heading or
list item. A heading is one segment. List markers were taken off by ingest (`Paragraph.marker`); as a last
guard, a piece that is only a marker or only punctuation is merged into its neighbour, so no segment is ever
a bare `1.` or `»`.
Invariant: `doc.text[s.start:s.end] == s.text` for every segment.
"""

from __future__ import annotations

import os
from pathlib import Path

from align.ingest import read_document
from align.ingest.markers import is_bare_marker
from align.ingest.paragraphs import has_words
from align.ingest.text import document_from_text
from align.ingest.textdecode import normalise_text
from align.model import Document, Segment
from align.segment.srx import builtin_languages, rules_id, rules_path, split_spans


def _paragraph_spans(text: str, lang: str, srx: str | Path | None) -> list[tuple[int, int]]:
    """SRX spans of one paragraph; a bare marker or a piece without words joins the next sentence (or the
    previous one at the end of the paragraph)."""
    spans = split_spans(text, lang, srx)
    merged: list[tuple[int, int]] = []
    pending_start: int | None = None  # a piece waiting for the sentence it belongs to
    for start, end in spans:
        piece = text[start:end]
        if pending_start is not None:
            start, pending_start = pending_start, None
        if is_bare_marker(piece) or (not has_words(piece) and not merged):
            pending_start = start
        elif not has_words(piece):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    if pending_start is not None:
        if merged:
            merged[-1] = (merged[-1][0], spans[-1][1])
        else:
            merged.append((pending_start, spans[-1][1]))
    return merged


def segment_document(doc: Document, lang: str, srx: str | os.PathLike | None = None) -> Document:
    """Fill `doc.segments` (replacing any) from its paragraphs; presegmented documents are returned as is."""
    if doc.format == "presegmented" or doc.meta.get("presegmented") == "yes":
        return doc
    segments: list[Segment] = []
    for index, paragraph in enumerate(doc.paragraphs):
        body = doc.text[paragraph.start:paragraph.end]
        if paragraph.kind == "heading":
            spans = [(0, len(body))]
        else:
            spans = _paragraph_spans(body, lang, srx)
        for start, end in spans:
            segments.append(Segment(body[start:end], paragraph.start + start, paragraph.start + end, index))
    doc.segments = segments
    doc.lang = doc.lang or lang
    doc.meta["segmentation"] = rules_id(lang, srx)
    return doc


def segmentation_settings(presegmented: bool, src_lang: str, tgt_lang: str) -> dict[str, object]:
    """The segmentation part of a signature or part key: sentence rules change the result as much as the
    aligner does."""
    if presegmented:
        return {"presegmented": True}
    return {"presegmented": False, "segmentation": f"{rules_id(src_lang)},{rules_id(tgt_lang)}"}


def load_document(path: str | os.PathLike, lang: str, *, presegmented: bool = False,
                  srx: str | os.PathLike | None = None) -> Document:
    """Read and segment one file (what `align pair` and `align build` call)."""
    if not presegmented:
        rules_path(lang, srx)  # a bad language or rule file is reported before any reading
    return segment_document(read_document(path, lang=lang, presegmented=presegmented), lang, srx)


def segment_text(text: str, lang: str, srx: str | os.PathLike | None = None) -> list[str]:
    """The sentences of a string, read like a .txt file (one paragraph per line, unwrapped if hard-wrapped)."""
    doc = document_from_text(normalise_text(text), path=None, lang=lang, format="txt", meta={})
    return segment_document(doc, lang, srx).segment_texts()


__all__ = ["segment_document", "load_document", "segment_text", "rules_path", "rules_id", "builtin_languages"]
