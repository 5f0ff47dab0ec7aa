"""SRX rules: loading them safely and splitting one paragraph into sentence spans with choppa-srx.

choppa-srx is a faithful Python port of the Java `segment` library (the SRX engine behind many CAT
tools), so rule files behave here as they do in OmegaT-like tools. The project ships its own rules
(`rules/fr.srx`, `rules/en.srx`), which come first for French and English; every other language gets
LanguageTool's rules (`segment.srx`, bundled unmodified with choppa: German, Spanish, Italian, Portuguese,
Dutch, Russian, Arabic, Chinese/Japanese and some twenty more, and generic rules for any other language;
sentence-boundary F1 per language in BENCHMARKS.md). Users may pass any SRX 2.0 file instead. A user's file
is checked with the project's hardened XML parser first (no DTD, no entities, size limits) because choppa
parses it with a plain SAX parser; rule patterns longer than `align.limits.PATTERN_CHARS` are refused.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from align.errors import ConfigError

RULES_DIR = Path(__file__).parent / "rules"


#: LanguageTool's segmentation rules as choppa ships them (LGPL-2.1; see choppa's PROVENANCE.md).
LANGUAGETOOL_SRX_NAME = "languagetool_segment.srx"


def builtin_languages() -> list[str]:
    """Languages with the project's own rules (others use LanguageTool's)."""
    return sorted(path.stem for path in RULES_DIR.glob("*.srx"))


def languagetool_srx() -> Path:
    import choppa

    return Path(choppa.__file__).parent / "data" / "srx" / LANGUAGETOOL_SRX_NAME


def rules_path(lang: str, srx: str | Path | None = None) -> Path:
    """The SRX file to use: the user's, or the built-in one for the language (`fr`, `fr-FR`, `en_GB`, …)."""
    if srx is not None:
        path = Path(srx)
        if not path.is_file():
            raise ConfigError(f"{srx}: SRX rule file not found")
        return path
    import langcodes

    tag = lang.replace("_", "-")
    if not langcodes.tag_is_valid(tag):
        raise ConfigError(f"no segmentation rules for language {lang!r}: not a language code (BCP 47, e.g. fr, "
                          "de, pt-BR, zh); pass your own rules with --srx FILE")
    path = RULES_DIR / f"{tag.split('-')[0].lower()}.srx"
    return path if path.is_file() else languagetool_srx()


def rules_id(lang: str, srx: str | Path | None = None) -> str:
    """Names the rules for signatures: file name and a short hash of its content (`fr.srx#1a2b3c4d`)."""
    path = rules_path(lang, srx)
    return f"{path.name}#{hashlib.sha1(path.read_bytes()).hexdigest()[:8]}"


@functools.lru_cache(maxsize=16)
def _load(path_text: str, mtime: float):
    """Parse an SRX file once (per modification time) into a choppa document."""
    import choppa

    from align.errors import InputError
    from align.formats.xmlsafe import local_name, parse_xml
    from align.limits import PATTERN_CHARS

    path = Path(path_text)
    try:  # the project's hardened parser first: choppa then reads the file with a plain SAX parser
        root = parse_xml(path, path.name, allow_doctype=False)
    except InputError as error:
        reason = str(error).removeprefix(f"{path.name}: ")
        raise ConfigError(f"{path.name}: not a usable SRX file ({reason})") from None
    if local_name(root) != "srx":
        raise ConfigError(f"{path.name}: not an SRX file (root element <{local_name(root)}>)")
    limit = PATTERN_CHARS.value()
    for element in root.iter():
        if local_name(element) in ("beforebreak", "afterbreak") and len(element.text or "") > limit:
            raise ConfigError(f"{path.name}: line {element.sourceline}: a rule pattern of {len(element.text)} "
                              f"characters is {PATTERN_CHARS.over()}")
    try:
        document = choppa.SrxDocument(ruleset=path_text)
        for language_map in document.language_map_list:  # choppa compiles lazily: check every rule now
            for rule in language_map.language_rule.rules:
                document.compile(rule.before_pattern)
                document.compile(rule.after_pattern)
    except Exception as error:  # choppa and regex raise assorted errors for bad rules
        raise ConfigError(f"{path.name}: invalid SRX rules ({error})") from None
    return document


def _language_codes(lang: str) -> list[str]:
    """Codes to try against a file's language maps, whose case and form vary (`fr`, `FR`, `fr_FR`, `fr-FR`)."""
    base = lang.replace("_", "-").split("-")[0]
    codes = [lang, lang.replace("-", "_"), base, base.lower(), base.upper(),
             f"{base.lower()}_{base.upper()}", f"{base.lower()}-{base.upper()}", f"{base.upper()}-{base.upper()}"]
    return list(dict.fromkeys(codes))


@functools.lru_cache(maxsize=64)
def _language_code(path_text: str, mtime: float, lang: str) -> str:
    document = _load(path_text, mtime)
    for code in _language_codes(lang):
        if document.get_language_rule_list(code):
            return code
    raise ConfigError(f"{Path(path_text).name}: the SRX file has no rules for language {lang!r}")


def split_spans(text: str, lang: str, srx: str | Path | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text` under the SRX rules, trimmed of surrounding whitespace."""
    import choppa

    path = rules_path(lang, srx)
    mtime = path.stat().st_mtime
    document = _load(str(path), mtime)
    code = _language_code(str(path), mtime, lang)
    spans: list[tuple[int, int]] = []
    offset = 0
    for piece in choppa.SrxTextIterator(document, code, text):
        start, end = offset, offset + len(piece)
        offset = end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans
