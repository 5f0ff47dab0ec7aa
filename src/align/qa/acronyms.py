"""Which acronym of the English side renders which acronym of the French side, learnt from the file.

No glossary is needed: over the units whose source contains `JCIOI`, the target acronym that co-occurs
with it most exclusively (Jaccard over units) is its rendering, `IIOJK`. Variants of that rendering
(`IIOJ&K`, `IOJ&K`: same letters or one letter apart) and its spelled-out form
(`Indian Illegally Occupied Jammu and Kashmir`) are what `term-inconsistency` reports, and an acronym
whose rendering is itself (`APHC`, `UNMOGIP`) is one that `acronym-missing` expects to see kept.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein

from align.qa.terms import acronym_key, find_acronyms


@dataclass
class AcronymStats:
    source: list[dict[str, list[tuple[int, int]]]] = field(default_factory=list)  # per unit: acronym -> spans
    target: list[dict[str, list[tuple[int, int]]]] = field(default_factory=list)
    units_with_source: dict[str, list[int]] = field(default_factory=dict)  # 0-based unit indices
    units_with_target: dict[str, set[int]] = field(default_factory=dict)

    def rendering(self, acronym: str) -> str | None:
        """The target acronym most associated with source `acronym`, or None without evidence."""
        indices = self.units_with_source.get(acronym, [])
        if not indices:
            return None
        counts = Counter(t for i in indices for t in self.target[i])
        best, best_score = None, 0.0
        for candidate, together in counts.items():
            union = len(indices) + len(self.units_with_target[candidate]) - together
            score = together / union
            if candidate == acronym:
                score += 0.01  # a tie goes to keeping the acronym
            if score > best_score:
                best, best_score = candidate, score
        if best is None or counts[best] < min(2, len(indices)):
            return None  # seen together once among many: chance, not a rendering
        return best

    def kept_share(self, acronym: str) -> tuple[int, int]:
        """(units with `acronym` on both sides, units with it in the source)."""
        indices = self.units_with_source.get(acronym, [])
        return sum(1 for i in indices if acronym in self.target[i]), len(indices)


def acronym_stats(context) -> AcronymStats:
    """Statistics for the context's units, computed once and shared by the checks that use them."""
    if "acronyms" not in context.cache:
        stats = AcronymStats()
        units_with_source: dict[str, list[int]] = defaultdict(list)
        units_with_target: dict[str, set[int]] = defaultdict(set)
        for index, unit in enumerate(context.units):
            source, target = defaultdict(list), defaultdict(list)
            for acronym, start, end in find_acronyms(unit.source):
                source[acronym].append((start, end))
            copied = " ".join(unit.source.split()) == " ".join(unit.target.split())
            for acronym, start, end in ([] if copied else find_acronyms(unit.target)):
                target[acronym].append((start, end))  # a copied source (untranslated) is no evidence
            stats.source.append(dict(source))
            stats.target.append(dict(target))
            for acronym in source:
                units_with_source[acronym].append(index)
            for acronym in target:
                units_with_target[acronym].add(index)
        stats.units_with_source = dict(units_with_source)
        stats.units_with_target = dict(units_with_target)
        context.cache["acronyms"] = stats
    return context.cache["acronyms"]


def is_variant(candidate: str, reference: str) -> bool:
    """`IIOJ&K`, `IOJ&K`, `U.N.` and `OCI` are variants of `IIOJK`, `UN`, `OIC`; `UNSC` is not one of `OIC`."""
    a, b = acronym_key(candidate), acronym_key(reference)
    if candidate == reference:
        return False
    if a == b:
        return True
    if len(a) >= 3 and sorted(a) == sorted(b):
        return True  # letters swapped: the French order left in English (OCI for OIC)
    return min(len(a), len(b)) >= 4 and DamerauLevenshtein.distance(a, b) <= 1


_EXPANSION_LINKS = {"and", "of", "the", "for", "on", "in", "&", "de", "du", "des", "la", "le", "les", "et", "d",
                    "l", "à", "au", "aux", "pour", "sur", "en"}


def spelled_out_anywhere(text: str, acronym: str) -> bool:
    """Whether `text` spells `acronym` out in either language's word order: consecutive words (link words
    aside) whose initials are its letters in any order, so `Organization of Islamic Cooperation` spells
    OIC and `interface graphique utilisateur` spells GUI (French puts the noun first); from three letters
    up, one word may be missing (`interface graphique`)."""
    import re

    letters = sorted(acronym_key(acronym).lower())
    if len(letters) < 2 or not all(c.isalpha() for c in letters):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() not in _EXPANSION_LINKS]
    initials = [w[0].lower() for w in words]
    size = len(letters)
    if any(sorted(initials[i:i + size]) == letters for i in range(len(initials) - size + 1)):
        return True
    # French often drops one word of a three-letter-or-longer expansion (`GUI` -> `interface graphique`):
    # all but one letter, in adjacent content words of four letters or more (no `and the` between).
    raw = re.findall(r"[^\W\d_]+", text)
    short = size - 1
    return size >= 3 and any(
        all(len(w) >= 4 and w.lower() not in _EXPANSION_LINKS for w in raw[i:i + short])
        and sorted(w[0].lower() for w in raw[i:i + short]) == sorted(set(w[0].lower() for w in raw[i:i + short]))
        and set(w[0].lower() for w in raw[i:i + short]) <= set(letters) for i in range(len(raw) - short + 1))
