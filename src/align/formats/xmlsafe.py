"""The one hardened XML parser for untrusted files (TMX, XLIFF, TBX, SRX, the parts of a .docx), and
writing only characters XML 1.0 allows.

Why: these files often come from outside (a client, a web crawl, another tool). Entity expansion (billion
laughs), external entities and DTD fetching must never happen, so the parser never resolves entities,
never loads a DTD, never touches the network, and a document that declares entities is refused before
parsing. Limits: the file size (`align.limits.FILE_SIZE`), and libxml2's own limits without `huge_tree`
(nesting 256 levels, 10 MB per text node). A declared encoding is checked against the bytes (an 8-bit
file that says UTF-16 is refused, BOM-less UTF-16 is read). Every failure is an InputError naming the file
and the line: `safe_iterparse` streams, `parse_xml` builds a tree (and refuses unexpanded entities).
"""

from __future__ import annotations

import codecs
import os
import re
import warnings
from pathlib import Path
from typing import Iterator

from lxml import etree

from align.errors import AlignWarning, InputError
from align.fileio import checked_input

# XML 1.0 `Char`: tab, LF, CR, and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_PROLOG_LIMIT = 1 << 20  # bytes scanned for DOCTYPE/ENTITY before the root element
_ROOT_START = re.compile(r"<[A-Za-z_:]")
_XML_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def strip_forbidden(text: str) -> tuple[str, int]:
    """Remove the characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F).

    Returns the clean text and how many characters were removed, so writers can report them.
    """
    clean, removed = _FORBIDDEN.subn("", text)
    return clean, removed


def has_forbidden(text: str) -> bool:
    return _FORBIDDEN.search(text) is not None


def sniff_encoding(head: bytes) -> str:
    """The encoding of an XML document from its first bytes: BOM, UTF-16 pattern, declaration, else UTF-8."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    if head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<"):
        return "utf-16-be"
    match = _XML_DECL_ENCODING.match(head)
    if match:
        name = match.group(1).decode("ascii")
        try:
            codecs.lookup(name)
        except LookupError:
            return "latin-1"  # only used to scan the prolog; check_declared_encoding refuses the file
        return "utf-8" if _wide(name) else name  # an 8-bit file cannot be UTF-16; refused before parsing
    return "utf-8"


def _wide(encoding: str) -> bool:
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def check_declared_encoding(head: bytes, name: str) -> None:
    """Refuse a declaration that cannot be right: an encoding Python does not know, or UTF-16/UTF-32
    declared in a file whose bytes are 8-bit (lxml would fail with a bare UnicodeError)."""
    match = _XML_DECL_ENCODING.match(head.removeprefix(codecs.BOM_UTF8))
    if match is None:
        return
    declared = match.group(1).decode("ascii")
    try:
        wide = _wide(declared)
    except LookupError:
        raise InputError(f"{name}: declares an unknown encoding {declared!r} in its XML declaration") from None
    if wide:
        raise InputError(f"{name}: declares encoding {declared!r} but its bytes are 8-bit text (no UTF-16 "
                         "byte order); fix the declaration (encoding=\"UTF-8\") or save it as UTF-16")


def read_head_text(path: Path, limit: int = _PROLOG_LIMIT) -> str:
    """The first `limit` bytes of a file decoded as its XML encoding (undecodable bytes replaced)."""
    with open(path, "rb") as handle:
        head = handle.read(limit)
    decoder = codecs.getincrementaldecoder(sniff_encoding(head))(errors="replace")
    return decoder.decode(head)


def refuse_hostile(path: Path, name: str | None = None, allow_doctype: bool = True) -> None:
    """Raise InputError when the document declares entities (the billion-laughs and XXE vectors) or its
    declared encoding cannot be right. For files; `refuse_hostile_bytes` does the same for data."""
    with open(path, "rb") as handle:
        head = handle.read(_PROLOG_LIMIT)
    refuse_hostile_bytes(head, name or str(path), allow_doctype)


def refuse_hostile_bytes(head: bytes, name: str, allow_doctype: bool = True) -> None:
    """Entities can only be declared in the DOCTYPE, before the root element, so scanning the prolog is
    enough. A plain `<!DOCTYPE tmx SYSTEM "tmx11.dtd">` (as OmegaT writes) is accepted unless
    `allow_doctype` is False (Word never writes one): the DTD is never loaded."""
    check_declared_encoding(head, name)
    text = codecs.getincrementaldecoder(sniff_encoding(head))(errors="replace").decode(head)
    root = _ROOT_START.search(text)
    prolog = text[: root.start()] if root else text
    if "<!ENTITY" in prolog:
        raise _declares_entities(name)
    if not allow_doctype and "<!DOCTYPE" in prolog:
        raise InputError(f"{name}: refused: the part has a DOCTYPE, which this format never has")


_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                       remove_comments=True, remove_pis=True)


def _declares_entities(name: str) -> InputError:
    return InputError(f"{name}: refused: the document declares XML entities in its DOCTYPE (entity expansion "
                      "and external entities are never processed; remove the DOCTYPE's internal subset)")


def _refuse_declared_entities(element, name: str) -> None:
    """The parser's view of the DOCTYPE, for a prolog longer than the scanned head (padding)."""
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is not None and next(iter(dtd.iterentities()), None) is not None:
        raise _declares_entities(name)


