"""Reading numbers, dates and ordinals the way French and English write them.

Each number found becomes a `Quantity`: its span and the set of values it may mean. A value is a
(kind, number) pair, kind "n" for a number or "m" for a month, so that `16 mars 2023` and
`March 16, 2023` both read {n16, m3, n2023}. A set rather than one value keeps real ambiguity honest:
French `1,500` is 1.5 in French typography but often 1500 copied from English, so it may match either;
`3,5` can only be 3.5 and never matches English `35`.

Numbers inside identifiers (`SG/SM/19696`, `COVID-19`, `A/RES/47/1`, `G20`) are skipped: they are
names, copied or reformatted, not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPACES = " \u00a0\u202f\u2009"
_GROUP_SPACE = "[\u00a0\u202f\u2009 ]"

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "aug.": 8, "sept.": 9, "sep.": 9, "oct.": 10,
    "nov.": 11, "dec.": 12, "janv.": 1, "févr.": 2, "avr.": 4, "juil.": 7, "déc.": 12,
}

# Spelled-out numbers (French and English), read by `spelled_numbers`. Compound or ordinal ones from 11
# up are quantities like digits (`soixante-dix-huitième` must not become `20th`); the others (`un`,
# `deux`, `mille`, `cent`) are too often articles, idioms or rephrased, and only excuse a digit.
_NUMBER_WORDS = {
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "cent": 100, "cents": 100, "mille": 1000, "million": 10**6, "millions": 10**6, "milliard": 10**9,
    "milliards": 10**9, "premier": 1, "première": 1, "second": 2, "seconde": 2,
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "billion": 10**9, "billions": 10**9, "first": 1, "third": 3, "fifth": 5, "eighth": 8,
    "ninth": 9, "twelfth": 12, "dozen": 12, "douzaine": 12,
}
_ORDINAL_ENDINGS = (("ième", ("", "e")), ("ieth", ("y",)), ("th", ("",)))
_ORDINAL_STEMS = {"cinqu": "cinq", "neuv": "neuf"}


def _word_value(word: str) -> tuple[int | None, bool]:
    """(value, is_ordinal) of one number word, or (None, False)."""
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word], word in ("premier", "première", "first", "third", "fifth", "eighth",
                                             "ninth", "twelfth")
    for ending, restores in _ORDINAL_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            stem = _ORDINAL_STEMS.get(stem, stem)
            for restore in restores:
                if stem + restore in _NUMBER_WORDS:
                    return _NUMBER_WORDS[stem + restore], True
    return None, False


# A cheap first look: does the text hold anything that may start a number word?
_ANY_NUMBER_WORD = re.compile(
    "(?i)(?<![^\\W\\d_])(?:" + "|".join(sorted({w[:4] for w in _NUMBER_WORDS} | {"cinqu", "neuv"}, key=len, reverse=True)) + ")")


def spelled_numbers(text: str) -> list[tuple[int, int, int]]:
    """Numbers written in words, as (value, start, end): `soixante-dix-huitième` -> 78, `two thousand` -> 2000.

    Additive composition (`dix-sept`, `soixante-dix-huit`, `twenty-one`, `vingt et un`), `quatre-vingt`,
    multipliers (`deux cents`, `two hundred`, `deux mille`); an ordinal word ends a number.
    """
    found = []
    if not _ANY_NUMBER_WORD.search(text):
        return found
    tokens = [(m.group().lower(), m.start(), m.end()) for m in re.finditer(r"[^\W\d_]+", text)]
    total = current = last = 0
    start = end = None

    def flush():
        nonlocal total, current, last, start
        if start is not None:
            found.append((total + current, start, end))
        total = current = last = 0
        start = None

    for index, (word, w_start, w_end) in enumerate(tokens):
        if word in ("et", "and") and start is not None:
            following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
            gap_ok = text[end:w_start].strip(" -\u00a0") == "" and following in {"un", "une", "onze", "unième"} | (
                {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
                 "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} if last >= 100 else set())
            if gap_ok:
                end = w_end  # `vingt et un`: the connector joins the words
                continue
            flush()
            continue
        value, ordinal = _word_value(word)
        joined = start is not None and re.fullmatch(r"[\s\-\u00a0]*", text[end:w_start] or "")
        if value is None or (start is not None and not joined):
            flush()
            if value is None:
                continue
        if start is None:
            start = w_start
        if value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        elif current == 0 or value < last:
            current += value
        elif last == 4 and value == 20:
            current += 76  # quatre-vingt(s)
        else:
            flush()
            start, current = w_start, value
        last, end = value, w_end
        if ordinal:
            flush()
    flush()
    return found


_ORDINAL_FR = r"(?:er|re|ère|ere|e|è|ème|eme|nd|nde|d)"
_ORDINAL_EN = r"(?:st|nd|rd|th)"
_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

_NUMBER_RE = {
    "fr": re.compile(
        rf"(?P<date>\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
        rf"|(?P<time>\d{{1,2}}) ?h(?:eures?)?(?: ?(?P<minutes>\d{{2}}))?(?![\w])"
        rf"|(?P<clock>\d{{1,2}})[:∶](?P<clock_minutes>\d{{2}})(?![\d∶:])"
        rf"|(?P<article>\d+)\((?P<paragraph>\d+)\)"
        rf"|(?P<grouped>\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+(?![\d.]\d)(?:,\d+)?)"
        rf"|(?P<dotted>\d{{1,3}}(?:\.\d{{3}}){{2,}})"
        rf"|(?P<commas>\d{{1,3}}(?:,\d{{3}}){{2,}}(?:\.\d+)?)"
        rf"|(?P<decimal>\d+[,.]\d+)"
        rf"|(?P<ordinal>\d+){_ORDINAL_FR}(?![\w])"
        rf"|(?P<plain>\d+)"
    ),
    "en": re.compile(
        rf"(?P<date>\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
        rf"|(?P<time>\d{{1,2}})(?:[:.∶](?P<minutes>\d{{2}}))? ?(?P<ampm>[ap]\.?m\.?)(?![\w])"
        rf"|(?P<clock>\d{{1,2}})[:∶](?P<clock_minutes>\d{{2}})(?![\d∶:])"
        rf"|(?P<article>\d+)\((?P<paragraph>\d+)\)"
        rf"|(?P<commas>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?)"
        rf"|(?P<grouped>\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+(?![\d,]\d)(?:\.\d+)?)"
        rf"|(?P<decade>\d{{2,4}})['’]?s(?![\w])"
        rf"|(?P<frdecimal>\d+,\d{{1,2}}(?!\d))"
        rf"|(?P<decimal>\d+\.\d+)"
        rf"|(?P<ordinal>\d+){_ORDINAL_EN}(?![\w])"
        rf"|(?P<plain>\d+)"
    ),
}
_MONTH_RE = re.compile(rf"(?<![\w])(?P<month>{_MONTH_NAMES})(?![\w])", re.IGNORECASE)
# A token that mixes letters and digits (or digits and slashes with letters): an identifier.
_IDENT_RE = re.compile(r"[\w./:-]+")


_DIGIT = re.compile(r"\d")
_NAMED_TIMES = {"midi": 720.0, "noon": 720.0, "minuit": 0.0, "midnight": 0.0}
_NAMED_TIME_RE = re.compile(r"(?i)(?<![\w-])(?:midi|minuit|noon|midnight)(?![\w-])")


def identifier_numbers(text: str, lang: str) -> set[float]:
    """Numbers written inside identifiers and unit-suffixed tokens (`6-digit`, `v3.5`, `150ms`,
    `post-2000`, `3-way`): the other side may write them apart (`à 6 chiffres`, `version 3.5`)."""
    if not _DIGIT.search(text):
        return set()
    numbers = set()
    for start, end in _identifier_spans(text, _lang(lang)):
        for number in re.findall(r"\d+(?:[.,]\d+)?", text[start:end]):
            numbers.add(float(number.replace(",", ".")))
            numbers.update(float(part) for part in re.findall(r"\d+", number))
    return numbers


@dataclass(frozen=True)
class Quantity:
    text: str
    start: int
    end: int
    values: frozenset  # of (kind, number)
    french_format: bool = False  # a French decimal comma written in English text


def _value(number: float) -> tuple[str, float]:
    return ("n", float(number))


def _lang(lang: str) -> str:
    return "fr" if lang.lower().startswith("fr") else "en"


def _identifier_spans(text: str, lang: str) -> list[tuple[int, int]]:
    spans = []
    ordinal = re.compile(rf"\d+{_ORDINAL_FR if lang == 'fr' else _ORDINAL_EN}")
    for match in _IDENT_RE.finditer(text):
        token = match.group().strip("./-")
        if re.fullmatch(r"0\d{2,}", token):
            spans.append(match.span())  # 0123456789, 007: a code, not a quantity
            continue
        if not (re.search(r"\d", token) and re.search(r"[^\W\d_]", token)):
            continue
        if ordinal.fullmatch(token) or re.fullmatch(r"\d{1,2}h\d{0,2}|\d{2,4}s", token):
            continue
        spans.append(match.span())
    return spans


def extract_quantities(text: str, lang: str) -> list[Quantity]:
    """Numbers, dates, times and month names of `text` written in language `lang` (fr or en)."""
    lang = _lang(lang)
    has_digit = _DIGIT.search(text) is not None
    idents = _identifier_spans(text, lang) if has_digit else []
    found: list[Quantity] = []
    for match in (_NUMBER_RE[lang].finditer(text) if has_digit else ()):
        if any(s <= match.start() < e for s, e in idents):
            continue
        if match.group("date"):
            found.extend(_date_parts(match.group(), match.start(), match.end(), lang))
            continue
        values, french_format = _digit_values(match.groupdict(), match.group(), lang)
        found.append(Quantity(match.group(), match.start(), match.end(), frozenset(values), french_format))
    _add_spelled(text, found)
    for match in _NAMED_TIME_RE.finditer(text):
        minutes = _NAMED_TIMES[match.group().lower()]
        found.append(Quantity(match.group(), match.start(), match.end(), frozenset({("t", minutes)})))
    for match in (_MONTH_RE.finditer(text) if has_digit else ()):  # a month counts only beside a number
        if _month_next_to_number(text, match):
            month = MONTHS[match.group("month").lower()]
            found.append(Quantity(match.group(), match.start(), match.end(), frozenset({("m", float(month))})))
    found.sort(key=lambda q: q.start)
    return found


def _clock_values(groups: dict, lang: str) -> set:
    """`10 h 30`, `3:30 p.m.`, `15:30` as minutes after midnight (a bare `3:00` may also be 15:00)."""
    if groups.get("clock"):
        hours, minutes = int(groups["clock"]), int(groups["clock_minutes"])
        values = {("t", hours * 60.0 + minutes)}
        if hours < 12:
            values.add(("t", (hours + 12) * 60.0 + minutes))
        return values
    hours, minutes = int(groups["time"]), int(groups["minutes"] or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm.startswith("p") and hours < 12:
        hours += 12
    if ampm.startswith("a") and hours == 12:
        hours = 0
    values = {("t", hours * 60.0 + minutes)}
    if lang == "fr" and not groups["minutes"]:
        values.add(_value(hours))  # `24 heures` is also a duration: `24 hours`
    return values


def _digit_values(groups: dict, token: str, lang: str) -> tuple[set, bool]:
    """(values, French decimal comma in English) of one number written with digits."""
    if groups.get("article"):  # `81(1)` = `81.1`: an article and its paragraph
        return {_value(float(f"{groups['article']}.{groups['paragraph']}"))}, False
    if groups["time"] or groups.get("clock"):
        return _clock_values(groups, lang), False
    if groups["grouped"]:
        return {_value(float(re.sub(f"[{SPACES}]", "", token).replace(",", ".")))}, False
    if groups.get("dotted"):
        return {_value(float(token.replace(".", "")))}, False
    if groups["commas"]:
        return {_value(float(token.replace(",", "")))}, False
    if groups.get("frdecimal"):
        return {_value(float(token.replace(",", ".")))}, True
    if groups["decimal"] and lang == "fr":
        whole, frac = re.split(r"[,.]", token)
        values = {_value(float(f"{whole}.{frac}"))}
        if len(frac) == 3:  # `1,500` (English thousands copied into French) or `2.500` (a thousands dot)
            values.add(_value(float(whole + frac)))
        return values, False
    if groups.get("decade"):
        return {_value(float(groups["decade"]))}, False  # `the 1990s` = `les années 1990`
    if groups["ordinal"]:
        return {_value(float(groups["ordinal"]))}, False
    return {_value(float(token))}, False


def _add_spelled(text: str, found: list[Quantity]) -> None:
    """Numbers in words into `found`; a scale word after digits multiplies them (`3,5 millions`)."""
    taken = [(q.start, q.end) for q in found]
    for value, start, end in spelled_numbers(text):
        scale = re.fullmatch(r"(?:millions?|milliards?|billions?|thousand|mille)", text[start:end].lower())
        before = [q for q in found if q.end <= start and not text[q.end:start].strip()]
        if scale and before:  # `3,5 millions` = `3.5 million` = 3500000
            q = before[-1]
            found[found.index(q)] = Quantity(q.text + text[q.end:end], q.start, end,
                                             q.values | {("n", v * value) for k, v in q.values if k == "n"})
            continue
        words = re.findall(r"[^\W\d_]+", text[start:end].lower())
        # A single cardinal word is too often an idiom (`mille pardons`, `cent fois`, `quinze jours`) or
        # another word (`mille` = mile, English `seize`): only compounds and ordinals must be matched.
        required = len(words) >= 2 or _word_value(words[-1])[1]
        if value >= 11 and required and not any(s < end and start < e for s, e in taken):
            found.append(Quantity(text[start:end], start, end, frozenset({("n", float(value))})))


def months_named(text: str) -> set[float]:
    """Every month named in `text`, beside a number or not (`the month of December in the year 1594`)."""
    return {float(MONTHS[m.group("month").lower()]) for m in _MONTH_RE.finditer(text)}


def _date_parts(token: str, start: int, end: int, lang: str) -> list[Quantity]:
    """`12/03/2023` as three quantities: day, month, year. French is day/month; in English either order
    is possible unless one part exceeds 12, so an ambiguous day and month may each be either."""
    a, b, year = (int(x) for x in token.split("/"))
    if lang == "en" and a <= 12 and b <= 12:
        either = frozenset({("n", float(a)), ("m", float(a)), ("n", float(b)), ("m", float(b))})
        parts = [either, either]
    else:
        day, month = (b, a) if (lang == "en" and a <= 12 < b) else (a, b)
        parts = [frozenset({("n", float(day))}), frozenset({("m", float(month))})]
    parts.append(frozenset({("n", float(year))}))
    return [Quantity(token, start, end, values) for values in parts]


def _month_next_to_number(text: str, match: re.Match) -> bool:
    """`mai` or `May` is a month only beside a day or a year (`16 mars`, `March 2023`, `May 5`)."""
    before = text[max(0, match.start() - 24):match.start()]
    after = text[match.end():match.end() + 8]
    return bool(re.search(r"\d(?:er|st|nd|rd|th|e)?[\s\u00a0\u202f]*(?:(?:au mois )?de\s+|(?:in the month )?of\s+)?$",
                          before)
                or re.match(r"[\s\u00a0\u202f,]*\d", after))


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_DIVISION_WORDS = r"(?:chapitre|chapter|livre|book|tome|volume|partie|part|titre|title|article|acte|act|scène|scene|section|annexe|annex)"


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def spelled_out(text: str, number: float) -> bool:
    """Whether `text` writes `number` otherwise: in words (`forty`, `deux`) or in roman numerals
    (`CHAPITRE II`, `XIe siècle`), so that a digit on the other side is not a mismatch."""
    if number != int(number) or number < 0:
        return False
    number = int(number)
    if any(value == number for value, _, _ in spelled_numbers(text)):
        return True
    if 0 < number < 4000:
        roman = _roman(number)
        suffix = r"(?:e|er|ème|th|st|nd|rd)?"
        pattern = rf"(?<![\w]){roman}{suffix}(?![\w])"
        if number == 1:  # `I` is also a pronoun
            pattern = rf"(?i:{_DIVISION_WORDS})\s+" + pattern
        if re.search(pattern, text):
            return True
    return False


def unmatched(source: list[Quantity], target: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """Quantities of each side without a counterpart on the other (a greedy matching on shared values).

    Unambiguous quantities are matched first so that an ambiguous one does not steal their partner.
    """
    remaining = list(target)
    left = []
    for quantity in sorted(source, key=lambda q: len(q.values)):
        partners = [t for t in remaining if t.values & quantity.values]
        if partners:
            remaining.remove(min(partners, key=lambda t: len(t.values)))
        else:
            left.append(quantity)
    left.sort(key=lambda q: q.start)
    return left, remaining
