"""XLIFF 1.2 bilingual files, both ways: send units to a translator, read their translations back for QA.

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
Reader: XLIFF 1.0-1.2 (namespace or none), inline elements flattened (text of `g`/`mrk` kept, native
codes `x/bx/ex/ph/bpt/ept/it` dropped), `seg-source` segments paired with the target's `mrk mid`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from align import __version__
from align.errors import ConfigError, InputError
from align.fileio import atomic_write
from align.formats.base import Format, UnitStore, WriteOptions, WriteReport, provenance
from align.formats.languages import primary
from align.formats.xmlsafe import EntityInText, local_name, release, safe_iterparse, text_child
from align.model import TranslationUnit
from align.signature import Signature

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_SPACE = f"{{{XML_NS}}}space"
_CODES = {"x", "bx", "ex", "ph", "bpt", "ept", "it"}


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def flatten(element) -> str:
    """Text of a source/target/mrk: text and tails kept, native codes dropped."""
    parts = [element.text or ""]
    for child in element:
        name = local_name(child) if text_child(child) else ""
        if name and name not in _CODES:
            parts.append(flatten(child))
        parts.append(child.tail or "")
    return "".join(parts)


class XliffFormat(Format):
    name = "xliff"
    extensions = (".xlf", ".xliff")
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

    def read(self, path: Path, *, src_lang: str | None = None, tgt_lang: str | None = None) -> UnitStore:
        events = self._events(path)
        first_file = next(events, None)
        if first_file is None:
            raise InputError(f"{path}: not an XLIFF file (no <file>)")
        file_src, file_tgt = first_file
        swap = False
        if src_lang and file_src and primary(src_lang) != primary(file_src):
            if file_tgt and primary(src_lang) == primary(file_tgt):
                swap = True
            else:
                raise ConfigError(f"{path}: source language {src_lang} not found "
                                  f"(the file is {file_src} -> {file_tgt or '?'})")
        src = file_src or src_lang or "fr"
        tgt = file_tgt or tgt_lang or "en"
        if swap:
            src, tgt = tgt, src
        store = UnitStore(path=path, format=self.name, src_lang=src, tgt_lang=tgt, units=iter(()))
        store.units = self._units(path, events, src, tgt, swap)
        return store

    def _events(self, path: Path) -> Iterator:
        """Yields (source-language, target-language) of the first <file>, then each trans-unit element."""
        seen_file = False
        for event, element in safe_iterparse(path, root="xliff", what="an XLIFF file"):
            name = local_name(element)
            if event == "start":
                if name == "xliff":
                    version = element.get("version", "")
                    if version.startswith("2"):
                        raise InputError(f"{path}: XLIFF {version} is not supported (XLIFF 1.2 expected)")
                elif name == "file" and not seen_file:
                    seen_file = True
                    yield element.get("source-language"), element.get("target-language")
                continue
            if name == "trans-unit":
                yield element
                release(element)

    def _units(self, path: Path, events: Iterator, src: str, tgt: str, swap: bool) -> Iterator[TranslationUnit]:
        for element in events:
            try:
                units = self._from_trans_unit(element, src, tgt)
            except EntityInText as error:
                raise InputError(f"{path}: {error}") from None
            for unit in units:
                if swap:
                    unit.source, unit.target = unit.target, unit.source
                yield unit

    @staticmethod
    def _from_trans_unit(element, src: str, tgt: str) -> list[TranslationUnit]:
        children = {}
        props, notes = {}, []
        for child in element:
            name = local_name(child)
            if name in ("source", "seg-source", "target") and name not in children:
                children[name] = child
            elif name == "context-group":
                for context in child:
                    kind = context.get("context-type", "")
                    if local_name(context) == "context" and kind.startswith("x-"):
                        props[kind[2:]] = context.text or ""
            elif name == "note":
                notes.append(child.text or "")
        score = None
        if "score" in props:
            try:
                score = float(props["score"])
            except ValueError:
                score = None
        tuid = element.get("id")
        source_el, target_el = children.get("source"), children.get("target")
        segmented = children.get("seg-source")
        if segmented is not None:
            source_segments = _mrk_segments(segmented)
            if source_segments:
                target_segments = dict(_mrk_segments(target_el)) if target_el is not None else {}
                return [TranslationUnit(text, target_segments.get(mid, ""), src, tgt, f"{tuid}:{mid}",
                                        dict(props), list(notes), score)
                        for mid, text in source_segments]
        source = flatten(source_el) if source_el is not None else ""
        target = flatten(target_el) if target_el is not None else ""
        return [TranslationUnit(source, target, src, tgt, tuid, props, notes, score)]


def _state(unit: TranslationUnit, review_below: float | None) -> str:
    """`needs-review-translation` for an alignment the aligner is unsure of, so a CAT tool flags it."""
    if review_below is not None and unit.score is not None and unit.score < review_below:
        return "needs-review-translation"
    return "translated"


def _mrk_segments(element) -> list[tuple[str, str]]:
    """(mid, text) of each `<mrk mtype="seg">` in a seg-source or segmented target."""
    return [(mrk.get("mid", ""), flatten(mrk)) for mrk in element.iter()
            if local_name(mrk) == "mrk" and mrk.get("mtype") == "seg"]
