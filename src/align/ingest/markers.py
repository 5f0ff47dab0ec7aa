"""List markers: the numbering at the start of a paragraph (`1.`, `iv)`, `(a)`, `-`, `•`).

A marker belongs to its paragraph (`Paragraph.marker`) and is never a segment of its own: aligners would
otherwise pair `1.` with `1.` and translators would see numbering in their memories. The patterns are
deliberately conservative: an uppercase letter with a period (`M.`, `J.`) is an initial, not a marker, and
a four-digit number (`2022.`) is a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

#: Bullet characters. Dashes are included: besides bullets they open dialogue lines in French fiction,
#: where taking them off the sentence also helps alignment with English quotation marks.
BULLETS = "-–—•·▪‣◦●■○*"

_MARKER = re.compile(
    r"""^(?P<marker>
        \(\d{1,3}\) | \d{1,3}[.)]                 # (1)  1.  1)
      | \d{1,3}(?:\.\d{1,3})+\.(?=\s)              # 1.2.
      | \d{1,3}(?:\.\d{1,3})+(?=\s+\w)            # 1.2 Title (checked below: a capitalised word after it)
      | \([ivxlc]{1,7}\) | [ivxlc]{1,7}[.)]       # (iv)  iv.  iv)
      | \([IVXLC]{1,7}\) | [IVXLC]{2,7}[.)]       # (IV)  IV.  (not "I." / "C.": initials)
      | \([a-zA-Z]\) | [a-z][.)] | [A-Z]\)        # (a)  a.  a)  A)
      | [-–—•·▪‣◦●■○*]                            # bullets
    )(?P<space>\s+)(?=\S)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Marker:
    """A marker found at the start of a line: its text and where the body after it starts."""

    text: str
    body_offset: int

    def readings(self) -> list[tuple[str, object]]:
        """The (kind, value) readings of the marker: `i.` is roman one or the letter i."""
        core = self.text.strip("().")
        core = core.rstrip(")")
        out: list[tuple[str, object]] = []
        if core in BULLETS:
            return [("bullet", core)]
        if re.fullmatch(r"\d{1,3}", core):
            return [("arabic", int(core))]
        if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})+", core):
            return [("section", tuple(int(n) for n in core.split(".")))]
        if _is_roman(core.lower()):
            out.append(("roman", _roman_value(core.lower())))
        if len(core) == 1 and core.isalpha():
            out.append(("alpha", ord(core.lower()) - ord("a") + 1))
        return out


def find_marker(line: str) -> Marker | None:
    """The list marker at the start of `line` (leading whitespace allowed), or None."""
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    match = _MARKER.match(stripped)
    if not match:
        return None
    marker = match.group("marker")
    body = stripped[match.end():]
    core = marker.strip("().")
    if re.fullmatch(r"[ivxlcIVXLC]+", core) and len(core) > 1 and not _is_roman(core.lower()):
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})+", marker) and not (body[:1].isupper() and body[1:2].islower()):
        return None  # "3.5 million", "120.3 MB": a decimal number, not section numbering like "1.2 Objet"
    return Marker(marker, lead + match.end())


def is_bare_marker(text: str) -> bool:
    """Whether `text` is only a list marker (`1.`, `iv)`, `-`): PDF extraction puts some on a line of their own."""
    stripped = text.strip()
    if not stripped or len(stripped) > 8:
        return False
    marker = find_marker(stripped + " X")
    return marker is not None and marker.text == stripped


def is_successor(previous: Marker | None, current: Marker) -> bool:
    """Whether `current` continues the list that `previous` belongs to (2 after 1, ii after i, same bullet)."""
    if previous is None:
        return False
    for kind, value in current.readings():
        for prev_kind, prev_value in previous.readings():
            if kind != prev_kind:
                continue
            if kind == "bullet" and value == prev_value:
                return True
            if kind in ("arabic", "roman", "alpha") and value == prev_value + 1:
                return True
            if kind == "section" and value[:-1] == prev_value[:-1] and value[-1] == prev_value[-1] + 1:
                return True
    return False


def _is_roman(text: str) -> bool:
    return bool(text) and bool(re.fullmatch(r"c{0,3}(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})", text))


def _roman_value(text: str) -> int:
    total = 0
    for index, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        if index + 1 < len(text) and _ROMAN_VALUES[text[index + 1]] > value:
            total -= value
        else:
            total += value
    return total
