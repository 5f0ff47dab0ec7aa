"""Inline codes of TMX and XLIFF segments, rendered one of two ways (`read_store(..., inline=...)`).

A CAT tool's `<bpt>`, `<ph>`, `<g>`, `<pc>` stand for formatting or code the translator must keep.
- "text" (alignment, convert, corpus tools): the codes are flattened away and only the words remain
  (`Le <bpt i="1">&lt;b&gt;</bpt>Conseil` -> `Le Conseil`); wrappers such as `g`, `hi`, `mrk`, `pc`
  keep their text.
- "tags" (QA): each code becomes a short tag token (`<ph id="3"/>`, `<g id="1">…</g>`) whose identity is
  the code's id, so the `markup` check can say that `<ph id="3"/>` was lost. Native code held inside a
  code (`<bpt>&lt;b&gt;</bpt>`) is never shown: its id already identifies it, and translators never
  edit it.
"""

from __future__ import annotations

from align.formats.xmlsafe import local_name, text_child

INLINE_MODES = ("text", "tags")

# element name -> how it is rendered: "pair" (content kept between an opening and a closing tag),
# "empty" (one self-closing token, content dropped), "text" (content kept, no token; also any element
# not listed), "drop" (content and element dropped).
_TMX_CODES = ("bpt", "ept", "ph", "it", "ut")
_XLIFF12_CODES = ("x", "bx", "ex", "ph", "bpt", "ept", "it")
_XLIFF2_CODES = ("ph", "sc", "ec")
SPECS: dict[str, dict[str, dict[str, str]]] = {
    "tmx": {
        "text": {name: "drop" for name in _TMX_CODES},
        "tags": {**{name: "empty" for name in _TMX_CODES}, "hi": "text", "sub": "drop"},
    },
    "xliff12": {
        "text": {name: "drop" for name in _XLIFF12_CODES},
        "tags": {**{name: "empty" for name in _XLIFF12_CODES}, "g": "pair", "mrk": "text", "sub": "drop"},
    },
    "xliff2": {
        "text": {**{name: "drop" for name in _XLIFF2_CODES}, "sm": "drop", "em": "drop", "cp": "drop"},
        "tags": {**{name: "empty" for name in _XLIFF2_CODES}, "pc": "pair", "mrk": "text", "sm": "drop",
                 "em": "drop", "cp": "drop"},
    },
}
_ID_ATTRIBUTES = ("id", "i", "x", "rid", "startRef")


def _token(element, name: str, closing: bool = False) -> str:
    if closing:
        return f"</{name}>"
    attributes = "".join(f' {a}="{element.get(a)}"' for a in _ID_ATTRIBUTES if element.get(a) is not None)
    return f"<{name}{attributes}>"


def render(element, spec: dict[str, str]) -> str:
    """The text of `element` (a `seg`, `source`, `target`, `mrk`) rendered by `spec` (one of `SPECS`).
    Raises `xmlsafe.EntityInText` for an entity the parser left unexpanded."""
    parts = [element.text or ""]
    for child in element:
        if not text_child(child):
            parts.append(child.tail or "")
            continue
        name = local_name(child)
        how = spec.get(name, "text")
        if how == "pair":
            parts += [_token(child, name), render(child, spec), _token(child, name, closing=True)]
        elif how == "empty":
            parts.append(_token(child, name)[:-1] + "/>")
        elif how == "text":
            parts.append(render(child, spec))
        parts.append(child.tail or "")
    return "".join(parts)
