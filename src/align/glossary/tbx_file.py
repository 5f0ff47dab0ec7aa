"""Glossary as TBX: v3 (ISO 30042:2019, TBX-Basic, DCA style) by default, v2 (`<martif>`) on request.

Why our own reader and writer: translate-toolkit reads and writes only v2 and fails on v3, and CAT tools
are moving to v3 while many still exchange v2. The two versions share one structure under other names:

    v3: tbx / tbxHeader / text/body / conceptEntry / langSec / termSec / term
    v2: martif / martifHeader / text/body / termEntry / langSet / tig / term

One concept entry per source term (an acronym pair and its expansion pair share one): the source term(s)
in the source language section, every rendering in the target section with its administrative status
(preferred / admitted / deprecated = our `forbidden`), `termType` acronym / fullForm where known, the
example unit as `descrip type="context"` on each side, and frequency/score in a `note`. The reader pairs
each target term with the source terms of the same concept, so write -> read gives the same rows.
Files from outside are untrusted: no entity expansion, no DTD, no network; declared entities are refused.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from lxml import etree

from align import __version__
from align.errors import InputError
from align.fileio import atomic_write
from align.glossary.csv_file import normalise_status
from align.glossary.model import CATEGORIES, EXAMPLE_SEPARATOR, Glossary, TermPair

TBX3_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_TO_TBX = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                 "forbidden": "deprecatedTerm-admn-sts"}
KIND_TO_TERM_TYPE = {"acronym": "acronym", "expansion": "fullForm"}
TERM_TYPE_TO_KIND = {"acronym": "acronym", "abbreviation": "acronym", "initialism": "acronym",
                     "fullform": "expansion"}
_NOTE_RE = re.compile(r"frequency:\s*(\d+)\s*;\s*score:\s*([-+0-9.eE]+)")
_CATEGORY_RE = re.compile(r"category:\s*(\w+)")
_CANDIDATE_RE = re.compile(r"status:\s*candidate")
# TBX-Basic v2 (LISA 2008): the DOCTYPE names its core structure DTD, the root says the dialect.
TBX2_DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
# Characters XML 1.0 cannot hold (C0 controls but tab, newline, carriage return; lone surrogates; FFFE/FFFF).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Names:
    """Element names of one TBX version."""

    def __init__(self, version: int) -> None:
        self.version = version
        v3 = version == 3
        self.ns = TBX3_NS if v3 else None
        self.root, self.header = ("tbx", "tbxHeader") if v3 else ("martif", "martifHeader")
        self.entry, self.lang_section, self.term_section = (
            ("conceptEntry", "langSec", "termSec") if v3 else ("termEntry", "langSet", "tig")
        )

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name


def write_tbx(path: str | Path, glossary: Glossary, version: int = 3) -> int:
    """Write the glossary; returns how many texts lost characters XML cannot hold (U+0001…), which a
    TMX or PO file may carry but no XML file can: they are left out rather than failing the whole file."""
    names = _Names(version)
    cleaned = [0]
    nsmap = {None: names.ns} if names.ns else None
    root = etree.Element(names.tag(names.root), nsmap=nsmap)
    if version == 3:
        root.set("type", "TBX-Basic")
        root.set("style", "dca")
    else:
        root.set("type", "TBX-Basic")
    root.set(XML_LANG, glossary.src_lang)
    header = etree.SubElement(root, names.tag(names.header))
    file_desc = etree.SubElement(header, names.tag("fileDesc"))
    source_desc = etree.SubElement(file_desc, names.tag("sourceDesc"))
    etree.SubElement(source_desc, names.tag("p")).text = (
        f"Bilingual term candidates written by align {__version__} ({glossary.src_lang} -> {glossary.tgt_lang})"
    )
    if glossary.signature:
        etree.SubElement(source_desc, names.tag("p")).text = f"signature: {glossary.signature}"
    body = etree.SubElement(etree.SubElement(root, names.tag("text")), names.tag("body"))
    for number, rows in enumerate(_concepts(glossary.pairs), start=1):
        _write_entry(body, names, f"c{number}", [_xml_safe(row, cleaned) for row in rows], glossary)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype=None if version == 3 else TBX2_DOCTYPE)
    with atomic_write(path, "wb") as handle:
        handle.write(data)
    return cleaned[0]


def _xml_safe(row: TermPair, cleaned: list[int]) -> TermPair:
    """The row with characters XML forbids removed from its texts; `cleaned[0]` counts the texts."""
    texts = {name: getattr(row, name) for name in ("source", "target", "example")}
    safe = {name: _XML_FORBIDDEN.sub("", text) for name, text in texts.items()}
    changed = [name for name in texts if safe[name] != texts[name]]
    if not changed:
        return row
    cleaned[0] += len(changed)
    return dataclasses.replace(row, **safe)


def _concepts(pairs: list[TermPair]) -> list[list[TermPair]]:
    """Rows grouped into concept entries: by `concept` when set, else by source term; file order kept."""
    groups: dict[str, list[TermPair]] = {}
    for pair in pairs:
        groups.setdefault(pair.concept or f"source:{pair.source}", []).append(pair)
    return list(groups.values())


def _write_entry(body, names: _Names, entry_id: str, rows: list[TermPair], glossary: Glossary) -> None:
    entry = etree.SubElement(body, names.tag(names.entry), id=entry_id)
    source_section = etree.SubElement(entry, names.tag(names.lang_section))
    source_section.set(XML_LANG, glossary.src_lang)
    target_section = etree.SubElement(entry, names.tag(names.lang_section))
    target_section.set(XML_LANG, glossary.tgt_lang)
    source_terms: dict[tuple[str, str], etree._Element] = {}
    for number, row in enumerate(rows, start=1):
        target_id = f"{entry_id}-t{number}"
        source_example, _, target_example = row.example.partition(EXAMPLE_SEPARATOR)
        key = (row.source, row.kind)
        if key not in source_terms:
            source_status = "candidate" if all(r.status == "candidate" for r in rows) else "preferred"
            source_terms[key] = _term_section(source_section, names, row.source, row.kind, source_status)
        if source_example:
            context = _context(source_terms[key], names, source_example)
            context.set("target", target_id)
        term_section = _term_section(target_section, names, row.target, row.kind, row.status)
        term_section.set("id", target_id)
        if target_example:
            _context(term_section, names, target_example)
        etree.SubElement(term_section, names.tag("note")).text = _note(row)


def _note(row: TermPair) -> str:
    """Frequency, score and category in a note (TBX-Basic has no data category for them); a candidate
    says so here, because TBX-Basic's administrativeStatus has no value for "not reviewed yet"."""
    note = f"frequency: {row.frequency}; score: {row.score:g}"
    if row.category:
        note += f"; category: {row.category}"
    if row.status == "candidate":
        note += "; status: candidate"
    return note


