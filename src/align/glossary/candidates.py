"""Monolingual term candidates by POS-free patterns that fit French and English.

Why patterns and not a tagger: no tagger for French ships offline with the project, and institutional
text names its concepts in a few shapes that surface cues find well enough:
  - acronyms (`JCIOI`, `IIOJ&K`, `S.E.`);
  - hyphenated compounds (`Jammu-et-Cachemire`, `Haut-Commissariat`, `self-determination`);
  - capitalised words that do not start the sentence (`Srinagar`, `Pakistan`);
  - runs of content words, joined by the language's link words: French NOUN de NOUN / NOUN ADJ
    (`Groupe de contact`, `droits de l'homme`, `Cour suprême`), English ADJ NOUN / NOUN NOUN / X of Y
    (`Contact Group`, `Council of Foreign Ministers`), and `X and Y` between capitalised words
    (`Jammu and Kashmir`).
Every contiguous sub-run that starts and ends on a content word is a candidate (in French, only at link
words: see HEAD_INITIAL); a lone lower-case word is a `word` candidate (French: a noun), which the term
engine keeps only when the file uses it far more than general language does; frequency and the
bilingual association decide later which ones are terms (C-value style: a candidate that never occurs
outside a longer frequent one is dropped).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from align.glossary.lexicon import french_noun, french_noun_phrase, shouted_word
from align.glossary.tokens import CAPITAL_CONNECTORS, CONNECTORS, STOPWORDS, Token, base_lang, lemma

MAX_CONTENT_WORDS = 5  # "Commission permanente indépendante des droits de l'homme" has five
# Languages whose adjectives follow the noun: adjacent content words (`Affaires étrangères`, `Commission
# permanente indépendante`) stay together, so `pertinentes du Conseil` or `ministre des Affaires` (cut
# inside such a group) are never candidates; terms split only at link words. English keeps every sub-run
# (`Security Council` inside `Security Council resolutions`).
HEAD_INITIAL = {"fr"}
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_DOTTED_RE = re.compile(r"^(?:[A-Z]\.){2,}$")


class Candidate(NamedTuple):
    key: str  # what counts are keyed by: case-folded, hyphens as spaces; acronyms keep their case
    surface: str  # as written in the sentence
    first: int  # token indices, inclusive
    last: int
    kind: str  # "acronym" | "term" | "word" (one lower-case word: a term only if domain-specific)


class _Group(NamedTuple):
    """A word or a glued hyphenated compound (`Jammu-et-Cachemire` = one group of five tokens)."""

    first: int
    last: int
    text: str
    kind: str  # "content" | "stop" | "break"
    acronym: bool
    capitalised: bool


def is_acronym_token(text: str) -> bool:
    """Two to ten capitals (`OCI`, `IIOJ&K`, `S.E.`), not a roman numeral (`II`, `IV`)."""
    if _DOTTED_RE.match(text):
        return True
    letters = text.replace("&", "")
    if not (2 <= len(letters) <= 10) or not letters.isalpha() or not letters.isupper():
        return False
    return not _ROMAN_RE.match(text)


def _shouting(tokens: list[Token]) -> bool:
    """A heading in capitals (`COMMUNIQUÉ CONJOINT`) is not a string of acronyms."""
    words = [t.text for t in tokens if len(t.text) > 1 and t.text.isalpha()]
    caps = [w for w in words if w.isupper()]
    return len(caps) >= 3 and len(caps) > 0.5 * len(words)


def _kind(word: str, stopwords: set[str], lang: str = "") -> str:
    if word.isupper() and (_ROMAN_RE.match(word) or (lang == "fr" and shouted_word(word, lang))):
        return "break"  # list numbering `II`, `IV`; placeholders of French help texts `FICHIER`, `NOM`
    if word.isalpha():
        return "stop" if word.lower() in stopwords else ("content" if len(word) > 1 else "break")
    if word.isdigit() or not any(ch.isalpha() for ch in word) or any(ch.isdigit() for ch in word):
        return "break"  # numbers, punctuation, `49ème`
    if word.endswith("'"):  # elision `l'`, `qu'`
        return "stop" if word.lower() in stopwords else "break"
    return "stop" if word.lower() in stopwords else "content"  # IIOJ&K, S.E., possessive 's


def _groups(text: str, tokens: list[Token], stopwords: set[str], shouting: bool, lang: str = "") -> list[_Group]:
    groups: list[_Group] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        word = token.text
        j = i
        if word[0].isalnum():
            # glue `word-word-word` when the hyphens touch both neighbours
            while (j + 2 < n and tokens[j + 1].text == "-" and tokens[j + 1].start == tokens[j].end
                   and tokens[j + 2].start == tokens[j + 1].end and tokens[j + 2].text[0].isalnum()):
                j += 2
        if j == i:
            kind = _kind(word, stopwords, lang)
            acronym = kind == "content" and not shouting and is_acronym_token(word)
            groups.append(_Group(i, i, text[token.start : token.end], kind, acronym, word[0].isupper()))
        else:
            surface = text[token.start : tokens[j].end]
            kinds = [_kind(tokens[k].text, stopwords) for k in range(i, j + 1, 2)]
            kind = "break" if "break" in kinds else ("content" if "content" in kinds else "stop")
            groups.append(_Group(i, j, surface, kind, False, word[0].isupper()))
        i = j + 1
    return groups


def term_key(tokens: list[Token], first: int, last: int, lang: str, acronym: bool = False) -> str:
    """Counting key: the words' lemmas, case-folded (`Jammu-et-Cachemire` = `Jammu et Cachemire`,
    `Member States` = `Member State`); acronyms keep their case and form."""
    if acronym:
        return tokens[first].text
    return " ".join(lemma(t.text.lower(), lang) for t in tokens[first : last + 1] if t.text != "-")


def find_candidates(text: str, tokens: list[Token], lang: str) -> list[Candidate]:
    """All term candidates of one sentence (overlapping: sub-runs are candidates too)."""
    lang = base_lang(lang)
    stopwords = STOPWORDS[lang]
    connectors = CONNECTORS[lang]
    capital_links = CAPITAL_CONNECTORS[lang]
    shouting = _shouting(tokens)
    groups = _groups(text, tokens, stopwords, shouting, lang)
    first_word = next((g.first for g in groups if g.kind != "break"), -1)

    candidates: list[Candidate] = []
    g = 0
    while g < len(groups):
        if groups[g].kind != "content":
            g += 1
            continue
        run = [groups[g]]  # content groups of one maximal run
        adjacent = [False]  # adjacent[k]: run[k] follows run[k-1] with no link word between them
        g += 1
        while g < len(groups):
            step = _link_length(groups, g, connectors, capital_links, run[-1])
            if step is None:
                break
            run.append(groups[g + step])
            adjacent.append(step == 0)
            g += step + 1
        if lang in HEAD_INITIAL:
            # cut at link words, around acronyms (`S.E. Bilawal Bhutto Zardari`) and before a name that
            # follows a lower-case word (`répondit Ned Land`)
            adjacent.append(False)
            cuts = [not adjacent[k] or run[k - 1].acronym
                    or (k < len(run) and (run[k].acronym or (run[k].capitalised and not run[k - 1].capitalised)))
                    for k in range(len(run) + 1)]
        else:
            cuts = [True] * (len(run) + 1)
        candidates.extend(_sub_runs(text, tokens, run, first_word, cuts, lang))
    if lang == "fr":  # terms are noun phrases: `Veuillez vérifier`, `impossible de créer` are not
        candidates = [c for c in candidates if c.kind == "acronym" or _french_noun_phrase(tokens, c)]
    return candidates


def _french_noun_phrase(tokens: list[Token], candidate: Candidate) -> bool:
    words = [t.text.lower() for t in tokens[candidate.first : candidate.last + 1] if t.text != "-"]
    if candidate.kind == "word":
        return french_noun(words[0], candidate.key)
    return french_noun_phrase(words, candidate.key.split())


def _plain_word(group: _Group) -> bool:
    """A lower-case word of three letters or more (`fichier`, `dépôt`): a single-word term candidate,
    kept only where the file uses it far more than general language does (`extract.specific_words`)."""
    return len(group.text) >= 3 and group.text.isalpha() and group.text.islower()


def _link_length(groups: list[_Group], g: int, connectors, capital_links, previous: _Group) -> int | None:
    """How many link-word groups sit at `g` before the next content group of the run (None: run ends)."""
    if groups[g].kind == "content":
        return 0
    for connector in connectors:
        end = g + len(connector)
        if end < len(groups) and groups[end].kind == "content" and all(
            groups[g + k].kind == "stop" and groups[g + k].text.lower().replace("’", "'") == word
            for k, word in enumerate(connector)
        ):
            return len(connector)
    word = groups[g].text.lower()
    if (word in capital_links and g + 1 < len(groups) and groups[g + 1].kind == "content"
            and previous.capitalised and groups[g + 1].capitalised
            and not previous.acronym and not groups[g + 1].acronym):
        return 1
    return None


def _sub_runs(text: str, tokens: list[Token], run: list[_Group], first_word: int,
              cuts: list[bool], lang: str) -> list[Candidate]:
    """Sub-runs of 1..MAX_CONTENT_WORDS content words that start and end where `cuts` allows
    (`cuts[k]`: a term may start at run[k] / end at run[k-1])."""
    found = []
    for a in range(len(run)):
        if not cuts[a]:
            continue
        for b in range(a, min(len(run), a + MAX_CONTENT_WORDS)):
            if not cuts[b + 1]:
                continue
            first, last = run[a].first, run[b].last
            if a == b:
                group = run[a]
                compound = group.last > group.first
                if group.acronym:
                    found.append(Candidate(tokens[first].text, group.text, first, last, "acronym"))
                    continue
                if not (compound or (group.capitalised and group.first != first_word)):
                    if _plain_word(group):
                        found.append(Candidate(term_key(tokens, first, last, lang), group.text, first, last, "word"))
                    continue
            surface = text[tokens[first].start : tokens[last].end]
            found.append(Candidate(term_key(tokens, first, last, lang), surface, first, last, "term"))
    return found