def _checked_file(path: str | os.PathLike, name: str | None = None, allow_doctype: bool = True) -> Path:
    path = checked_input(path)
    refuse_hostile(path, name, allow_doctype)
    return path


def safe_iterparse(path: str | os.PathLike, events: tuple[str, ...] = ("start", "end"),
                   root: str | None = None, what: str = "") -> Iterator:
    """`lxml.etree.iterparse` over an untrusted file: no entities, no DTD, no network, no huge trees.

    Yields (event, element) like iterparse; syntax errors become InputError with the line number.
    With `root` (and "start" among `events`), a root element of another name is an InputError saying the
    file is not `what` ("a TMX file"). Callers clear elements they have processed (the tree must not grow).
    """
    path = _checked_file(path)
    etree.clear_error_log()  # the log lxml attaches to errors would otherwise hold earlier files' errors
    parser_events = etree.iterparse(str(path), events=events, encoding=utf8_override(path, str(path)),
                                    **_PARSER_OPTIONS)
    first = True
    try:
        for event, element in parser_events:
            if first:
                _refuse_declared_entities(element, str(path))
                first = False
            if root is not None:
                if local_name(element) != root:
                    raise InputError(f"{path}: not {what} (root element <{local_name(element)}>, "
                                     f"expected <{root}>)")
                root = None
            yield event, element
    except (etree.XMLSyntaxError, UnicodeError) as error:
        failure = _parse_error(error, str(path))
    except OSError as error:  # lxml's file reader reports some encoding errors as "Error reading file"
        failure = InputError(f"{path}: cannot be read as XML ({error})")
    else:
        return
    # Raised outside the except block, so the error holds no __context__: lxml's error log cannot be
    # pickled, and tblib (which Dask installs in every process that imports it) pickles __context__ too.
    raise failure


def parse_xml(source: str | os.PathLike | bytes, name: str | None = None, *, allow_doctype: bool = True,
              what: str = "document"):
    """The root element of an untrusted XML file (a path) or document (bytes, named `name`), built with
    the same guards as `safe_iterparse`. An entity reference left unexpanded (declared in an external DTD
    that is never loaded) is refused with its line: readers would otherwise lose the text after it."""
    if isinstance(source, bytes):
        name = name or "XML data"
        if not source.strip():
            raise InputError(f"{name}: empty {what}")
        refuse_hostile_bytes(source[:_PROLOG_LIMIT], name, allow_doctype)
    else:
        name = name or str(source)
        # Read here (the size is checked first): lxml's own file reader turns some encoding errors
        # into a bare OSError without the line.
        source = _checked_file(source, name, allow_doctype).read_bytes()
    etree.clear_error_log()
    parser = etree.XMLParser(encoding=utf8_override(source, name), **_PARSER_OPTIONS)
    root, failure = None, None
    try:
        root = etree.fromstring(source, parser)
    except (etree.XMLSyntaxError, UnicodeError) as error:
        failure = _parse_error(error, name)
    if failure is not None:
        raise failure  # outside the except block: no unpicklable __context__ (see safe_iterparse)
    if root is None:
        raise InputError(f"{name}: no root element")
    _refuse_declared_entities(root, name)
    entity = next(root.iter(etree.Entity), None)
    if entity is not None:
        raise InputError(f"{name}: {EntityInText(entity)}")
    return root


