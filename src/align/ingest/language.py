"""A cheap check that a document is in the language the user declared.

Swapping the French and English folders, or dropping a German file among French ones, silently produces a
translation memory of nonsense: the aligner pairs whatever it is given. Function-word profiles catch this
reliably on any text of a few sentences, with no model and no download. The check only speaks when the
evidence is strong (enough function words, and the declared language far behind another one), so short
titles, names-only lines and mixed documents pass.
"""

from __future__ import annotations

import re

from align.errors import InputError

# The most frequent function words of each language; each list is small and nearly disjoint from the others.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset("le la les des du un une est et dans pour que qui sur au aux avec par ce cette ont sont "
                    "pas ne il elle nous vous leur été être".split()),
    "en": frozenset("the of and to is in that for it with as was on are by this be have from has were which "
                    "an its their not".split()),
    "de": frozenset("der die das und ist nicht den dem ein eine zu mit sich auf für von wird sind auch "
                    "wurde oder aus bei".split()),
    "es": frozenset("el los las del y en que por con para una es se al lo como más pero sus fue son "
                    "está".split()),
    "it": frozenset("il di che della delle degli dei nel per con una sono non gli alla anche come più "
                    "è".split()),
    "pt": frozenset("o os as do da dos das em um uma com não para que por mais foi são está pelo "
                    "pela".split()),
    "nl": frozenset("de het een en van is dat niet op te met zijn voor er aan ook bij worden".split()),
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Below this many function-word hits the text is too short to judge.
MIN_EVIDENCE = 30
#: The declared language must reach at least this share of the best language's hits.
MIN_SHARE = 0.25


def language_scores(text: str, max_words: int = 20000) -> dict[str, int]:
    """Function-word hits per known language over the first `max_words` words."""
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    for index, match in enumerate(_WORD.finditer(text)):
        if index >= max_words:
            break
        word = match.group().lower()
        for lang, words in FUNCTION_WORDS.items():
            if word in words:
                counts[lang] += 1
    return counts


def guess_language(text: str) -> str | None:
    """The most likely of the known languages, or None when the text is too short to tell."""
    scores = language_scores(text)
    best = max(scores, key=scores.get)
    return best if scores[best] >= MIN_EVIDENCE else None


def check_language(text: str, declared: str, name: str) -> None:
    """Raise InputError when `text` is clearly in another language than `declared`.

    Languages without a profile (anything beyond fr, en, de, es, it, pt, nl) are never refused.
    """
    primary = declared.lower().replace("_", "-").split("-")[0]
    if primary not in FUNCTION_WORDS:
        return
    scores = language_scores(text)
    best = max(scores, key=scores.get)
    if best == primary or scores[best] < MIN_EVIDENCE:
        return
    if scores[primary] < MIN_SHARE * scores[best]:
        raise InputError(
            f"{name}: declared as '{declared}' but the text reads as '{best}' "
            f"({scores[best]} common '{best}' words against {scores[primary]} '{primary}' ones); "
            "check the language options and that the source and target files are not swapped")
