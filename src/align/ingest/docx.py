"""Word reader (.docx) via python-docx: body paragraphs and table cells in document order.

Headings come from the paragraph style (Heading n / Title, also localised names such as "Titre 1") or an
outline level; list paragraphs from Word numbering (`w:numPr` on the paragraph or its style). Word
generates list numbers at display time, so they are not in the text: the reader recomputes them from the
numbering definitions (`1.`, `ii.`, `b)`, a bullet as `•`) and records them as `Paragraph.marker`.
Soft line breaks inside a paragraph become spaces (they are layout, not structure).

A .docx is an untrusted zip of XML parts. Before python-docx inflates anything, the declared sizes of the
parts are checked against `align.limits.DECOMPRESSED_SIZE` (zipfile never inflates past a declared size),
and every XML part goes through the project's hardened parser (no DOCTYPE, no entities, depth and text
limits, encoding checked), so a damaged or hostile file is one InputError naming the file and the part.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from align.errors import InputError, LimitError
from align.formats.xmlsafe import local_name, parse_xml
from align.limits import DECOMPRESSED_SIZE
from align.ingest.base import Reader
from align.ingest.paragraphs import Block, document_from_blocks
from align.ingest.textdecode import normalise_text
from align.model import Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE_PREFIXES = ("heading", "title", "subtitle", "titre", "sous-titre")


class DocxReader(Reader):
    format = "docx"
    extensions = (".docx",)

    def read(self, path: Path, lang: str | None = None) -> Document:
        import docx

        check_package(path)
        try:
            document = docx.Document(str(path))
            numbering = _Numbering(document)
            blocks = [block for paragraph in _paragraphs_in_order(document)
                      if (block := _block(paragraph, numbering)) is not None]
        except Exception as error:  # python-docx raises assorted errors on damaged packages
            raise InputError(f"{path.name}: not a readable .docx file ({type(error).__name__}: "
                             f"{str(error)[:200]})") from None
        if not any(block.text.strip() for block in blocks):
            raise InputError(f"{path.name}: the document holds no text")
        return document_from_blocks(blocks, path=path, lang=lang, format=self.format,
                                    meta={"encoding": "docx", "unwrapped": "no"})


def check_package(path: Path) -> None:
    """Refuse a .docx that is not a zip, would inflate past the limit, or holds an unsafe XML part."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            total = sum(part.file_size for part in parts)
            if total > DECOMPRESSED_SIZE.value():
                raise LimitError(f"{path.name}: the document's parts would inflate to {total / (1 << 20):.0f} MB, "
                                 f"{DECOMPRESSED_SIZE.over()}")
            for part in _xml_parts(archive, path.name):
                parse_xml(archive.read(part), f"{path.name} (part {part.filename})", allow_doctype=False)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError, ValueError,
            struct.error) as error:
        # NotImplementedError: unknown compression; RuntimeError: encrypted part; EOFError: truncated;
        # OSError, ValueError, struct.error: a damaged directory (negative offsets, short headers).
        raise InputError(f"{path.name}: not a readable .docx file ({error})") from None


