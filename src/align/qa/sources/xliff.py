"""XLIFF for QA: 1.0-1.2 (including Trados `.sdlxliff` and memoQ `.mqxliff`) and 2.0/2.1.

Parsed with the project's safe parser (`align.formats.xmlsafe.safe_iterparse`: no entities, no DTD, no
network). Inline codes are kept as tag tokens (`align.qa.sources.inline`). Unit ids are those the CAT tool
shows: the `trans-unit`/`unit` id, with `/mid` (1.2 `mrk mtype="seg"`) or `/segment id` (2.x) when a
unit holds several segments; in `.sdlxliff` Trados numbers segments by `mid`, so the `mid` alone is the
id. Line numbers are the element's line in the file. Units without a target are skipped (not translated
yet); the languages come from the file unless given.
"""

from __future__ import annotations

from pathlib import Path

from align.errors import InputError
from align.formats.xmlsafe import EntityInText, local_name, release, safe_iterparse
from align.model import TranslationUnit
from align.qa.sources.inline import XLIFF12, XLIFF2, render


def read_xliff(path: Path, src_lang: str | None, tgt_lang: str | None) -> list[TranslationUnit]:
    units: list[TranslationUnit] = []
    langs = {"src": None, "tgt": None, "version": "1.2"}
    sdl = path.suffix.lower() == ".sdlxliff"
    try:
        for event, element in safe_iterparse(path, events=("start", "end"), root="xliff", what="an XLIFF file"):
            name = local_name(element)
            if event == "start":
                if name == "xliff":
                    langs["version"] = element.get("version") or "1.2"
                    langs["src"], langs["tgt"] = element.get("srcLang"), element.get("trgLang")
                elif name == "file" and langs["version"].startswith("1"):
                    langs["src"] = element.get("source-language") or langs["src"]
                    langs["tgt"] = element.get("target-language") or langs["tgt"]
                continue
            if name == "trans-unit":
                units += _unit12(element, src_lang or langs["src"], tgt_lang or langs["tgt"], sdl)
                release(element)
            elif name == "unit" and not langs["version"].startswith("1"):
                units += _unit2(element, src_lang or langs["src"], tgt_lang or langs["tgt"])
                release(element)
    except EntityInText as error:
        raise InputError(f"{path}: {error}") from None
    if units and not (units[0].src_lang and units[0].tgt_lang):
        raise InputError(f"{path}: the file names no source/target language; give --src-lang and --tgt-lang")
    return units


def _children(element, name: str) -> list:
    return [child for child in element if local_name(child) == name]


def _segments(container) -> dict[str, object]:
    """{mid: mrk} of a 1.2 `seg-source`/`target` split into `mrk mtype="seg"` segments."""
    return {m.get("mid"): m for m in container.iter() if local_name(m) == "mrk" and m.get("mtype") == "seg"}


def _unit12(element, src: str | None, tgt: str | None, sdl: bool) -> list[TranslationUnit]:
    if element.get("translate") == "no":
        return []
    ident = element.get("id") or ""
    sources, targets = _children(element, "source"), _children(element, "target")
    seg_sources = _children(element, "seg-source")
    if not targets:
        return []
    notes = [n.text or "" for n in _children(element, "note")]
    if seg_sources and _segments(seg_sources[0]) and _segments(targets[0]):
        source_segments, target_segments = _segments(seg_sources[0]), _segments(targets[0])
        single = len(source_segments) == 1 and not sdl
        out = []
        for mid, mrk in source_segments.items():
            target = target_segments.get(mid)
            if target is None or not render(target, XLIFF12).strip():
                continue
            label = mid if sdl else (ident if single else f"{ident}/{mid}")
            out.append(TranslationUnit(render(mrk, XLIFF12), render(target, XLIFF12), src, tgt, tuid=label,
                                       props={"line": str(mrk.sourceline)}, notes=notes))
        return out
    target = render(targets[0], XLIFF12)
    if not sources or not target.strip():
        return []
    return [TranslationUnit(render(sources[0], XLIFF12), target, src, tgt, tuid=ident,
                            props={"line": str(element.sourceline)}, notes=notes)]


def _unit2(element, src: str | None, tgt: str | None) -> list[TranslationUnit]:
    if element.get("translate") == "no":
        return []
    ident = element.get("id") or ""
    segments = [s for s in element if local_name(s) == "segment"]
    notes = [n.text or "" for notes in _children(element, "notes") for n in notes if local_name(n) == "note"]
    out = []
    for number, segment in enumerate(segments, start=1):
        sources, targets = _children(segment, "source"), _children(segment, "target")
        if not sources or not targets or not render(targets[0], XLIFF2).strip():
            continue
        label = ident if len(segments) == 1 else f"{ident}/{segment.get('id') or number}"
        out.append(TranslationUnit(render(sources[0], XLIFF2), render(targets[0], XLIFF2), src, tgt,
                                   tuid=label, props={"line": str(segment.sourceline)}, notes=notes))
    return out