def _term_section(parent, names: _Names, term: str, kind: str, status: str):
    section = etree.SubElement(parent, names.tag(names.term_section))
    etree.SubElement(section, names.tag("term")).text = term
    if kind in KIND_TO_TERM_TYPE:
        etree.SubElement(section, names.tag("termNote"), type="termType").text = KIND_TO_TERM_TYPE[kind]
    if status in STATUS_TO_TBX:  # a candidate has none: nobody has set its status yet
        etree.SubElement(section, names.tag("termNote"), type="administrativeStatus").text = STATUS_TO_TBX[status]
    return section


def _context(section, names: _Names, text: str):
    context = etree.Element(names.tag("descrip"), type="context")
    context.text = text
    notes = [child for child in section if _local(child) == "note"]
    if notes:  # TBX-Basic order in a term section: term, termNote*, descrip*, note*
        notes[0].addprevious(context)
    else:
        section.append(context)
    return context


# ---------------------------------------------------------------------------------------------- reading


def read_tbx(path: str | Path, src_lang: str | None = None, tgt_lang: str | None = None) -> Glossary:
    """Term pairs of a TBX v3 or v2 file. Source language: `src_lang`, else the root's xml:lang, else the
    first language section; target: `tgt_lang` when the file has it, else the first other language."""
    from align.formats.xmlsafe import parse_xml  # the project's one hardened XML parser

    path = Path(path)
    root = parse_xml(path)
    if _local(root) not in ("tbx", "martif"):
        raise InputError(f"{path}: not a TBX file (root element <{_local(root)}>, expected <tbx> or <martif>)")

    entries = [e for e in root.iter() if _local(e) in ("conceptEntry", "termEntry")]
    sections = [[(_lang(s), s) for s in entry if _local(s) in ("langSec", "langSet")] for entry in entries]
    languages = [lang for entry in sections for lang, _ in entry if lang]
    present = list(dict.fromkeys(map(_primary, languages)))
    source = _primary(src_lang or root.get(XML_LANG) or (languages[0] if languages else "fr"))
    others = [lang for lang in present if lang != source]
    # the asked target language, else the file's other one (translate-toolkit writes its target as `xx`)
    target = _primary(tgt_lang) if tgt_lang and _primary(tgt_lang) in present else (others[0] if others else "en")
    glossary = Glossary(src_lang=src_lang or source, tgt_lang=tgt_lang or target)
    for entry, entry_sections in zip(entries, sections):
        sources = [t for lang, s in entry_sections if _primary(lang) == source for t in _terms(s)]
        targets = [t for lang, s in entry_sections if _primary(lang) == target for t in _terms(s)]
        glossary.pairs.extend(_pairs(entry.get("id", ""), sources, targets))
    return glossary


