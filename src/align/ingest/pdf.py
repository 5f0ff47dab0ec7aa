"""PDF reader: pdfminer.six's layout analysis, then the layout a reader sees, rebuilt into paragraphs.

Steps (each in its own module): the text lines with their geometry in reading order, columns read one
after the other (`pdflayout.py`); running headers, footers and page numbers dropped (`furniture.py`);
lines joined into paragraphs by geometry (a gap wider than the line spacing, a first-line indent, a change
of type size, a short last line ending a sentence), across page and column breaks when the text runs on;
end-of-line hyphens repaired only for words broken by the typesetter (`hyphenation.py`).

Bad input gets one clear `InputError`: not a PDF, encrypted, corrupt, no text layer (a scan: OCR is out of
scope, and aligning nothing would silently lose the document), or streams that inflate past a size limit
(`pdfguard.py`).
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

from align.errors import InputError
from align.ingest.base import Reader
from align.ingest.furniture import remove_furniture
from align.ingest.hyphenation import HyphenJudge, ends_in_break_hyphen
from align.ingest.markers import find_marker
from align.ingest.paragraphs import Block, document_from_blocks, has_words
from align.ingest.pdfguard import MAX_PAGES, check_pdf
from align.ingest.pdflayout import Line, layout_pages, reading_order
from align.ingest.textdecode import normalise_text
from align.model import Document

_ENDS_SENTENCE = re.compile(r"[.!?…:;][»”’\"')\]]*$")


class PdfReader(Reader):
    format = "pdf"
    extensions = (".pdf",)

    def read(self, path: Path, lang: str | None = None) -> Document:
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psexceptions import PSException

        check_pdf(path)
        try:
            pages = layout_pages(str(path), MAX_PAGES)
        except (PDFPasswordIncorrect, PDFEncryptionError) as error:
            raise InputError(f"{path.name}: the PDF is encrypted ({error.__class__.__name__}); "
                             "save an unprotected copy") from None
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError,
                IndexError, AssertionError) as error:
            raise InputError(f"{path.name}: not a readable PDF ({error.__class__.__name__}: {error})") from None
        if not any(has_words(line.text) for page in pages for line in page.lines):
            raise InputError(f"{path.name}: the PDF has no text layer (a scan?); run OCR on it first")
        removed = remove_furniture(pages)
        lines = [line for page in pages for line in reading_order(page.lines)]
        for line in lines:
            line.text = normalise_text(line.text)
        blocks = paragraphs_from_lines(lines, lang)
        return document_from_blocks(blocks, path=path, lang=lang, format=self.format,
                                    meta={"encoding": "pdf", "unwrapped": "yes", "pages": str(len(pages)),
                                          "furniture_lines": str(removed)})


def _line_spacing(lines: list[Line]) -> float:
    """The usual distance between baselines of consecutive lines in one column."""
    gaps = [a.baseline - b.baseline for a, b in zip(lines, lines[1:])
            if a.page == b.page and a.column == b.column
            and 0.5 * a.font_size < a.baseline - b.baseline < 3 * a.font_size]
    return statistics.median(gaps) if gaps else max((line.font_size for line in lines), default=10.0) * 1.2


def _breaks_between(a: Line, b: Line, spacing: float, body_size: float) -> bool:
    """Whether line `b` starts a new paragraph after line `a`."""
    same_flow = a.page == b.page and a.column == b.column and b.y1 < a.y1
    short = a.x1 < a.column_right - 2 * body_size
    ends = bool(_ENDS_SENTENCE.search(a.text))
    starts = b.text[:1].isupper() or b.text[:1].isdigit() or b.text[:1] in "«“\"(•–—-"
    if abs(a.font_size - b.font_size) > 0.2 * body_size:
        return True
    marker = find_marker(b.text) is not None
    if marker and (ends or short):
        return True  # the next item of a list
    if same_flow and a.baseline - b.baseline > 1.25 * spacing * max(1.0, a.font_size / body_size):
        return True
    indented = b.x0 > b.column_left + 0.8 * body_size and a.x0 <= a.column_left + 0.8 * body_size
    if indented and (marker or ((short or ends) and starts)):
        return True  # a first-line indent, also at the top of a column (a centred line after a full one is not)
    heading = min(a.font_size, b.font_size) > 1.15 * body_size  # a heading's lines part only by a gap or a size change
    return short and ends and starts and not heading


def paragraphs_from_lines(lines: list[Line], lang: str | None) -> list[Block]:
    """Lines in reading order -> paragraphs; a paragraph in larger type than the body is a heading."""
    if not lines:
        return []
    spacing = _line_spacing(lines)
    body_size = statistics.median(line.font_size for line in lines)
    judge = HyphenJudge("\n".join(line.text for line in lines), lang)
    groups: list[list[Line]] = [[lines[0]]]
    for a, b in zip(lines, lines[1:]):
        if _breaks_between(a, b, spacing, body_size):
            groups.append([b])
        else:
            groups[-1].append(b)
    blocks = []
    for group in groups:
        text = group[0].text
        for line in group[1:]:
            text = judge.join(text, line.text) if ends_in_break_hyphen(text, line.text) else f"{text} {line.text}"
        larger = statistics.median(line.font_size for line in group) > 1.15 * body_size
        blocks.append(Block(text, kind="heading" if larger and len(text) < 300 else None))
    return blocks
