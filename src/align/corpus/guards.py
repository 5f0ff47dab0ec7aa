"""Cheap checks that veto a mined sentence pair the embeddings liked (precision over recall).

Mined pairs come from unrelated documents, so a near-miss ("the 48th session" for "the 49th session",
a clause of 2019 for one of 2021) is the typical error; the embeddings barely see numbers. Each guard is
a plain function `(source, target, src_lang, tgt_lang) -> reason or None`, so that the report can say why a
pair was refused.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\w+")
#: Thresholds of the guards (in the signature through `describe`).
MIN_WORDS = 4
MAX_RATIO = 2.0
SLACK = 10


def digit_runs(text: str) -> list[str]:
    """The runs of digits of a text, sorted, without leading zeros: `5th August 2019` -> ['2019', '5'].

    Digit runs survive French/English number formatting (`4,2 millions` / `4.2 million`, `1 000` /
    `1,000`, `49ème` / `49th`), so comparing them is a language-independent test that numbers agree.
    """
    return sorted(run.lstrip("0") or "0" for run in _DIGITS.findall(text))


def numbers_differ(source: str, target: str, src_lang: str = "fr", tgt_lang: str = "en") -> str | None:
    """Numbers, dates and ordinals disagree. French and English are read as `align qa` reads them
    (`align.qa.numbers`: `quarante-neuvième` = `49th`, `soixante-dix-huitième` is not `20th`, `16 mars` =
    `March 16`), any finding of its number check, weak ones included, refuses the pair; other languages
    compare digit runs."""
    if {src_lang[:2].lower(), tgt_lang[:2].lower()} <= {"fr", "en"}:
        from align.model import TranslationUnit
        from align.qa.checks.number_mismatch import NumberMismatch

        unit = TranslationUnit(source, target, src_lang=src_lang, tgt_lang=tgt_lang)
        differ = any(True for _ in NumberMismatch().check(unit, 0, None))
    else:
        differ = digit_runs(source) != digit_runs(target)
    return "numbers differ" if differ else None


def length_ratio_off(source: str, target: str, src_lang: str = "fr", tgt_lang: str = "en") -> str | None:
    """Character lengths of a translation stay within `MAX_RATIO` (French runs ~10-20% longer than English);
    `SLACK` characters keep short headings from being judged on a ratio of tiny numbers."""
    longer, shorter = max(len(source), len(target)), min(len(source), len(target))
    if longer > MAX_RATIO * shorter + SLACK:
        return "length ratio"
    return None


def too_short(source: str, target: str, src_lang: str = "fr", tgt_lang: str = "en") -> str | None:
    """Very short segments ("H.E.", "Mr.", "The Foreign Ministers:", under `MIN_WORDS` words) match many
    things for the wrong reason; a TM gains nothing from mining them."""
    if min(len(_WORD.findall(source)), len(_WORD.findall(target))) < MIN_WORDS:
        return "too short"
    return None


GUARDS = (too_short, length_ratio_off, numbers_differ)  # in the order `refusal` runs them


def describe() -> str:
    """The guards in the order they run, with their thresholds, for the output signature."""
    return (f"too_short(min_words={MIN_WORDS}),length_ratio_off(max_ratio={MAX_RATIO},slack={SLACK}),"
            "numbers_differ(align.qa.numbers for fr/en, else digit runs)")


def refusal(source: str, target: str, src_lang: str = "fr", tgt_lang: str = "en") -> str | None:
    """The first guard that refuses the pair, or None when all accept it."""
    for guard in GUARDS:
        reason = guard(source, target, src_lang, tgt_lang)
        if reason:
            return reason
    return None
