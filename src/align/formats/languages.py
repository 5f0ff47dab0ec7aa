"""Language codes as CAT tools and TMSs match them: hyphenated, in one configurable form.

Why this exists: OmegaT silently matches nothing when a TMX says `fr_FR` (underscore), and Tolgee, ModernMT
or mtdata compare codes strictly, so every file we write uses one normalised form per language:
`region` style (`fr-FR`, `en-GB`, the default, what Trados and memoQ export) or `bare` style (`fr`, `en`).
"""

from __future__ import annotations

import functools
import re

from align.errors import ConfigError

LANG_STYLES = ("region", "bare")

# The usual region of a bare language code. `xx` -> `xx-XX` is right for most European languages and
# wrong for the ones listed here (there is no region `EN`, `JA`, `ZH`, `AR`, ...).
DEFAULT_REGIONS = {
    "fr": "FR", "en": "GB", "de": "DE", "es": "ES", "pt": "PT", "it": "IT", "nl": "NL",
    "ar": "SA", "zh": "CN", "ja": "JP", "ko": "KR", "sv": "SE", "da": "DK", "el": "GR",
    "cs": "CZ", "uk": "UA", "hi": "IN", "ur": "PK", "fa": "IR", "he": "IL", "nb": "NO",
    "nn": "NO", "ca": "ES", "eu": "ES", "gl": "ES", "et": "EE", "sl": "SI", "sr": "RS",
    "vi": "VN", "ms": "MY", "sq": "AL", "ga": "IE", "cy": "GB", "be": "BY", "hy": "AM",
    "ka": "GE", "kk": "KZ", "bn": "BD", "ta": "IN", "te": "IN", "sw": "KE", "zu": "ZA",
    "af": "ZA", "am": "ET", "ne": "NP", "si": "LK", "km": "KH", "lo": "LA", "my": "MM",
    "ps": "AF", "fil": "PH", "tl": "PH", "ku": "TR", "mr": "IN", "gu": "IN",
    "pa": "IN", "ml": "IN", "kn": "IN", "or": "IN", "yo": "NG", "ha": "NG", "ig": "NG",
    "so": "SO", "ti": "ER", "mt": "MT", "lb": "LU", "ro": "RO", "pl": "PL", "hu": "HU",
    "fi": "FI", "tr": "TR", "ru": "RU", "bg": "BG", "hr": "HR", "sk": "SK", "lt": "LT",
    "lv": "LV", "is": "IS", "mk": "MK", "bs": "BA", "az": "AZ", "uz": "UZ", "id": "ID",
    "th": "TH", "no": "NO",
}

# ISO 639-2 codes (bibliographic and terminology forms) of the languages above that have a two-letter
# code: memoQ and some TMSs write `eng`, `fre`, `ger-DE`; BCP 47 (and every check and writer) wants the
# two-letter code when one exists.
ISO639_2 = {
    "eng": "en", "fre": "fr", "fra": "fr", "ger": "de", "deu": "de", "spa": "es", "por": "pt", "ita": "it",
    "dut": "nl", "nld": "nl", "ara": "ar", "chi": "zh", "zho": "zh", "jpn": "ja", "kor": "ko", "swe": "sv",
    "dan": "da", "gre": "el", "ell": "el", "cze": "cs", "ces": "cs", "ukr": "uk", "hin": "hi", "rus": "ru",
    "pol": "pl", "hun": "hu", "fin": "fi", "tur": "tr", "bul": "bg", "hrv": "hr", "slo": "sk", "slk": "sk",
    "lit": "lt", "lav": "lv", "est": "et", "slv": "sl", "srp": "sr", "rum": "ro", "ron": "ro", "nor": "no",
    "nob": "nb", "nno": "nn", "cat": "ca", "heb": "he", "per": "fa", "fas": "fa", "vie": "vi", "tha": "th",
    "ind": "id", "may": "ms", "msa": "ms",
}

_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def split_code(code: str) -> list[str]:
    """`fr_fr` -> ['fr', 'FR'] with each subtag in its canonical case (BCP 47: `zh-Hant-TW`) and the
    two-letter form of a three-letter language (`fre` -> `fr`)."""
    code = code.strip()
    if not _CODE.match(code):
        raise ConfigError(f"not a language code: {code!r} (expected e.g. fr, fr-FR, en-GB)")
    parts = code.replace("_", "-").split("-")
    out = [ISO639_2.get(parts[0].lower(), parts[0].lower())]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            out.append(part.upper())  # region
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())  # script
        else:
            out.append(part.lower())
    return out


def normalise_lang(code: str, style: str = "region") -> str:
    """One hyphenated code in the requested style: `fr_fr` -> `fr-FR` (region) or `fr` (bare).

    A bare code gains its usual region in `region` style (fr -> fr-FR, en -> en-GB, pt -> pt-PT,
    otherwise xx -> xx-XX); a code that already has a region or script keeps it.
    """
    if style not in LANG_STYLES:
        raise ConfigError(f"unknown language style {style!r} (choose region or bare)")
    parts = split_code(code)
    if style == "bare":
        return parts[0]
    if len(parts) == 1:
        return f"{parts[0]}-{DEFAULT_REGIONS.get(parts[0], parts[0].upper())}"
    return "-".join(parts)


def primary(code: str) -> str:
    """The language subtag alone, lower case, two letters when ISO 639-1 has them: `FR_ca` -> `fr`,
    `fre-CA` -> `fr`. Tolerant: used to compare codes in files."""
    subtag = code.strip().replace("_", "-").split("-")[0].lower()
    return ISO639_2.get(subtag, subtag)


@functools.lru_cache(maxsize=256)  # called for every tuv of a TMX; files hold a handful of codes
def two_letter(code: str) -> str:
    """A code as read from a file, with a three-letter language subtag replaced by its ISO 639-1 form
    (`fre-CA` -> `fr-CA`, `eng` -> `en`); anything else as it is (`EN-us` stays `EN-us`)."""
    head, sep, rest = code.strip().partition("-") if "-" in code else code.strip().partition("_")
    short = ISO639_2.get(head.lower())
    return f"{short}{sep}{rest}" if short else code


def same_code(a: str, b: str) -> bool:
    """Codes equal after normalising case and separator (`fr_FR` == `FR-fr`)."""
    return a.strip().replace("_", "-").lower() == b.strip().replace("_", "-").lower()
