"""Page furniture: running headers, footers and page numbers, which are not part of the text.

A line is furniture when it sits at the top or bottom edge of its page (the two highest or lowest lines)
and either
- reads as a page number in a common form (`3`, at most three digits so a year is not one, `- 3 -`,
  `Page 3`, `Page 3 of 10`, `Page 3 sur 10`, `p. 3`, `3/10`, `iv`), or
- recurs at an edge of at least 40% of the pages (two at least), digits ignored, so `Report - page 2`
  and `Report - page 3` are one header;
- or, on a one-page document, is a top line in a smaller type than the body, set apart by a gap (a
  running header cannot be told by repetition there).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from align.ingest.pdflayout import Line, Page

_PAGE_NUMBER = re.compile(
    r"^[-–—(\[]?\s*(?:(?:page|p\.|pg\.?|seite|página|pagina|стр\.?)\s*)?"
    r"(?:\d{1,3}|[ivxlcdm]{1,7})(?:\s*(?:/|of|sur|de|di|von|из)\s*\d{1,4})?\s*[-–—)\]]?$",
    re.IGNORECASE)
_EDGE_LINES = 2
_MIN_SHARE = 0.4


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _edge_lines(page: Page) -> list[Line]:
    """The lines on the two highest and the two lowest text levels of the page."""
    visible = [line for line in page.lines if line.y0 >= 0 and line.y1 <= page.height]  # not text set off the page
    levels = sorted({round(line.y1) for line in visible}, reverse=True)
    edges = set(levels[:_EDGE_LINES]) | set(levels[-_EDGE_LINES:])
    return [line for line in visible if round(line.y1) in edges]


def _lone_header(page: Page) -> set[int]:
    """On a one-page document: top lines in small type standing apart from the body."""
    lines = sorted(page.lines, key=lambda line: -line.y1)
    if len(lines) < 4:
        return set()
    body_size = statistics.median(line.font_size for line in lines)
    spacing = statistics.median(a.baseline - b.baseline for a, b in zip(lines, lines[1:])
                                if a.baseline - b.baseline > 0.5)
    found = set()
    for first, second in zip(lines[:_EDGE_LINES], lines[1:_EDGE_LINES + 1]):
        if first.font_size < 0.95 * body_size and first.baseline - second.baseline > 1.6 * spacing:
            found.add(id(first))
            break
        if first.font_size >= 0.95 * body_size:
            break
    return found


def remove_furniture(pages: list[Page]) -> int:
    """Drop furniture lines from `pages` in place; returns how many were dropped."""
    edges = {page.number: _edge_lines(page) for page in pages}
    counts = Counter(key for lines in edges.values() for key in {_key(line.text) for line in lines})
    needed = max(2, _MIN_SHARE * len(pages))
    removed = 0
    for page in pages:
        drop = {id(line) for line in edges[page.number]
                if is_page_number(line.text) or counts[_key(line.text)] >= needed}
        if len(pages) == 1:
            drop |= _lone_header(page)
        kept = [line for line in page.lines if id(line) not in drop]
        removed += len(page.lines) - len(kept)
        page.lines = kept
    return removed
