"""TMX: the translation memory exchange format every CAT tool imports.

Writer: TMX 1.4b in the profile that OmegaT, Trados and memoQ import (see the project notes): UTF-8
without BOM, no DOCTYPE, all seven header attributes plus `creationdate`, header `srclang` equal to the
source `tuv` of every unit, exactly two `tuv`s per `tu`, hyphenated language codes, UTC dates, a `tuid`,
provenance in `x-` props before the `tuv`s, the Signature in the header, segment text exactly as given
(only characters XML forbids are removed, and reported). Streams with `lxml.etree.xmlfile`.

Reader: TMX 1.1 to 1.4 (`lang=` as OmegaT exports, or `xml:lang`), any encoding lxml detects (UTF-8,
UTF-16, with or without BOM), any language pair. One pair per file: the requested languages, else the
header's `srclang` and the first other language of the first `tu` with two languages (with `*all*`, that
tu's first variant is the source); each `tu` gives the unit of that pair (the exact code, else one of the
same language), and a `tu` without it is counted as skipped. Level 2 inline codes flattened to text (the
text of `hi` kept, `bpt/ept/ph/it/ut` dropped) or kept as tag tokens for QA (`inline.py`). The unit id is
the `tuid`, else the `tu`'s position (1-based), its `line` the `tu`'s line. Streams with `iterparse`;
hostile documents are refused (see xmlsafe.py).

Props: a unit prop `document` is written as `<prop type="x-document">` (the `x-` prefix Trados needs) and
read back as `document`; `unit.score` travels as the `x-score` prop (4 decimals) when the unit has no score
prop of its own (see `base.provenance`).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from align import __version__
from align.errors import ConfigError, InputError
from align.fileio import atomic_write
from align.formats.base import Format, UnitStore, WriteOptions, WriteReport, bare_key, prop_score, provenance
from align.formats.inline import SPECS, render
from align.formats.languages import primary, same_code, two_letter
from align.formats.xmlsafe import EntityInText, local_name, release, safe_iterparse
from align.model import TranslationUnit
from align.signature import Signature

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SIGNATURE_PROP = "x-align-signature"


def _lang_of(element) -> str | None:
    return element.get(XML_LANG) or element.get("lang")


class TmxFormat(Format):
    name = "tmx"
    extensions = (".tmx",)
    xml = True

    def sniff(self, head: str) -> bool:
        return "<tmx" in head[:4096]

    # ---------------------------------------------------------------- writing

    def write(self, path: Path, units: Iterable[TranslationUnit], report: WriteReport, options: WriteOptions,
              signature: Signature | None) -> None:
        date = options.tmx_date()
        header_attrib = {
            "creationtool": "align",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "align",
            "adminlang": "en",
            "srclang": report.src_lang,
            "datatype": "plaintext",
            "creationdate": date,
        }
        with atomic_write(path, "wb") as handle:
            with etree.xmlfile(handle, encoding="UTF-8") as xf:
                xf.write_declaration()
                with xf.element("tmx", version="1.4"):
                    xf.write("\n")
                    xf.write(self._header(header_attrib, signature), pretty_print=True)
                    with xf.element("body"):
                        xf.write("\n")
                        for number, unit in enumerate(units, 1):
                            xf.write(self._tu(unit, number, report, date), pretty_print=True)
                    xf.write("\n")

    @staticmethod
    def _header(attrib: dict[str, str], signature: Signature | None):
        header = etree.Element("header", attrib)
        if signature is not None:
            etree.SubElement(header, "prop", type=SIGNATURE_PROP).text = signature.format()
            for key, value in signature.as_dict().items():
                name = "version" if key == "align" else key
                etree.SubElement(header, "prop", type=f"x-align-{name}").text = value
        return header

    @staticmethod
    def _tu(unit: TranslationUnit, number: int, report: WriteReport, date: str):
        tu = etree.Element("tu", tuid=unit.tuid if unit.tuid is not None else str(number), creationdate=date)
        for key, value in provenance(unit).items():
            etree.SubElement(tu, "prop", type=f"x-{key}").text = value
        for note in unit.notes:
            etree.SubElement(tu, "note").text = note
        for lang, text in ((report.src_lang, unit.source), (report.tgt_lang, unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
        return tu

    # ---------------------------------------------------------------- reading

    def read(self, path: Path, *, src_lang: str | None = None, tgt_lang: str | None = None,
             inline: str = "text", translated_only: bool = False) -> UnitStore:
        events = self._events(path)
        header = next(events, None)
        if header is None:
            raise InputError(f"{path}: not a TMX file (no <header>)")
        header_props, header_srclang = header
        store = UnitStore(path=path, format=self.name, src_lang="", tgt_lang="", units=iter(()),
                          header=header_props)
        first = self._first_bilingual(events, store)
        src, tgt = self._choose_langs(path, header_srclang, first[1] if first else None, src_lang, tgt_lang)
        store.src_lang, store.tgt_lang = src or (src_lang or ""), tgt or (tgt_lang or "")
        store.units = self._units(path, first, events, src, tgt, SPECS["tmx"][inline], store)
        return store

    def _events(self, path: Path) -> Iterator:
        """Yields (header props, header srclang) once, then (position, element) of each `tu` (released
        after use; positions count every `tu` from 1)."""
        header_done, position = False, 0
        for event, element in safe_iterparse(path, root="tmx", what="a TMX file"):
            name = local_name(element)
            if event == "start":
                if name == "body" and not header_done:
                    raise InputError(f"{path}: not a valid TMX file (<body> before <header>)")
                continue
            if name == "header":
                props = {}
                for child in element:
                    if local_name(child) == "prop" and child.get("type"):
                        props[child.get("type")] = child.text or ""
                header_done = True
                yield props, element.get("srclang")
                release(element)
            elif name == "tu":
                position += 1
                yield position, element
                release(element)
        if not header_done:
            raise InputError(f"{path}: not a valid TMX file (no <header>)")

    @staticmethod
    def _variants(tu) -> list[tuple[str, object]]:
        return [(two_letter(_lang_of(child) or ""), child) for child in tu if local_name(child) == "tuv"]

    def _first_bilingual(self, events: Iterator, store: UnitStore):
        """The first (position, tu) with two languages (it decides the pair); `tu`s before it cannot
        give a unit of any pair and are counted as missing a language."""
        for position, tu in events:
            if len({lang for lang, _ in self._variants(tu) if lang}) >= 2:
                return position, tu
            store.skipped["missing-language"] += 1
        return None

    def _choose_langs(self, path: Path, header_src: str | None, first, want_src: str | None,
                      want_tgt: str | None) -> tuple[str | None, str | None]:
        """Source: the requested language, else header `srclang`, else (for `*all*`) the first bilingual
        tu's first variant. Target: the requested language, else the first other language of that tu."""
        declared = two_letter(header_src) if header_src and header_src.lower() != "*all*" else None
        if first is None:
            return want_src or declared, want_tgt
        langs = [lang for lang, _ in self._variants(first) if lang]
        src = want_src or declared or langs[0]
        src_found = _match(langs, src)
        if src_found is None:
            raise ConfigError(f"{path}: source language {src} not found (the file has {', '.join(langs)})")
        if want_tgt:
            tgt_found = _match([lang for lang in langs if lang != src_found], want_tgt)
            if tgt_found is None:
                raise ConfigError(
                    f"{path}: target language {want_tgt} not found (the file has {', '.join(langs)})")
        else:
            tgt_found = next((lang for lang in langs if not same_code(lang, src_found)), None)
            if tgt_found is None:
                raise InputError(f"{path}: the first <tu> with two variants has no language besides {src}")
        return src_found, tgt_found

    def _units(self, path: Path, first, events: Iterator, src: str | None, tgt: str | None,
               spec: dict[str, str], store: UnitStore) -> Iterator[TranslationUnit]:
        if first is None:
            return
        for position, tu in itertools.chain([first], events):
            try:
                unit = self._unit(tu, src, tgt, spec)
            except EntityInText as error:
                raise InputError(f"{path}: {error}") from None
            if unit is None:
                store.skipped["missing-language"] += 1
                continue
            unit.tuid = unit.tuid or str(position)
            yield unit

    def _unit(self, tu, src: str, tgt: str, spec: dict[str, str]) -> TranslationUnit | None:
        variants = self._variants(tu)
        langs = [lang for lang, _ in variants]
        src_lang = _match(langs, src)
        if src_lang is None:
            return None
        src_index = langs.index(src_lang)
        rest = [lang if i != src_index else "" for i, lang in enumerate(langs)]
        tgt_lang = _match(rest, tgt)
        if tgt_lang is None:
            return None
        source = _seg_text(variants[src_index][1], spec)
        target = _seg_text(variants[rest.index(tgt_lang)][1], spec)
        props, notes = {}, []
        for child in tu:
            name = local_name(child)
            if name == "prop" and child.get("type"):
                props[bare_key(child.get("type"))] = child.text or ""
            elif name == "note":
                notes.append(child.text or "")
        return TranslationUnit(source, target, src_lang, tgt_lang, tu.get("tuid"), props, notes,
                               prop_score(props), line=tu.sourceline)


def _seg_text(tuv, spec: dict[str, str]) -> str:
    for child in tuv:
        if local_name(child) == "seg":
            return render(child, spec)
    return ""


def _match(langs: list[str], wanted: str) -> str | None:
    """The code in `langs` equal to `wanted` (case and `_`/`-` ignored), else the first with the same
    primary language (`fr` finds `fr-FR`), else None."""
    for lang in langs:
        if lang and same_code(lang, wanted):
            return lang
    for lang in langs:
        if lang and primary(lang) == primary(wanted):
            return lang
    return None