class _Term:
    def __init__(self, section) -> None:
        self.id = section.get("id", "")
        self.text = _term_text(section)
        self.kind, self.status, self.frequency, self.score, self.category = "term", "", 0, 0.0, ""
        self.contexts: list[tuple[str, str]] = []  # (text, target id it pertains to, or "")
        candidate = False
        for child in section.iter():
            name, value = _local(child), " ".join("".join(child.itertext()).split())
            kind = child.get("type", "")
            if name == "termNote" and kind == "termType":
                self.kind = TERM_TYPE_TO_KIND.get(value.lower(), "term")
            elif name == "termNote" and kind in ("administrativeStatus", "normativeAuthorization"):
                self.status = normalise_status(value) or "preferred"
            elif name == "descrip" and kind == "context":
                self.contexts.append((value, child.get("target", "")))
            elif name == "note":
                match = _NOTE_RE.search(value)
                if match:
                    self.frequency, self.score = int(match.group(1)), float(match.group(2))
                category = _CATEGORY_RE.search(value)
                self.category = category.group(1) if category and category.group(1) in CATEGORIES else ""
                candidate = candidate or bool(_CANDIDATE_RE.search(value))
        # an explicit status wins; else a note written by align says candidate; else a person's term
        self.status = self.status or ("candidate" if candidate else "preferred")


def _term_text(section) -> str:
    for child in section.iter():
        if _local(child) == "term":
            return " ".join("".join(child.itertext()).split())
    return ""


def _terms(lang_section) -> list[_Term]:
    terms = [_Term(s) for s in lang_section.iter() if _local(s) in ("termSec", "tig", "ntig")]
    return [t for t in terms if t.text]


def _pairs(concept: str, sources: list[_Term], targets: list[_Term]) -> list[TermPair]:
    """Each target term with the source terms of its kind (acronym with acronym), else with all of them."""
    pairs = []
    for target in targets:
        same_kind = [s for s in sources if s.kind == target.kind]
        usable = [s for s in (same_kind or sources) if s.status != "forbidden"] or same_kind or sources
        target_context = next((text for text, _ in target.contexts), "")
        for source in usable:
            source_context = next((text for text, ref in source.contexts if ref == target.id and ref), None)
            if source_context is None:
                source_context = next((text for text, ref in source.contexts if not ref), "")
            example = source_context + (f"{EXAMPLE_SEPARATOR}{target_context}" if target_context else "")
            pairs.append(TermPair(source.text, target.text, target.status, target.frequency, target.score,
                                  example, target.kind if target.kind == source.kind else "term", concept,
                                  target.category))
    return pairs


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _lang(element) -> str:
    return element.get(XML_LANG) or element.get("lang") or ""


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()
