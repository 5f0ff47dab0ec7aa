"""XLIFF bilingual files: written as 1.2 (to send units to a translator), read as 1.0-1.2 (plain, Trados
`.sdlxliff`, memoQ `.mqxliff`) and 2.0/2.1 (by `align convert`, `align qa` and every other reader).

Why not translate-toolkit's `xlifffile` (checked with 3.20.4): it writes the XLIFF 1.1 namespace and
`version="1.1"`, silently turns a vertical tab into a space, builds the whole document in memory, and when
reading ignores `<seg-source>` segmentation (a Trados/memoQ file with two `mrk` segments comes back as one
unit with both sentences). Its reader is still used in our tests as an independent consumer of what we
write.

Writer: `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language=
target-language= datatype="plaintext" original=>`, one `trans-unit` per unit (`id` = tuid), `<target>`
omitted when empty (untranslated), `state="needs-review-translation"` when the alignment score is below
`WriteOptions.review_below` (else `translated`), provenance as `<context context-type="x-KEY">` in a
context-group named after the unit (names are unique per `<file>` in the strict schema).

Reader (one set of rules for every caller; see `Format.read` for the options):
- Ids are those the CAT tool shows: the `trans-unit`/`unit` id; `id/mid` for each `mrk mtype="seg"`
  segment of a 1.x unit whose source and target are segmented (a target that is not segmented makes the
  unit one unit), `id/segment-id` for a 2.x unit of several segments, the `mid` alone in a Trados
  sdlxliff (Trados numbers segments by `mid` across the file; told by the extension or the SDL namespace).
- Untranslated units (no target, or an empty one) are read with an empty target, or skipped and counted
  with `translated_only`; `translate="no"` units are skipped and counted (not translations).
- Languages: each `<file>`'s (the 2.x root's), three-letter codes made two-letter (memoQ's `fre`); the
  requested languages reverse the direction or fill in a language the file leaves out, and one the file
  does not have is a ConfigError.
- `line`: the line of the segment's `mrk` or 2.x `segment`, else of the `trans-unit`.
- Inline codes flattened to text or kept as tag tokens (`inline.py`); 1.x provenance
  `<context context-type="x-KEY">` read back as props.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from align import __version__
from align.errors import ConfigError, InputError
from align.fileio import atomic_write
from align.formats.base import Format, UnitStore, WriteOptions, WriteReport, prop_score, provenance
from align.formats.inline import SPECS, render
from align.formats.languages import primary, two_letter
from align.formats.xmlsafe import EntityInText, local_name, release, safe_iterparse
from align.model import TranslationUnit
from align.signature import Signature

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_SPACE = f"{{{XML_NS}}}space"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


class XliffFormat(Format):
    name = "xliff"
    extensions = (".xlf", ".xliff")
    read_extensions = (".sdlxliff", ".mqxliff")  # read, never written: Trados and memoQ need their own
    xml = True

    def sniff(self, head: str) -> bool:
        return "<xliff" in head[:4096]

    # ---------------------------------------------------------------- writing

    def write(self, path: Path, units: Iterable[TranslationUnit], report: WriteReport, options: WriteOptions,
              signature: Signature | None) -> None:
        file_attrib = {
            "original": options.original or path.name,
            "source-language": report.src_lang,
            "target-language": report.tgt_lang,
            "datatype": "plaintext",
            "tool-id": "align",
        }
        with atomic_write(path, "wb") as handle:
            with etree.xmlfile(handle, encoding="UTF-8") as xf:
                xf.write_declaration()
                with xf.element(_q("xliff"), {"version": "1.2"}, nsmap={None: NS, "xml": XML_NS}):
                    # `xmlns:xml` is redundant but legal; without it lxml's xmlfile writes `ns0:space`.
                    xf.write("\n")
                    with xf.element(_q("file"), file_attrib):
                        xf.write("\n")
                        self._header(xf, signature)
                        with xf.element(_q("body")):
                            xf.write("\n")
                            for number, unit in enumerate(units, 1):
                                self._trans_unit(xf, unit, number, options.review_below)
                        xf.write("\n")
                    xf.write("\n")

    @staticmethod
    def _header(xf, signature: Signature | None) -> None:
        # Nested xmlfile contexts inherit the root's default namespace (a prebuilt element would
        # redeclare it on every trans-unit).
        with xf.element(_q("header")):
            xf.write("\n  ")
            with xf.element(_q("tool"), {"tool-id": "align", "tool-name": "align", "tool-version": __version__}):
                pass
            if signature is not None:
                xf.write("\n  ")
                with xf.element(_q("note"), {"from": "align"}):
                    xf.write(signature.format())
            xf.write("\n")
        xf.write("\n")

    @staticmethod
    def _trans_unit(xf, unit: TranslationUnit, number: int, review_below: float | None) -> None:
        tuid = unit.tuid if unit.tuid is not None else str(number)
        with xf.element(_q("trans-unit"), {"id": tuid, XML_SPACE: "preserve"}):
            xf.write("\n  ")
            with xf.element(_q("source")):
                xf.write(unit.source)
            if unit.target:
                xf.write("\n  ")
                with xf.element(_q("target"), state=_state(unit, review_below)):
                    xf.write(unit.target)
            props = provenance(unit)
            if props:
                xf.write("\n  ")
                # The strict schema wants context-group names unique within a <file>: one per unit.
                with xf.element(_q("context-group"), name=f"align-{tuid}", purpose="information"):
                    for key, value in props.items():
                        xf.write("\n    ")
                        with xf.element(_q("context"), {"context-type": f"x-{key}"}):
                            xf.write(value)
                    xf.write("\n  ")
            for note in unit.notes:
                xf.write("\n  ")
                with xf.element(_q("note")):
                    xf.write(note)
            xf.write("\n")
        xf.write("\n")

    # ---------------------------------------------------------------- reading

    def read(self, path: Path, *, src_lang: str | None = None, tgt_lang: str | None = None,
             inline: str = "text", translated_only: bool = False) -> UnitStore:
        events = _events(path)
        _, major, sdl = next(events)
        first_file = next(events, None)
        if first_file is None or first_file[0] != "file":
            raise InputError(f"{path}: not an XLIFF file (no <file>)")
        src, tgt, swap = _direction(path, first_file[1], first_file[2], src_lang, tgt_lang)
        store = UnitStore(path=path, format=self.name, src_lang=src, tgt_lang=tgt, units=iter(()))
        reading = _Reading(path, (src_lang, tgt_lang), SPECS["xliff12" if major == 1 else "xliff2"][inline],
                           sdl, translated_only, store)
        store.units = reading.units(events, (src, tgt, swap))
        return store


SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"


def _events(path: Path) -> Iterator[tuple]:
    """("xliff", major version, is Trados sdlxliff) first; ("file", source-language, target-language)
    whenever the languages of the units that follow are declared (each 1.x `<file>`, the 2.x root);
    ("unit", element) for each 1.x `trans-unit` or 2.x `unit` (released after use)."""
    major = 0
    for event, element in safe_iterparse(path, root="xliff", what="an XLIFF file"):
        name = local_name(element)
        if event == "start":
            if name == "xliff":
                major = _major_version(path, element)
                yield "xliff", major, path.suffix.lower() == ".sdlxliff" or SDL_NS in element.nsmap.values()
                if major == 2:
                    yield "file", element.get("srcLang"), element.get("trgLang")
            elif name == "file" and major == 1:
                yield "file", element.get("source-language"), element.get("target-language")
        elif name == ("trans-unit" if major == 1 else "unit"):
            yield "unit", element
            release(element)


def _major_version(path: Path, root) -> int:
    version = root.get("version") or ("2.0" if ":document:2" in root.tag else "1.2")
    if version.split(".")[0] not in ("1", "2"):
        raise InputError(f"{path}: XLIFF {version} is not supported (XLIFF 1.0-1.2 and 2.x are read)")
    return int(version.split(".")[0])


def _direction(path: Path, file_src: str | None, file_tgt: str | None, want_src: str | None,
               want_tgt: str | None) -> tuple[str, str, bool]:
    """(source, target, reversed) for the units of one `<file>`: the file's languages (three-letter codes
    made two-letter), reversed when the requested ones are the file's the other way round. A requested
    language the file lacks is a ConfigError; one the file leaves out is taken from the request."""
    file_src, file_tgt = (two_letter(code) if code else None for code in (file_src, file_tgt))

    def same(want: str | None, code: str | None) -> bool:
        return code is not None and primary(want) == primary(code)

    forward = all(not want or code is None or same(want, code)
                  for want, code in ((want_src, file_src), (want_tgt, file_tgt)))
    swap = not forward
    if swap:
        if not ((not want_src or same(want_src, file_tgt)) and (not want_tgt or same(want_tgt, file_src))):
            source_found = not want_src or file_src is None or same(want_src, file_src) or same(want_src, file_tgt)
            side, want = ("target", want_tgt) if source_found else ("source", want_src)
            raise ConfigError(f"{path}: {side} language {want} not found "
                              f"(the file is {file_src or '?'} -> {file_tgt or '?'})")
        file_src, file_tgt = file_tgt, file_src
    src, tgt = file_src or want_src, file_tgt or want_tgt
    if not src or not tgt:
        missing = "source" if not src else "target"
        option = "--src-lang" if missing == "source" else "--tgt-lang"
        raise InputError(f"{path}: the file names no {missing} language; give {option}")
    return src, tgt, swap


class _Reading:
    """The units of one XLIFF file being read: languages per `<file>`, skips counted into the store."""

    def __init__(self, path: Path, wanted: tuple[str | None, str | None], spec: dict[str, str], sdl: bool,
                 translated_only: bool, store: UnitStore):
        self.path, self.wanted, self.spec, self.sdl = path, wanted, spec, sdl
        self.translated_only, self.store = translated_only, store

    def units(self, events: Iterator[tuple], direction: tuple[str, str, bool]) -> Iterator[TranslationUnit]:
        src, tgt, swap = direction
        for kind, *rest in events:
            if kind == "file":
                src, tgt, swap = _direction(self.path, rest[0], rest[1], *self.wanted)
                continue
            element = rest[0]
            if element.get("translate") == "no":
                self.store.skipped["not-translatable"] += 1
                continue
            try:
                found = (_units12(element, self.spec, self.sdl) if local_name(element) == "trans-unit"
                         else _units2(element, self.spec))
            except EntityInText as error:
                raise InputError(f"{self.path}: {error}") from None
            for unit, translated in found:
                if self.translated_only and not translated:
                    self.store.skipped["untranslated"] += 1
                    continue
                if swap:
                    unit.source, unit.target = unit.target, unit.source
                unit.src_lang, unit.tgt_lang = src, tgt
                yield unit


def _first_children(element, names: tuple[str, ...]) -> dict[str, object]:
    found = {}
    for child in element:
        name = local_name(child)
        if name in names and name not in found:
            found[name] = child
    return found


def _props_and_notes(element) -> tuple[dict[str, str], list[str]]:
    """Provenance (`<context context-type="x-KEY">`, as the writer records it) and notes of a 1.x unit."""
    props, notes = {}, []
    for child in element:
        name = local_name(child)
        if name == "context-group":
            for context in child:
                kind = context.get("context-type", "")
                if local_name(context) == "context" and kind.startswith("x-"):
                    props[kind[2:]] = context.text or ""
        elif name == "note":
            notes.append(child.text or "")
    return props, notes


def _units12(element, spec: dict[str, str], sdl: bool) -> list[tuple[TranslationUnit, bool]]:
    """(unit, translated) of a 1.x `trans-unit`: one per `mrk mtype="seg"` segment when the source is
    segmented and the target is too (or absent), else one for the whole unit."""
    parts = _first_children(element, ("source", "seg-source", "target"))
    props, notes = _props_and_notes(element)
    score, tuid = prop_score(props), element.get("id") or ""
    target_el = parts.get("target")
    segments = _mrk_segments(parts["seg-source"]) if "seg-source" in parts else {}
    target_segments = _mrk_segments(target_el) if target_el is not None else {}
    if segments and (target_el is None or target_segments):
        out = []
        for mid, mrk in segments.items():
            label = mid if sdl else (tuid if len(segments) == 1 else f"{tuid}/{mid}")
            target_mrk = target_segments.get(mid)
            target = render(target_mrk, spec) if target_mrk is not None else ""
            out.append((TranslationUnit(render(mrk, spec), target, "", "", label, dict(props), list(notes), score,
                                        line=mrk.sourceline), bool(target.strip())))
        return out
    source = render(parts["source"], spec) if "source" in parts else ""
    target = render(target_el, spec) if target_el is not None else ""
    return [(TranslationUnit(source, target, "", "", tuid, props, notes, score, line=element.sourceline),
             bool(target.strip()))]


def _units2(element, spec: dict[str, str]) -> list[tuple[TranslationUnit, bool]]:
    """(unit, translated) of each `segment` of a 2.x `unit`; the id is the unit's, with `/segment-id`
    when the unit has several segments."""
    tuid = element.get("id") or ""
    notes = [note.text or "" for group in element if local_name(group) == "notes"
             for note in group if local_name(note) == "note"]
    segments = [child for child in element if local_name(child) == "segment"]
    out = []
    for number, segment in enumerate(segments, start=1):
        parts = _first_children(segment, ("source", "target"))
        source = render(parts["source"], spec) if "source" in parts else ""
        target = render(parts["target"], spec) if "target" in parts else ""
        label = tuid if len(segments) == 1 else f"{tuid}/{segment.get('id') or number}"
        out.append((TranslationUnit(source, target, "", "", label, {}, list(notes), line=segment.sourceline),
                    bool(target.strip())))
    return out


def _state(unit: TranslationUnit, review_below: float | None) -> str:
    """`needs-review-translation` for an alignment the aligner is unsure of, so a CAT tool flags it."""
    if review_below is not None and unit.score is not None and unit.score < review_below:
        return "needs-review-translation"
    return "translated"


def _mrk_segments(element) -> dict[str, object]:
    """{mid: mrk} of each `<mrk mtype="seg">` in a seg-source or segmented target."""
    return {mrk.get("mid", ""): mrk for mrk in element.iter()
            if local_name(mrk) == "mrk" and mrk.get("mtype") == "seg"}
