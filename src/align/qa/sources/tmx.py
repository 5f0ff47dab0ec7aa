"""TMX 1.4 for QA, inline codes kept (level 2: `<bpt>`, `<ept>`, `<ph>`, `<it>` as tag tokens).

Parsed with the safe parser. The unit id is the `tu`'s `tuid` (else its 1-based position), its line the
`tu`'s line. The pair of languages is the header's `srclang` and the other language of the first `tu`,
unless given; a `tu` without both is skipped.
"""

from __future__ import annotations

from pathlib import Path

from align.errors import InputError
from align.formats.languages import primary
from align.formats.xmlsafe import EntityInText, local_name, release, safe_iterparse
from align.model import TranslationUnit
from align.qa.sources.inline import TMX, render

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _variants(tu) -> dict[str, str]:
    out = {}
    for tuv in tu:
        if local_name(tuv) != "tuv":
            continue
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
        seg = next((child for child in tuv if local_name(child) == "seg"), None)
        if seg is not None and lang:
            out.setdefault(lang, render(seg, TMX))
    return out


def _pick(langs: list[str], wanted: str) -> str | None:
    exact = [lang for lang in langs if lang.lower() == wanted.lower()]
    same = [lang for lang in langs if primary(lang) == primary(wanted)]
    return (exact or same or [None])[0]


def read_tmx(path: Path, src_lang: str | None, tgt_lang: str | None) -> list[TranslationUnit]:
    units: list[TranslationUnit] = []
    header_src = None
    position = 0
    try:
        for event, element in safe_iterparse(path, events=("start", "end"), root="tmx", what="a TMX file"):
            name = local_name(element)
            if event == "start":
                if name == "header":
                    header_src = element.get("srclang")
                continue
            if name != "tu":
                continue
            position += 1
            variants = _variants(element)
            langs = list(variants)
            if not langs:  # an empty <tu>: nothing to check
                release(element)
                continue
            declared = header_src if header_src and header_src.lower() != "*all*" else None
            src = _pick(langs, src_lang or declared or langs[0])
            others = [lang for lang in langs if lang != src]
            tgt = _pick(others, tgt_lang) if tgt_lang else (others[0] if others else None)
            if src and tgt:
                units.append(TranslationUnit(variants[src], variants[tgt], src, tgt,
                                             tuid=element.get("tuid") or str(position),
                                             props={"line": str(element.sourceline)}))
            release(element)
    except EntityInText as error:
        raise InputError(f"{path}: {error}") from None
    return units
