"""Pages nested deeper than libxml2 will go (2048 levels even with its `huge` option): the rest of the page,
not just the deep part, would be silently lost. Such markup is rewritten with the standard library's
tokenizer, which has no depth limit: elements below `MAX_DEPTH` lose their tags (block ones leave a line
break), so every piece of text is kept, in order.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

#: Nesting kept as it is; deeper elements are flattened.
MAX_DEPTH = 1000
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {"p", "div", "li", "section", "article", "blockquote", "tr", "td", "th", "h1", "h2", "h3", "h4",
           "h5", "h6", "ul", "ol", "table", "pre", "dd", "dt"}


class _Flattener(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[str] = []

    def _deep(self) -> bool:
        return len(self.stack) >= MAX_DEPTH

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            self.out.append(self.get_starttag_text() or f"<{tag}>")
            return
        if self._deep():
            self.out.append("<br>" if tag in _BLOCKS else "")
        else:
            self.out.append(self.get_starttag_text() or f"<{tag}>")
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if not self._deep():
                self.out.append(f"</{open_tag}>")
            elif open_tag in _BLOCKS:
                self.out.append("<br>")
            if open_tag == tag:
                break

    def handle_data(self, data):
        self.out.append(html.escape(data, quote=False))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def flatten_deep_markup(text: str) -> str:
    """The same page with nesting below `MAX_DEPTH` flattened (comments, doctype and PIs are dropped)."""
    flattener = _Flattener()
    flattener.feed(text)
    flattener.close()
    return "".join(flattener.out)
