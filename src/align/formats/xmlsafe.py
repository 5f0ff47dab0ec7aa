"""Reading untrusted XML (TMX, XLIFF) safely, and writing only characters XML 1.0 allows.

Why: a translation memory often comes from outside (a client, a web crawl, another tool). Entity
expansion (billion laughs), external entities and DTD fetching must never happen, so the parser never
resolves entities, never loads a DTD, never touches the network, and a document that declares entities is
refused before parsing. Malformed files are reported with their line number, not a traceback.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Iterator

from lxml import etree

from align.errors import InputError

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
            return name
        except LookupError:
            return "latin-1"  # only used to scan the prolog; lxml reports the real problem
    return "utf-8"


def read_head_text(path: Path, limit: int = _PROLOG_LIMIT) -> str:
    """The first `limit` bytes of a file decoded as its XML encoding (undecodable bytes replaced)."""
    with open(path, "rb") as handle:
        head = handle.read(limit)
    decoder = codecs.getincrementaldecoder(sniff_encoding(head))(errors="replace")
    return decoder.decode(head)


def refuse_hostile(path: Path) -> None:
    """Raise InputError when the document declares entities (the billion-laughs and XXE vectors).

    Entities can only be declared in the DOCTYPE, before the root element, so scanning the prolog is
    enough. A plain `<!DOCTYPE tmx SYSTEM "tmx11.dtd">` (as OmegaT writes) is accepted: the DTD is never
    loaded.
    """
    text = read_head_text(path)
    root = _ROOT_START.search(text)
    prolog = text[: root.start()] if root else text
    if "<!ENTITY" in prolog:
        raise InputError(
            f"{path}: refused: the document declares XML entities in its DOCTYPE (entity expansion and "
            "external entities are never processed; remove the DOCTYPE's internal subset)"
        )


def safe_iterparse(path: str | os.PathLike, events: tuple[str, ...] = ("start", "end"),
                   root: str | None = None, what: str = "") -> Iterator:
    """`lxml.etree.iterparse` over an untrusted file: no entities, no DTD, no network, no huge trees.

    Yields (event, element) like iterparse; syntax errors become InputError with the line number.
    With `root` (and "start" among `events`), a root element of another name is an InputError saying the
    file is not `what` ("a TMX file"). Callers clear elements they have processed (the tree must not grow).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file")
    refuse_hostile(path)
    etree.clear_error_log()  # the log lxml attaches to errors would otherwise hold earlier files' errors
    parser_events = etree.iterparse(
        str(path),
        events=events,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for event, element in parser_events:
            if root is not None:
                if local_name(element) != root:
                    raise InputError(f"{path}: not {what} (root element <{local_name(element)}>, "
                                     f"expected <{root}>)")
                root = None
            yield event, element
    except etree.XMLSyntaxError as error:
        # The exception itself may only say "no element found"; the log holds the first real error.
        first = next((e for e in error.error_log if e.level >= etree.ErrorLevels.ERROR
                      and e.filename == str(path)), None)
        line = first.line if first is not None else (error.lineno or "?")
        message = first.message if first is not None else (error.msg or str(error))
        raise InputError(f"{path}: malformed XML at line {line}: {message}") from None


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
