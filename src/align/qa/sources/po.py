"""Gettext PO files for QA, read with translate-toolkit's `pofile` (it reads PO well, plurals included).

Each translated entry becomes a unit (its line: the `msgctxt`/`msgid` line) whose id is what a translator searches for: `msgctxt` and `msgid`
joined by `|` when there is a context (`month name|May`), and `[n]` after a plural form's id (`[0]`
singular against `msgid`, the other forms against `msgid_plural`). Untranslated entries (empty msgstr),
fuzzy entries (not used by gettext at run time) and obsolete ones are skipped: they are to-do items,
not translations to check. Source language: English unless given; target: the header's `Language`.
"""

from __future__ import annotations

from pathlib import Path

from align.errors import InputError
from align.model import TranslationUnit


def _entry_id(unit) -> str:
    context = unit.getcontext()
    source = str(unit.source.strings[0] if unit.hasplural() else unit.source)
    return f"{context}|{source}" if context else source


def _keyword_line(lines: list[bytes], start: int) -> int:
    """The line of the entry's `msgctxt` or `msgid` (translate-toolkit gives the entry's first comment)."""
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].startswith((b"msgctxt", b"msgid")):
            return number
    return start


def read_po(path: Path, src_lang: str | None, tgt_lang: str | None) -> list[TranslationUnit]:
    from translate.storage import pypo

    try:
        store = pypo.pofile.parsefile(str(path))
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable PO file ({error})") from None
    src = src_lang or store.getsourcelanguage() or "en"
    tgt = tgt_lang or store.gettargetlanguage()
    if not tgt:
        raise InputError(f"{path}: the PO header names no Language; give --tgt-lang")
    lines = path.read_bytes().splitlines()
    units = []
    for entry in store.units:
        if entry.isheader() or entry.isobsolete() or entry.isfuzzy() or not entry.istranslated():
            continue
        ident, line = _entry_id(entry), _keyword_line(lines, entry.line_number)
        context = {"context": entry.getcontext()} if entry.getcontext() else {}
        notes = [note for note in (entry.getnotes() or "").splitlines() if note]
        if not entry.hasplural():
            units.append(TranslationUnit(str(entry.source), str(entry.target), src, tgt, tuid=ident,
                                         props=context, notes=notes, line=line))
            continue
        sources = [str(s) for s in entry.source.strings]
        for form, target in enumerate(entry.target.strings):
            source = sources[0] if form == 0 or len(sources) == 1 else sources[1]
            units.append(TranslationUnit(source, str(target), src, tgt, tuid=f"{ident}[{form}]",
                                         props={"plural": str(form), **context}, notes=notes, line=line))
    return units
