"""Inline codes of XLIFF and TMX segments rendered as tags, so that QA can check them.

A CAT tool's `<bpt>`, `<ph>`, `<g>`, `<pc>` stand for formatting or code the translator must keep. The
project's file readers flatten them away (right for alignment); QA keeps each one as a short tag token
(`<ph id="3"/>`, `<g id="1">…</g>`) whose identity is the code's id, so the `markup` check can say that
`<ph id="3"/>` was lost. Native code held inside a code (`<bpt>&lt;b&gt;</bpt>`) is not shown: its id
already identifies it, and translators never edit it.
"""

from __future__ import annotations

from align.formats.xmlsafe import local_name, text_child

# element name -> how it is rendered: "pair" (content kept between an opening and a closing tag),
# "empty" (one self-closing token, content dropped), "text" (content kept, no token), "drop".
XLIFF12 = {"g": "pair", "x": "empty", "bx": "empty", "ex": "empty", "ph": "empty", "bpt": "empty",
           "ept": "empty", "it": "empty", "mrk": "text", "sub": "drop"}
XLIFF2 = {"pc": "pair", "ph": "empty", "sc": "empty", "ec": "empty", "mrk": "text", "sm": "drop", "em": "drop",
          "cp": "drop"}
TMX = {"bpt": "empty", "ept": "empty", "ph": "empty", "it": "empty", "ut": "empty", "hi": "text", "sub": "drop"}
_ID_ATTRIBUTES = ("id", "i", "x", "rid", "startRef")


def _token(element, name: str, closing: bool = False) -> str:
    if closing:
        return f"</{name}>"
    attributes = "".join(f' {a}="{element.get(a)}"' for a in _ID_ATTRIBUTES if element.get(a) is not None)
    return f"<{name}{attributes}>"


def render(element, spec: dict[str, str]) -> str:
    """The text of `element` with its inline codes as tag tokens (see the module docstring)."""
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