def _xml_parts(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    """The parts python-docx parses as XML: by name (.xml, .rels) and by the content type the package
    declares for them (a main document may be called `word/x.bin`). SVG images are XML too but are never
    parsed (and legitimately carry a DOCTYPE)."""
    parts = archive.infolist()
    by_name = {part.filename: part for part in parts}
    xml_names = {part.filename for part in parts if part.filename.lower().endswith((".xml", ".rels"))}
    types = by_name.get("[Content_Types].xml")
    if types is not None:
        root = parse_xml(archive.read(types), f"{name} (part [Content_Types].xml)", allow_doctype=False)
        xml_types = {}
        for entry in root:
            content_type = (entry.get("ContentType") or "").lower()
            if content_type.endswith("xml") and "svg" not in content_type:
                xml_types[local_name(entry), (entry.get("PartName") or entry.get("Extension") or "").lower()] = True
        for part in parts:
            extension = part.filename.rsplit(".", 1)[-1].lower() if "." in part.filename else ""
            if ("Override", "/" + part.filename.lower()) in xml_types or ("Default", extension) in xml_types:
                xml_names.add(part.filename)
    return [by_name[part_name] for part_name in sorted(xml_names)]


def _paragraphs_in_order(document):
    """Body paragraphs, and the paragraphs of table cells (merged cells once), in reading order."""
    from docx.table import Table

    def walk(container):
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                seen = set()
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        yield from walk(cell)
            else:
                yield item

    yield from walk(document)


def _block(paragraph, numbering: _Numbering) -> Block | None:
    text = normalise_text(paragraph.text).replace("\n", " ").replace("\t", " ")
    if not text.strip():
        return None
    style = paragraph.style
    style_name = (style.name or "").lower() if style is not None else ""
    if style_name.startswith(_HEADING_STYLE_PREFIXES) or _outline_level(paragraph) is not None:
        return Block(text.strip(), kind="heading")
    marker = numbering.marker_for(paragraph)
    return Block(text.strip(), kind="text", marker=marker)


def _outline_level(paragraph) -> int | None:
    ppr = paragraph._p.pPr
    level = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if level is None:
        return None
    value = int(level.get(f"{_W}val", "9"))
    return value if value < 9 else None


class _Numbering:
    """Recomputes Word's list numbers: counters per list and level, formats from `numbering.xml`."""

    def __init__(self, document):
        self.abstract_for_num: dict[str, object] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            abstracts = {a.get(f"{_W}abstractNumId"): a for a in root.findall(f"{_W}abstractNum")}
            for num in root.findall(f"{_W}num"):
                ref = num.find(f"{_W}abstractNumId")
                if ref is not None:
                    self.abstract_for_num[num.get(f"{_W}numId")] = abstracts.get(ref.get(f"{_W}val"))
        self.counters: dict[str, list[int]] = {}

    def marker_for(self, paragraph) -> str | None:
        num_id, level = _num_pr(paragraph)
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return None
        definition = self._level(num_id, level)
        if definition.get("fmt", "bullet") in ("bullet", "none"):
            return "•"
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] = counters[level] + 1 if counters[level] else int(definition.get("start", "1"))
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        text = definition.get("text", f"%{level + 1}.")  # e.g. "%1." or "%1.%2)" for nested numbering
        for index in range(level + 1):
            outer = self._level(num_id, index)
            value = counters[index] or int(outer.get("start", "1"))
            text = text.replace(f"%{index + 1}", _format_number(value, outer.get("fmt", "decimal")))
        return text.strip() or "•"

    def _level(self, num_id: str, level: int) -> dict[str, str]:
        abstract = self.abstract_for_num.get(num_id)
        if abstract is None:
            return {}
        for lvl in abstract.findall(f"{_W}lvl"):
            if lvl.get(f"{_W}ilvl") == str(level):
                out = {}
                for key, tag in (("fmt", "numFmt"), ("text", "lvlText"), ("start", "start")):
                    element = lvl.find(f"{_W}{tag}")
                    if element is not None and element.get(f"{_W}val") is not None:
                        out[key] = element.get(f"{_W}val")
                return out
        return {}


def _num_pr(paragraph) -> tuple[str | None, int]:
    """(numId, level) from the paragraph's own `w:numPr`, else from its style's."""
    for owner in (paragraph._p, getattr(paragraph.style, "element", None)):
        ppr = owner.find(f"{_W}pPr") if owner is not None else None
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if num_pr is None:
            continue
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        level = int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
        return (num_id.get(f"{_W}val") if num_id is not None else None), min(max(level, 0), 8)
    return None, 0


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for number, numeral in numerals:
            while value >= number:
                out += numeral
                value -= number
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(value)