def utf8_override(source: Path | bytes, name: str) -> str | None:
    """"utf-8" when the document declares a single-byte encoding (ISO-8859-1, Windows-1252...) but its
    bytes are valid UTF-8 with non-ASCII characters, as a tool that re-saved the file without fixing the
    declaration leaves it; reading it as declared would turn every accent into mojibake. Said in a
    warning. None otherwise (the declaration stands)."""
    if isinstance(source, bytes):
        head, chunks = source[:_PROLOG_LIMIT], iter([source])
    else:
        with open(source, "rb") as handle:
            head = handle.read(_PROLOG_LIMIT)
        chunks = _chunks(source)
    match = _XML_DECL_ENCODING.match(head.removeprefix(codecs.BOM_UTF8))
    if match is None or codecs.lookup(match.group(1).decode("ascii")).name in ("utf-8", "ascii") \
            or _wide(match.group(1).decode("ascii")):
        return None
    decoder, ascii_only = codecs.getincrementaldecoder("utf-8")(), True
    try:
        for chunk in chunks:
            decoder.decode(chunk)
            ascii_only = ascii_only and chunk.isascii()
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    if ascii_only:
        return None
    warnings.warn(f"{name}: declares encoding {match.group(1).decode('ascii')!r} but its bytes are UTF-8; "
                  "read as UTF-8 (fix the declaration)", AlignWarning, stacklevel=3)
    return "utf-8"


def _chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(size):
            yield chunk


def _parse_error(error: Exception, name: str) -> InputError:
    """One line for a parser failure: the first real error of lxml's log (the exception itself may only
    say "no element found"), with the libxml2 limits said in words."""
    if isinstance(error, UnicodeError):
        return InputError(f"{name}: the bytes do not match the declared encoding ({error})")
    first = next((e for e in error.error_log if e.level >= etree.ErrorLevels.ERROR), None)
    line = first.line if first is not None else (error.lineno or "?")
    message = first.message if first is not None else (error.msg or str(error))
    if "Excessive depth" in message or "xmlParserMaxDepth" in message:
        message = "elements nested deeper than 256 levels (the parser's limit for untrusted files)"
    elif "Invalid bytes in character encoding" in message:
        message += " (the file is not in the encoding it declares, UTF-8 when it declares none; fix the " \
                   "declaration or save the file as UTF-8)"
    elif "Text node too long" in message or "huge text node" in message or "Huge input lookup" in message:
        message = "a text node or name over 10 MB (the parser's limit for untrusted files)"
    return InputError(f"{name}: malformed XML at line {line}: {message}")


class EntityInText(Exception):
    """An entity reference that was not expanded (declared in an external DTD we never load)."""

    def __init__(self, element):
        super().__init__(f"line {element.sourceline}: the entity {element.text} is not defined in the file "
                         "(external DTDs are never loaded; replace it with the character)")


def text_child(element) -> bool:
    """True for an element child whose text counts; raises EntityInText for an unexpanded entity."""
    if isinstance(element, etree._Entity):
        raise EntityInText(element)
    return isinstance(element.tag, str)


def local_name(element) -> str:
    """Tag without namespace (`{urn:oasis:...}trans-unit` -> `trans-unit`); '' for comments/PIs."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def release(element) -> None:
    """Free a processed element and its already-processed siblings, so iterparse streams in O(1) memory."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
