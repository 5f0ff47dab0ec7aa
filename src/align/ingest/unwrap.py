"""Undoing the hard wrap of PDF-extracted text: visual lines back into real paragraphs.

PDF text layers (and `.txt` files copied out of PDFs) end every visual line with a newline, often with an
empty line after each one, and mark paragraph and page breaks with blank lines. Sentence splitters cannot
repair that; this step decides quality (see shared notes). The rules, in order, for the boundary between
two non-blank lines:

1. a line that is only a list marker (`1.`) always takes the next line as its body;
2. a *hard* gap (a line holding only spaces, or more blank lines than the document uses between visual
   lines) ends the paragraph, unless the text obviously runs on (no final punctuation before it, a
   lower-case letter or a hyphen join after it: a page break in mid-sentence);
3. a list marker starts a new paragraph when it continues the current list (`ii.` after `i.`) or when the
   line before ends a clause (`.`, `;`, `:`, `; et`); so `2022.` after "en décembre" stays a year;
4. a capital after a line ending in `;` or `:` starts a new paragraph (preamble clauses, "ont :" lists);
5. a short line ending a sentence, followed by a capital, ends its paragraph;
6. otherwise the lines are joined: with one space, or, after a line-end hyphen, with nothing: the hyphen is
   kept (`Jammu-` + `et-Cachemire`) unless it is a typesetter's break (`gouverne-` + `ment`; the evidence is
   in `hyphenation.py`: the document itself, then a word list for the language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from align.ingest.hyphenation import HyphenJudge, ends_in_break_hyphen
from align.ingest.markers import Marker, find_marker, is_bare_marker, is_successor

_CLOSERS = re.escape("»”’\"')]")
_ENDS_SENTENCE = re.compile(rf"[.!?…][{_CLOSERS}]*$")
_ENDS_CLAUSE = re.compile(rf"(?:[.!?…;:][{_CLOSERS}]*|[;,]\s*(?:et|ou|and|or))$", re.IGNORECASE)
_ENDS_SEMI_OR_COLON = re.compile(rf"[;:][{_CLOSERS}]*$")


@dataclass
class _Line:
    text: str  # stripped
    empties_before: int  # empty lines between this line and the previous non-blank one
    spaces_before: bool  # a blank line holding whitespace (a page/paragraph break line) before it


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    empties, spaces = 0, False
    for raw in text.split("\n"):
        if not raw:
            empties += 1
        elif not raw.strip():
            spaces = True
        else:
            lines.append(_Line(raw.strip(), empties, spaces))
            empties, spaces = 0, False
    return lines


def _is_interleaved(lines: list[_Line]) -> bool:
    """Whether the document puts an empty line after every visual line (then one empty line is no break).

    Adjacent lines (no empty line between them) are then rare; in ordinary hard-wrapped text, where an
    empty line separates paragraphs, they are the rule within each paragraph.
    """
    gaps = [line.empties_before for line in lines[1:] if not line.spaces_before]
    return bool(gaps) and gaps.count(0) <= 0.1 * len(gaps) and gaps.count(1) >= 0.6 * len(gaps)


def _runs_on(previous: str, following: str) -> bool:
    """The text visibly continues across the line end: a hyphen join, or no punctuation then lower case."""
    if ends_in_break_hyphen(previous, following):
        return True
    return not _ENDS_CLAUSE.search(previous) and following[:1].islower()


def looks_hard_wrapped(text: str) -> bool:
    """Statistics that tell hard-wrapped text (PDF extraction) from text with one paragraph per line.

    Hard-wrapped text has lines of a narrow range of lengths (the page width, at most ~130 characters) and
    many line ends that visibly run on into the next line (no final punctuation then lower case, or a
    hyphen). Text with one paragraph per line has long lines whose ends are sentence ends.
    """
    lines = _lines(text)
    if len(lines) < 4:
        return False
    lengths = sorted(len(line.text) for line in lines)
    width = lengths[int(0.8 * (len(lengths) - 1))]
    if width > 130 or width < 20:
        return False
    pairs = list(zip(lines, lines[1:], strict=False))
    running_on = sum(1 for a, b in pairs if _runs_on(a.text, b.text))
    return running_on >= 0.25 * len(pairs) and running_on >= 3


def unwrap(text: str, lang: str | None = None) -> list[str]:
    """Join the visual lines of hard-wrapped `text` into paragraphs (each returned stripped, marker included);
    `lang` picks the word list that helps repair end-of-line hyphens."""
    lines = _lines(text)
    if not lines:
        return []
    interleaved = _is_interleaved(lines)
    lengths = sorted(len(line.text) for line in lines)
    width = lengths[int(0.8 * (len(lengths) - 1))]
    judge = HyphenJudge(text, lang)

    paragraphs: list[str] = [lines[0].text]
    last_marker: Marker | None = find_marker(lines[0].text)
    previous_line = lines[0].text
    for line in lines[1:]:
        previous, current = paragraphs[-1], line.text
        marker = find_marker(current) or (Marker(current, len(current)) if is_bare_marker(current) else None)
        hard = line.spaces_before or line.empties_before >= (2 if interleaved else 1)
        if is_bare_marker(previous):
            new = False
        elif hard:
            new = not _runs_on(previous, current)
        elif marker is not None:
            new = is_successor(last_marker, marker) or bool(_ENDS_CLAUSE.search(previous))
        elif _ENDS_SEMI_OR_COLON.search(previous) and current[:1].isupper():
            new = True
        else:
            new = (bool(_ENDS_SENTENCE.search(previous)) and len(previous_line) < 0.7 * width
                   and (current[:1].isupper() or current[:1] in "«“\""))
        if new:
            paragraphs.append(current)
            if marker is not None:
                last_marker = marker
        elif ends_in_break_hyphen(previous, current):
            paragraphs[-1] = judge.join(previous, current)
        else:
            paragraphs[-1] = previous + " " + current
        previous_line = current
    return paragraphs
