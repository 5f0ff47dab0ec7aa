"""Turning the bytes of a plain-text file into normalised text, with a clear error when they are not text.

Why not just `charset_normalizer`: on short French files it sometimes answers `cp1250`, `cp775` or
`mac_roman` for what is Windows-1252, and it happily "decodes" binary. The order below is the one that is
right for the French/English documents this tool reads: byte-order marks first, then strict UTF-8 (which
almost never decodes non-UTF-8 by accident), then Windows-1252 (the usual legacy encoding of both
languages); charset-normalizer is consulted only when the Windows-1252 reading is mostly non-ASCII letters
(a Cyrillic or Greek code page). Whatever is chosen is checked to look like text.
"""

from __future__ import annotations

import codecs
import threading
import unicodedata
import warnings
from pathlib import Path

from align.errors import AlignWarning, InputError

#: BOMs, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Control characters that real text files contain (tab, newlines, form feed for page breaks).
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}

#: Above this share of control characters a decoded file is binary, whatever the decoder said.
_MAX_CONTROL_SHARE = 0.01


def normalise_text(text: str) -> str:
    """NFC, `\\r\\n`/`\\r` -> `\\n`, form feed (PDF page break) -> newline, BOM dropped.

    Everything else is kept as in the source, non-breaking spaces (U+00A0, U+202F) included: French
    typography puts them before `;:!?` and inside guillemets, CAT tools keep them in translation memories,
    and segment text must stay the source characters.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def decode_text(data: bytes, path: Path | str) -> tuple[str, str]:
    """Decode a text file's bytes; return (text, encoding name). Raises InputError for non-text.

    The text is not yet normalised (see `normalise_text`).
    """
    name = Path(path).name
    if not data.strip():
        raise InputError(f"{name}: the file is empty or holds only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{name}: starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}"
                    f" (byte {error.start})") from None
            return _checked(text, name), encoding
    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise InputError(f"{name}: looks like a binary file (it contains NUL bytes), not text")
        return _checked(text, name), "utf-16"
    try:
        return _checked(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data, name)
    if damaged is not None:
        return _checked(damaged, name), "utf-8"
    text = data.decode("cp1252", errors=_WHATWG_FALLBACK)
    if _looks_like_mojibake(text):
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(f"{name}: cannot be decoded (not UTF-8, and no known legacy encoding reads it as "
                             "text); save it as UTF-8")
        if best.encoding not in _CP1252_LIKE:
            return _checked(str(best), name), best.encoding
    return _checked(text, name), "cp1252"


def _damaged_utf8(data: bytes, name: str) -> str | None:
    """UTF-8 text with a few invalid bytes (a truncated copy, one stray Windows-1252 byte), decoded with
    U+FFFD for each bad sequence and a warning naming the lines; None when the file is not UTF-8.

    Why: reading the whole file as Windows-1252 because of one bad byte turns every accented letter into
    mojibake (`chÃ¢teau`) without a word. A legacy file has almost no valid multi-byte UTF-8 sequences,
    so the file counts as UTF-8 when its valid multi-byte characters outnumber its invalid sequences.
    """
    _BAD_OFFSETS.offsets = []
    text = data.decode("utf-8", errors=_RECORD_AND_REPLACE)
    offsets = _BAD_OFFSETS.offsets
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - len(offsets)
    if multibyte < len(offsets):
        return None
    lines = _line_numbers(data, offsets)
    shown = ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
    warnings.warn(f"{name}: {len(offsets)} invalid UTF-8 byte sequence(s) replaced with U+FFFD (line {shown}); "
                  "fix the file or save it again as UTF-8", AlignWarning, stacklevel=3)
    return text


def _line_numbers(data: bytes, offsets: list[int]) -> list[int]:
    """Distinct 1-based line numbers of sorted byte offsets, in one pass over the data."""
    lines, line, previous = [], 1, 0
    for offset in offsets:
        line += data.count(b"\n", previous, offset)
        previous = offset
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


_BAD_OFFSETS = threading.local()


def _record_and_replace(error: UnicodeDecodeError) -> tuple[str, int]:
    _BAD_OFFSETS.offsets.append(error.start)
    return "\ufffd", error.end


_RECORD_AND_REPLACE = "align-utf8-record-and-replace"
codecs.register_error(_RECORD_AND_REPLACE, _record_and_replace)


def _decode_undefined_as_latin1(error: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1 control of the same
    value, as browsers do (WHATWG "windows-1252"): nothing is lost, and a file full of them is then refused
    as binary by the control-character check."""
    return error.object[error.start:error.end].decode("latin-1"), error.end


_WHATWG_FALLBACK = "align-cp1252-undefined-as-latin1"
codecs.register_error(_WHATWG_FALLBACK, _decode_undefined_as_latin1)
_CP1252_LIKE = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "windows-1252", "ascii"}


def _looks_like_mojibake(text: str) -> bool:
    """Windows-1252 read of text in another legacy code page (Cyrillic cp1251, Greek, …): mostly non-ASCII
    letters. French and English text has at most a few accented letters in ten; only then is
    charset-normalizer asked for a better guess."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if ord(ch) > 0x7F) > 0.3 * len(letters)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows NUL in every other byte for Latin text; anything else with NULs is binary."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for encoding, nuls in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
        if nuls >= 0.5 * half:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _checked(text: str, name: str) -> str:
    """Reject decoded text that is mostly controls (binary data that happened to decode) or blank."""
    if not text.strip():
        raise InputError(f"{name}: the file is empty or holds only whitespace")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls > max(3, _MAX_CONTROL_SHARE * len(text)):
        raise InputError(f"{name}: looks like a binary file ({controls} control characters), not text")
    return text
