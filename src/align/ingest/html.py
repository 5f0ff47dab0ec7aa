"""HTML reader (.html/.htm) via lxml.html, safely: no network, no entity expansion, a size limit.

The page's main text is taken first (`boilerplate.py`: no menus, banners, breadcrumbs, share links,
related stories, footers). Block elements (p, div, li, td, headings, …) are paragraphs; h1–h6 are
headings; `<li>` in `<ol>` get their
number as marker (`start` honoured), in `<ul>` a `•`. Script, style, nav and other non-content elements are
skipped. Whitespace is collapsed as a browser does (except in `<pre>`); `&nbsp;` stays U+00A0 like in text
files; `<br>` ends a line, which the segmenter treats as a segment end.
"""

from __future__ import annotations

import re
from pathlib import Path

from align.errors import InputError
from align.ingest.base import Reader
from align.ingest.boilerplate import main_content
from align.ingest.htmldepth import flatten_deep_markup
from align.ingest.paragraphs import Block, document_from_blocks
from align.ingest.textdecode import decode_text, normalise_text
from align.model import Document

_SKIPPED = {"script", "style", "nav", "noscript", "template", "head", "svg", "math", "iframe", "object",
            "canvas", "button", "select", "textarea"}
_BLOCKS = {"p", "div", "li", "dt", "dd", "td", "th", "caption", "figcaption", "blockquote", "pre", "address",
           "section", "article", "header", "footer", "aside", "main", "h1", "h2", "h3", "h4", "h5", "h6",
           "ul", "ol", "dl", "table", "tr", "thead", "tbody", "tfoot", "form", "fieldset", "legend", "hr",
           "body", "html", "center", "details", "summary", "figure"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; U+00A0 is not collapsed
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Pages larger than this are refused (a news article page is well under 5 MiB).
MAX_HTML_BYTES = 64 * 1024 * 1024


class HtmlReader(Reader):
    format = "html"
    extensions = (".html", ".htm", ".xhtml")

    def read(self, path: Path, lang: str | None = None) -> Document:
        if path.stat().st_size > MAX_HTML_BYTES:
            raise InputError(f"{path.name}: the page is larger than {MAX_HTML_BYTES // (1024 * 1024)} MiB; "
                             "refused (save the article alone)")
        data = path.read_bytes()
        text, encoding = _decode_html(data, path)
        root = _parse(_XML_DECLARATION.sub("", text), path)
        blocks = blocks_from_tree(main_content(root))
        if not blocks:
            raise InputError(f"{path.name}: the page holds no text outside scripts, styles and navigation")
        return document_from_blocks(blocks, path=path, lang=lang, format=self.format,
                                    meta={"encoding": encoding, "unwrapped": "no"})


def _parse(text: str, path: Path):
    """The page's tree. `huge_tree`: libxml2 otherwise stops at 255 levels of nesting and drops the rest of
    the page; past 2048 levels it stops even so, and the markup is flattened first (`htmldepth.py`)."""
    import lxml.etree
    import lxml.html

    for flatten in (False, True):
        parser = lxml.html.HTMLParser(no_network=True, huge_tree=True, remove_comments=True, remove_pis=True)
        try:
            root = lxml.html.document_fromstring(flatten_deep_markup(text) if flatten else text, parser=parser)
        except (lxml.etree.ParserError, ValueError) as error:
            raise InputError(f"{path.name}: not a readable HTML page ({error})") from None
        if not any("Excessive depth" in str(entry.message) for entry in parser.error_log):
            return root
    raise InputError(f"{path.name}: the page is nested too deeply to read")


def _decode_html(data: bytes, path: Path) -> tuple[str, str]:
    """A declared `<meta charset>` wins (when Python knows it), else the same detection as text files."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), name.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, path)


def blocks_from_tree(root) -> list[Block]:
    """The paragraphs of a parsed page (or of the main-content fragment a boilerplate remover returns)."""
    collector = _BlockCollector()
    collector.walk(root)
    return collector.finish()


class _BlockCollector:
    """Walks the tree, gathering inline text into the current block and closing it at block boundaries.

    The walk keeps its own stack rather than recursing: pages nest elements thousands deep, and every
    level's text counts.
    """

    def __init__(self):
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.marker: str | None = None  # the number of the current <li>, until its first block is emitted
        self.heading_depth = 0
        self.pre_depth = 0
        self.list_stack: list[list] = []  # [tag, next number]

    def flush(self) -> None:
        text = normalise_text("".join(self.parts))
        self.parts = []
        lines = [line.strip(" ") for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text.strip():
            kind = "heading" if self.heading_depth else "text"
            self.blocks.append(Block(text, kind=kind, marker=self.marker))
            self.marker = None

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text if self.pre_depth else _SPACES.sub(" ", text))

    def walk(self, root) -> None:
        stack: list[tuple[object, bool]] = [(root, False)]
        while stack:
            element, closing = stack.pop()
            if closing:
                self._close(element)
            elif self._open(element):
                stack.append((element, True))
                stack.extend((child, False) for child in reversed(element))

    def _open(self, element) -> bool:
        """Start an element; False when its content is skipped (only its tail counts)."""
        tag = _tag(element)
        if tag is None or tag in _SKIPPED:  # a comment or processing instruction, or non-content
            self.add(element.tail)
            return False
        if tag == "br":
            self.parts.append("\n")
            self.add(element.tail)
            return False
        if tag in _BLOCKS:
            self.flush()
        if tag in _HEADINGS:
            self.heading_depth += 1
        if tag == "li":
            self.marker = self._next_marker()
        if tag in ("ol", "ul"):
            start = element.get("start", "1")
            self.list_stack.append([tag, int(start) if start.lstrip("-").isdigit() else 1])
        if tag == "pre":
            self.pre_depth += 1
        self.add(element.text)
        return True

    def _close(self, element) -> None:
        tag = _tag(element)
        if tag in _BLOCKS:
            self.flush()
        if tag == "pre":
            self.pre_depth -= 1
        if tag in ("ol", "ul"):
            self.list_stack.pop()
        if tag in _HEADINGS:
            self.heading_depth -= 1
        if tag == "li":
            self.marker = None
        self.add(element.tail)

    def _next_marker(self) -> str:
        if not self.list_stack or self.list_stack[-1][0] == "ul":
            return "•"
        number = self.list_stack[-1][1]
        self.list_stack[-1][1] += 1
        return f"{number}."

    def finish(self) -> list[Block]:
        self.flush()
        return self.blocks


def _tag(element) -> str | None:
    return element.tag.lower().rsplit("}", 1)[-1] if isinstance(element.tag, str) else None
