"""Text lines of a PDF page with their geometry, in reading order (pdfminer.six's layout analysis).

pdfminer groups characters into lines well, but its ordering of text boxes is a heuristic that scrambles
LaTeX titles (widely spaced words become boxes of their own) and sometimes interleaves columns. So only its
lines are taken, and ordered here: pieces on the same baseline of one column are merged left to right; a
page whose lines leave a clear vertical gutter is read column by column, with lines spanning the gutter
(titles, a centred footer) kept in place between the column bands.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

_SPACES = re.compile(r"[ \t]{2,}")  # justification leaves runs of spaces; U+00A0 is kept


@dataclass
class Line:
    """One visual line in PDF coordinates (y grows upwards): its box, and the median baseline and font size
    of its characters (a box grows with brackets, subscripts and TeX logos; these two do not)."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    page: int
    baseline: float
    font_size: float
    column: int = 0  # 0 single column or spanning, 1 left, 2 right
    column_left: float = 0.0
    column_right: float = 0.0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]


def layout_pages(path: str, max_pages: int) -> list[Page]:
    """Every page's lines as pdfminer finds them, not yet ordered (pdfminer's own errors pass)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    pages = []
    for number, layout in enumerate(extract_pages(path, laparams=LAParams(boxes_flow=None)), 1):
        if number > max_pages:
            break
        lines = list(_text_lines(layout, number))
        pages.append(Page(number, layout.width, layout.height, lines))
    return pages


def _text_lines(container, page: int):
    from pdfminer.layout import LTChar, LTTextLineHorizontal

    for element in container:
        if isinstance(element, LTTextLineHorizontal):
            text = _SPACES.sub(" ", element.get_text().replace("\n", " ")).strip()
            chars = [char for char in element if isinstance(char, LTChar) and char.get_text().strip()]
            if text and chars:
                yield Line(text, element.x0, element.x1, element.y0, element.y1, page,
                           baseline=statistics.median(char.y0 for char in chars),
                           font_size=statistics.median(char.size for char in chars))
        elif hasattr(element, "__iter__"):  # text boxes, figures
            yield from _text_lines(element, page)


def _same_baseline(a: Line, b: Line) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.6 * min(a.height, b.height)


def _merge_pieces(lines: list[Line], one_column_page: bool = False) -> list[Line]:
    """Join the pieces of one visual line (pdfminer splits lines at the wide word gaps of justified narrow
    columns and of LaTeX titles). Called on one column at a time, any gap is a word gap; on a page read as
    one column, a wide gap that no other line crosses is kept open (it may be a gutter found nowhere else)."""
    everything = list(lines)
    lines.sort(key=lambda line: (-line.y1, line.x0))
    merged: list[Line] = []
    for line in lines:
        for other in reversed(merged[-4:]):
            gap = line.x0 - other.x1
            wide = one_column_page and gap > 1.5 * line.font_size and not _crossed(everything, other.x1, line.x0)
            if _same_baseline(other, line) and -1 < gap and not wide:
                other.text = f"{other.text} {line.text}"
                other.x1, other.y0, other.y1 = line.x1, min(other.y0, line.y0), max(other.y1, line.y1)
                break
        else:
            merged.append(line)
    return merged


def _crossed(lines: list[Line], start: float, end: float) -> bool:
    """Whether at least two lines of the page run across the whole of [start, end]."""
    return sum(1 for line in lines if line.x0 < start and line.x1 > end) >= 2


def _gutter(lines: list[Line]) -> float | None:
    """The x of a vertical gutter that most lines keep clear of, if the page has two columns."""
    if len(lines) < 4:
        return None
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    width = right - left
    best, best_crossing = None, len(lines)
    for step in range(35, 66):
        x = left + width * step / 100
        crossing = sum(1 for line in lines if line.x0 < x - 1 and line.x1 > x + 1)
        if crossing < best_crossing:
            best, best_crossing = x, crossing
    if best is None:
        return None
    left_ends = sorted(line.x1 for line in lines if line.x1 <= best + 1)
    rights = sum(1 for line in lines if line.x0 >= best - 1)
    if best_crossing > 0.25 * len(lines) or not left_ends or not rights:  # a column may end in one line
        return None
    # A left column fills its width (a letter's address block beside a date does not).
    filled = statistics.median(left_ends) >= best - 0.25 * (best - left)
    return best if filled else None


def reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom; on a two-column page, each band between spanning lines left column then right."""
    gutter = _gutter(lines)
    if gutter is None:
        lines = _merge_pieces(lines, one_column_page=True)
        _set_column(lines, 0)
        return lines
    spanning = [line for line in lines if line.x0 < gutter - 1 and line.x1 > gutter + 1]
    left = [line for line in lines if line.x1 <= gutter + 1]
    right = [line for line in lines if line.x0 >= gutter - 1 and line.x1 > gutter + 1]
    # Pieces merge within their own side only: a gutter is narrower than some word gaps.
    lines = sorted(_merge_pieces(spanning) + _merge_pieces(left) + _merge_pieces(right),
                   key=lambda line: (-line.y1, line.x0))
    ordered: list[Line] = []
    band: list[Line] = []
    for line in lines:
        if line.x0 < gutter - 1 and line.x1 > gutter + 1:  # spanning: closes the band above it
            ordered.extend(_band(band, gutter))
            band = []
            _set_column([line], 0)
            ordered.append(line)
        else:
            band.append(line)
    ordered.extend(_band(band, gutter))
    return ordered


def _band(lines: list[Line], gutter: float) -> list[Line]:
    left = [line for line in lines if line.x1 <= gutter + 1]
    right = [line for line in lines if line.x1 > gutter + 1]
    _set_column(left, 1)
    _set_column(right, 2)
    return left + right


def _set_column(lines: list[Line], column: int) -> None:
    if not lines:
        return
    left = statistics.median_low(sorted(line.x0 for line in lines))
    ends = sorted(line.x1 for line in lines)
    right = statistics.median(ends[len(ends) // 2:])  # the right margin, robust to a line sticking out
    for line in lines:
        line.column, line.column_left, line.column_right = column, left, right
