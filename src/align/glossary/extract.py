"""Bilingual term extraction: which source terms are rendered by which target terms, and how reliably.

The term engine of both `align glossary` and the `term-inconsistency` check (`analyse_terms`).
How (one pass to count and feed the word aligner, one pass over the links):
 0. A unit repeated in the file counts once (`distinct_units`); a target that copies its source teaches
    nothing about renderings and is skipped.
 1. Candidates on each side by patterns (`candidates.py`), keyed by lemmas (`Member States` = `Member
    State`); per-unit document frequencies f(s), f(t). A single lower-case source word (`fichier`) is
    kept only when the file uses it far more than general language does (`specific_words`), and it is
    rendered by a single target word.
 2. Deterministic word links, grow-diag-final (`wordalign.py`). A source candidate is linked, in each
    unit, to the target candidate without foreign words that best matches the words its own words are
    linked to (`TargetSide.rendering`); a source candidate written identically in the target
    (`Pakistan`, `APHC`) is linked too. Each unit's rendering of each frequent term is kept
    (`TermAnalysis.renderings`) for the consistency check.
 3. Acronyms get a cue that does not depend on the aligner: every source acronym co-occurs with every
    target acronym of the unit. On a few dozen units word alignment is thin but `JCIOI` and `IIOJK`
    still share every unit they appear in.
 4. Association = Dice over units, 2·n(s,t) / (f(s) + f(t)), n(s,t) = units where the pair is linked.
    The best target of each source term comes first; other targets with at least 60% of its score
    follow (IIOJK / IIOJ&K), unless they are the best rendering of another term (one-to-one where it
    matters). A rendering that contains a shorter one (`Contact Group` / `Contact`) and whose number of
    content words is closer to the source term's first takes over the shorter one's count. Every row is
    a `candidate`: a person decides what is preferred.
 5. Nested candidates: a longer source term rendered like a term it contains is dropped (its extra
    words were not translated), and one that never occurs outside a longer kept term too (C-value
    style). `Long Form (ACR)` definitions on both sides give each acronym pair its expansion pair.
 6. A kept pair's frequency is the number of distinct units where both terms occur (not only where the
    links joined them): what a terminologist checks in the concordance.
 7. Rows are ranked for review (`_ranked`): terms, then names, then copies (`category`), each by score
    weighted by frequency.

Everything is a count keyed by strings, updated unit by unit: memory grows with the vocabulary of
candidates, not with the square of anything, and rare keys are pruned on very large inputs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from align.glossary.acronyms import find_expansions
from align.glossary.candidates import Candidate, find_candidates
from align.glossary.model import EXAMPLE_SEPARATOR, Glossary, TermPair
from align.glossary.tokens import STOPWORDS, alignment_line, base_lang, lemma_line, to_token_links, tokenize
from align.model import TranslationUnit
from align.signature import Signature

MIN_F1 = 0.5  # how well a target candidate must match the words a source term is linked to
OTHER_KIND_WEIGHT = 0.75  # an acronym is rendered by an acronym, a term by a term, other things equal
ADMITTED_RATIO = 0.6  # a second rendering is kept when it scores at least 60% of the preferred one
# A single lower-case word (`fichier`, `dépôt`) is a candidate when the file's units hold it at least
# WORD_SPECIFICITY times as often as general language would (wordfreq), in WORD_MIN_UNITS units or more,
# and its best rendering is consistent (Dice >= WORD_MIN_SCORE): `fichier -> file`, not `temps -> time`.
WORD_SPECIFICITY = 20.0
WORD_MIN_UNITS = 3
WORD_MIN_SCORE = 0.5
KEEP_TOKENS_UP_TO = 50_000  # units (~300 MB of tokens); above this, pass 2 tokenizes again
PRUNE_EVERY = 200_000  # units; then keys seen once are forgotten (lossy counting on huge inputs)


class _PrunedCounter(Counter):
    """Per-unit document frequencies that forget keys seen once every PRUNE_EVERY units.

    Why: a million units have tens of millions of distinct n-gram candidates, almost all seen once; a
    term that matters is seen again long before it could be pruned.
    """

    def __init__(self) -> None:
        super().__init__()
        self.units = 0

    def add_unit(self, keys: Iterable[str]) -> None:
        self.update(set(keys))
        self.units += 1
        if self.units % PRUNE_EVERY == 0:
            for key in [k for k, v in self.items() if v == 1]:
                del self[key]


@dataclass(frozen=True)
class TermSettings:
    """The settings that change what the term engine finds, shared by `align glossary`, the
    `term-inconsistency` check and the review page; all of them go into the signature (`signature()`).

    `min_frequency`: distinct units in which a pair must be found (and a source term must occur);
    `min_score`: lowest Dice association kept; `max_renderings`: target renderings kept per source term.
    """

    src_lang: str = "fr"
    tgt_lang: str = "en"
    min_frequency: int = 2
    min_score: float = 0.3
    max_renderings: int = 3

    def signature(self) -> Signature:
        """Everything that changes the output: these settings, the word aligner's (method, EM
        iterations, priors; it has no seed: EM is deterministic), the engine's thresholds and the
        versions of the lexicons (simplemma lemmas, Hunspell part-of-speech tags, wordfreq)."""
        from align.glossary.lexicon import lexicon_versions
        from align.glossary.wordalign import aligner_settings

        return Signature({"terms": "lemma+dice", "aligner": aligner_settings(), "seed": "none (deterministic EM)",
                          "thresholds": f"f1:{MIN_F1},other_kind:{OTHER_KIND_WEIGHT},admitted:{ADMITTED_RATIO},"
                                        f"word:{WORD_SPECIFICITY}x/{WORD_MIN_UNITS}u/{WORD_MIN_SCORE}",
                          "lexicons": lexicon_versions(), "min_frequency": self.min_frequency,
                          "min_score": self.min_score, "max_renderings": self.max_renderings,
                          "langs": f"{self.src_lang}-{self.tgt_lang}"})


def extract_terms(units: Iterable[TranslationUnit], settings: TermSettings | None = None) -> Glossary:
    """Term pair candidates with frequency, Dice association score, category and an example unit.

    Every row is a `candidate` (a person decides what is preferred); rows are ranked for review: domain
    terms first, then proper names, then copies; an acronym pair and its expansion pair share a `concept`.
    """
    return analyse_terms(units, settings).glossary


@dataclass
class TermAnalysis:
    """What the term engine learnt from a file: the glossary and how each distinct unit renders each term.

    `units` are the distinct units (a unit repeated in the file counts once: `positions[k]` lists the
    0-based positions in the input of distinct unit k); `renderings[source key][k]` is the key (lemmas) of
    the target candidate the word links give for that term in unit k, or None; `target_lemmas[k]` is unit
    k's target as space-padded lemmas, to test whether a rendering is written there; `rows` give each kept
    pair's source and target keys. `align.glossary.consistency` reads this for `term-inconsistency`.
    """

    glossary: Glossary
    units: list[TranslationUnit] = field(default_factory=list)
    positions: list[list[int]] = field(default_factory=list)
    renderings: dict[str, dict[int, str | None]] = field(default_factory=dict)
    target_lemmas: dict[int, str] = field(default_factory=dict)
    rows: list[tuple[TermPair, str, str]] = field(default_factory=list)  # (pair, source key, target key)
    surfaces: dict[str, str] = field(default_factory=dict)  # target key -> its most frequent written form
    settings: TermSettings = field(default_factory=TermSettings)
    words: set[str] = field(default_factory=set)  # source keys that are single lower-case words (`fichier`)


def distinct_units(units: Iterable[TranslationUnit]) -> tuple[list[TranslationUnit], list[list[int]]]:
    """Units with the same source and target counted once (repeated boilerplate must not outweigh the
    rest), with the input positions of each."""
    first: dict[tuple[str, str], int] = {}
    kept: list[TranslationUnit] = []
    positions: list[list[int]] = []
    for position, unit in enumerate(units):
        key = (unit.source, unit.target)
        if key not in first:
            first[key] = len(kept)
            kept.append(unit)
            positions.append([])
        positions[first[key]].append(position)
    return kept, positions


def analyse_terms(units: Iterable[TranslationUnit], settings: TermSettings | None = None) -> TermAnalysis:
    """The term engine behind `extract_terms` and the `term-inconsistency` check (one pass for both)."""
    settings = settings or TermSettings()
    src_lang, tgt_lang, min_frequency = settings.src_lang, settings.tgt_lang, settings.min_frequency
    units, positions = distinct_units(units)
    analysis = TermAnalysis(Glossary(src_lang=src_lang, tgt_lang=tgt_lang, signature=settings.signature().format()),
                            units, positions, settings=settings)
    if not units:
        return analysis
    counts = _Counting(units, base_lang(src_lang), base_lang(tgt_lang), min_frequency)
    counts.run(analysis)
    rows = counts.stats.select(min_frequency, settings.min_score, settings.max_renderings, counts.units_with_both)
    rows = _ranked(_with_expansions(rows, counts.src_expansions, counts.tgt_expansions, counts.defined_in))
    for row in rows:
        example = units[row.example_index]
        row.pair.example = f"{example.source}{EXAMPLE_SEPARATOR}{example.target}"
    analysis.glossary.pairs = [row.pair for row in rows]
    analysis.rows = [(row.pair, row.src_key, row.tgt_key) for row in rows]
    analysis.renderings = counts.stats.rendered
    analysis.words = counts.stats.words
    analysis.surfaces = {key: _LinkStats._display(counts.stats.tgt_surfaces, key) for key in counts.stats.tgt_surfaces}
    return analysis


class _Counting:
    """Steps 1-3 of the module docstring over the distinct units: candidates, word links, link counts."""

    def __init__(self, units: list[TranslationUnit], src: str, tgt: str, min_frequency: int) -> None:
        self.units, self.src, self.tgt, self.min_frequency = units, src, tgt, min_frequency
        self.src_expansions: Counter = Counter()  # (acronym, long form) -> units defining it
        self.tgt_expansions: Counter = Counter()
        self.defined_in: dict[tuple[str, str], int] = {}  # first unit with a definition: the expansion's example
        # Tokens and candidates of pass 1 are kept for pass 2 unless the input is huge (then recomputed).
        self.keep = len(units) <= KEEP_TOKENS_UP_TO
        self.target_keys: dict[int, set[str]] = {}  # unit -> its target candidate keys (step 6)
        self.source_words: set[str] = set()  # keys of single-word source candidates (`fichier`)
        self.source_tokens = 0

    def _lines(self, side: str, lang: str, freq: _PrunedCounter, expansions: Counter, cache: list) -> Iterator[str]:
        for index, unit in enumerate(self.units):
            text = getattr(unit, side)
            tokens = tokenize(text)
            candidates = find_candidates(text, tokens, lang)
            freq.add_unit(c.key for c in candidates)
            if side == "source":
                self.source_words.update(c.key for c in candidates if c.kind == "word")
                self.source_tokens += len(tokens)
            if self.keep:
                cache.append((tokens, candidates))
            if "(" in text:
                for definition in find_expansions(text):
                    expansions[definition] += 1
                    self.defined_in.setdefault(definition, index)
            yield alignment_line(tokens)

    def run(self, analysis: TermAnalysis) -> None:
        from align.glossary.wordalign import align_token_lines

        src_freq, tgt_freq = _PrunedCounter(), _PrunedCounter()
        src_cache: list = []
        tgt_cache: list = []
        links_per_unit = align_token_lines(
            self._lines("source", self.src, src_freq, self.src_expansions, src_cache),
            self._lines("target", self.tgt, tgt_freq, self.tgt_expansions, tgt_cache),
            len(self.units),
        )
        self.stats = _LinkStats(self.min_frequency, src_freq, tgt_freq, STOPWORDS[self.src], STOPWORDS[self.tgt])
        self.stats.words = specific_words(src_freq, self.source_words, len(self.units),
                                          self.source_tokens / len(self.units), self.src)
        for index, (unit, links) in enumerate(zip(self.units, links_per_unit)):
            if self.keep:
                (src_tokens, src_candidates), (tgt_tokens, tgt_candidates) = src_cache[index], tgt_cache[index]
                src_cache[index] = tgt_cache[index] = None  # free as we go
            else:
                src_tokens, tgt_tokens = tokenize(unit.source), tokenize(unit.target)
                src_candidates = find_candidates(unit.source, src_tokens, self.src)
                tgt_candidates = find_candidates(unit.target, tgt_tokens, self.tgt)
            if _untranslated(unit):
                continue  # a target that copies the source says nothing about renderings (`untranslated`)
            if self.stats.add_unit(index, unit, links, src_tokens, src_candidates, tgt_tokens, tgt_candidates,
                                   self.tgt):
                analysis.target_lemmas[index] = lemma_line(tgt_tokens, self.tgt)
                if self.keep:
                    self.target_keys[index] = {c.key for c in tgt_candidates}

    def units_with_both(self, src_key: str, tgt_key: str) -> int:
        """Distinct units holding the source term and the target term (step 6)."""
        found = 0
        for index in self.stats.src_units[src_key]:
            keys = self.target_keys.get(index)
            if keys is None:
                text = self.units[index].target
                keys = self.target_keys[index] = {c.key for c in find_candidates(text, tokenize(text), self.tgt)}
            found += tgt_key in keys
        return found


def _untranslated(unit: TranslationUnit) -> bool:
    return " ".join(unit.source.split()).casefold() == " ".join(unit.target.split()).casefold()


class _Row:
    def __init__(self, pair: TermPair, example_index: int, src_key: str, tgt_key: str = "") -> None:
        self.pair, self.example_index, self.src_key, self.tgt_key = pair, example_index, src_key, tgt_key


class _LinkStats:
    """Counts gathered over the word-aligned units (step 2 and 3 of the module docstring)."""

    def __init__(self, min_frequency: int, src_freq: Counter, tgt_freq: Counter, src_stopwords: set[str],
                 tgt_stopwords: set[str]) -> None:
        self.frequent = {key for key, n in src_freq.items() if n >= min_frequency}
        self.words: set[str] = set()  # single-word source keys specific enough to be terms (`specific_words`)
        self.src_freq, self.tgt_freq = src_freq, tgt_freq
        self.src_stopwords, self.tgt_stopwords = src_stopwords, tgt_stopwords
        self.links: Counter = Counter()  # (s, t) -> units where the aligner links s to t
        self.cooccurrence: Counter = Counter()  # (s acronym, t acronym) -> units where both occur
        self.independent: Counter = Counter()  # s -> units where s occurs outside longer frequent terms
        self.first_unit: dict[tuple[str, str], int] = {}
        self.src_units: dict[str, list[int]] = defaultdict(list)  # frequent source key -> units holding it
        self.src_surfaces: dict[str, Counter] = defaultdict(Counter)
        self.tgt_surfaces: dict[str, Counter] = defaultdict(Counter)
        self.kinds: dict[str, str] = {}
        self.rendered: dict[str, dict[int, str | None]] = defaultdict(dict)  # s -> unit -> rendering key

    def add_unit(self, index: int, unit: TranslationUnit, links: frozenset, src_tokens: list,
                 src_candidates: list[Candidate], tgt_tokens: list, tgt_candidates: list[Candidate],
                 tgt: str) -> bool:
        """Count one unit; False when it holds no frequent source term (nothing to count)."""
        sources = [c for c in src_candidates if c.key in self.frequent and (c.kind != "word" or c.key in self.words)]
        if not sources:
            return False
        links = to_token_links(links, src_tokens, tgt_tokens)
        target_side = TargetSide(unit.target, tgt_tokens, tgt, tgt_candidates)
        targets = target_side.candidates
        target_by_key = {t.key.lower(): t for t in targets}
        target_acronyms = {t.key: t for t in targets if t.kind == "acronym"}

        seen_pairs: set[tuple[str, str]] = set()
        seen_sources: set[str] = set()
        for key in {c.key for c in sources}:
            self.src_units[key].append(index)
        for candidate in sources:
            key = candidate.key
            self.src_surfaces[key][candidate.surface] += 1
            single = key in self.words  # `Fichier` after a colon and `fichier` share a key: one word
            self.kinds[key] = "word" if single else candidate.kind
            if key not in seen_sources and not _covered(candidate, sources):
                self.independent[key] += 1
                seen_sources.add(key)
            best = target_side.rendering(candidate.first, candidate.last, links,
                                         _content_words(key, self.src_stopwords), single=single)
            self.rendered[key].setdefault(index, best.key if best is not None else None)
            matches = [best] if best is not None else []
            same = target_by_key.get(key.lower())
            if same is not None:
                matches.append(same)
            for target in matches:
                self._count(self.links, key, target, index, seen_pairs)
            if candidate.kind == "acronym":
                for target in target_acronyms.values():
                    self._count(self.cooccurrence, key, target, index, seen_pairs, tag="co")
        return True

    def _count(self, counter: Counter, key: str, target: Candidate, index: int, seen: set, tag: str = "") -> None:
        pair = (key, target.key)
        if (pair, tag) in seen:
            return
        seen.add((pair, tag))
        counter[pair] += 1
        self.first_unit.setdefault(pair, index)
        self.tgt_surfaces[target.key][target.surface] += 1

    def select(self, min_frequency: int, min_score: float, max_renderings: int,
               units_with_both: Callable[[str, str], int]) -> list[_Row]:
        """The kept pairs, ranked; `units_with_both(s, t)` gives a kept pair's frequency (step 6)."""
        from rapidfuzz import fuzz  # lazily

        options: dict[str, dict[str, tuple[float, int]]] = defaultdict(dict)
        for counter in (self.links, self.cooccurrence):
            for (s, t), n in counter.items():
                dice = 2 * n / (self.src_freq[s] + max(self.tgt_freq[t], n))
                old = options[s].get(t, (0.0, 0))
                options[s][t] = (max(old[0], dice), max(old[1], n))

        def size_gap(s: str, t: str) -> int:
            return abs(_content_words(s, self.src_stopwords) - _content_words(t, self.tgt_stopwords))

        chosen: dict[str, list[tuple[str, float, int]]] = {}
        for s, targets in options.items():
            self._pool_nested(s, targets, size_gap, units_with_both)
            source = self._display(self.src_surfaces, s).lower()
            source_is_acronym = self.kinds.get(s) == "acronym"

            def rank(item, source=source, source_is_acronym=source_is_acronym):
                t, (score, n) = item
                same_kind = source_is_acronym == _looks_like_acronym(t)
                return (score * (1.0 if same_kind else OTHER_KIND_WEIGHT), -size_gap(s, t),
                        fuzz.ratio(source, t.lower()), n)

            kept: list[tuple[str, float, int]] = []
            lowest = max(min_score, WORD_MIN_SCORE) if self.kinds.get(s) == "word" else min_score
            for t, (score, n) in sorted(targets.items(), key=rank, reverse=True):
                if n < min_frequency or score < lowest or len(kept) >= max_renderings:
                    continue
                if kept and (score < ADMITTED_RATIO * kept[0][1] or _nested(t, [k[0] for k in kept])):
                    continue
                kept.append((t, score, n))
            if kept:
                chosen[s] = kept

        rows: list[_Row] = []
        kept_sources = _drop_nested_sources(chosen, self.independent, size_gap)
        # one-to-one where it matters: a target that is another term's preferred rendering is not also
        # an admitted rendering of this one (`UN` shares units with `JCIOI` but renders `ONU`)
        taken = {chosen[s][0][0] for s in kept_sources}
        for s in kept_sources:
            chosen[s] = chosen[s][:1] + [option for option in chosen[s][1:] if option[0] not in taken]
            for t, score, n in chosen[s]:
                kind = "acronym" if self.kinds.get(s) == "acronym" and _looks_like_acronym(t) else "term"
                source, target = self._display(self.src_surfaces, s), self._display(self.tgt_surfaces, t)
                pair = TermPair(source=source, target=target, status="candidate",
                                frequency=max(n, units_with_both(s, t)), score=round(score, 3), kind=kind,
                                category=category(source, target, kind))
                rows.append(_Row(pair, self.first_unit[(s, t)], s, t))
        return rows

    def _pool_nested(self, s: str, targets: dict[str, tuple[float, int]], size_gap,
                     units_with_both: Callable[[str, str], int]) -> None:
        """A rendering that holds a shorter one (`Contact Group` / `Contact`) and matches the source
        term's number of content words better counts as linked in as many units as the shorter one, when
        it occurs in at least that many of the source term's units.

        Why: in a unit where the aligner left `groupe` unlinked, the words linked to `Groupe de contact`
        are just `Contact`, which then matches best. eflomal samples at random, so on a few dozen units
        some runs split the evidence between the two and the short form won (5 and 2 runs in 300 on the
        42 test units; none in 2 x 300 with this: `bench/glossary/stability.py`). Adding the two counts
        instead of taking the larger also lifted wrong longer renderings (`Nations Security Council
        resolutions`): 4 runs in 300 then failed the top-15 check.
        """
        for long_t, (long_score, long_n) in list(targets.items()):
            for short_t, (_, short_n) in list(targets.items()):
                if (short_n > long_n and _nested(short_t, [long_t]) and short_t != long_t
                        and size_gap(s, long_t) < size_gap(s, short_t)
                        and units_with_both(s, long_t) >= short_n):
                    long_n = short_n
                    long_score = max(long_score, 2 * long_n / (self.src_freq[s] + max(self.tgt_freq[long_t], long_n)))
            targets[long_t] = (long_score, long_n)

    @staticmethod
    def _display(surfaces: dict[str, Counter], key: str) -> str:
        """The most frequent written form; ties go to the form starting lower-case (not sentence-initial)."""
        forms = surfaces.get(key)
        if not forms:
            return key
        return max(forms.items(), key=lambda item: (item[1], item[0][:1].islower()))[0]


def specific_words(freq: Counter, words: set[str], units: int, tokens_per_unit: float, lang: str) -> set[str]:
    """The single words the file uses far more than general language (WORD_SPECIFICITY): `fichier`,
    `dépôt`, `branche` in software messages, not `temps` or `nom`.

    Why wordfreq: a general-language frequency list is what tells a domain word from a common one, and
    it ships its lists inside the wheel (offline). A unit of k tokens holds a word of general frequency
    p with probability about k * p; the file's share of units holding it is compared to that.
    """
    from wordfreq import available_languages, word_frequency

    if lang not in available_languages():
        return set()
    kept = set()
    for word in words:
        n = freq.get(word, 0)
        if n < WORD_MIN_UNITS:
            continue
        expected = max(tokens_per_unit * word_frequency(word, lang), 1e-7)
        if n / units >= WORD_SPECIFICITY * expected:
            kept.add(word)
    return kept


def _looks_like_acronym(key: str) -> bool:
    letters = key.replace("&", "").replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) >= 2


def _content_words(key: str, stopwords: set[str]) -> int:
    """How many words of a term carry meaning (`groupe de contact` -> 2): renderings have about as many."""
    return sum(1 for word in key.split() if word not in stopwords)


def _sub_keys(key: str) -> Iterator[str]:
    """Every shorter contiguous word sequence of a key (`a b c` -> `a`, `a b`, `b`, `b c`, `c`)."""
    words = key.split()
    for a in range(len(words)):
        for b in range(a + 1, len(words) + 1):
            if b - a < len(words):
                yield " ".join(words[a:b])


def _drop_nested_sources(chosen: dict[str, list], independent: Counter, size_gap) -> list[str]:
    """Resolve nested candidates with the translations (C-value alone would keep noise).

    When a source term and a term it contains have the same rendering, one of them holds words that
    were not translated: the one whose number of content words is further from the rendering's goes
    (`communauté internationale d'intensifier` and `Groupe` both -> `international community` /
    `Contact Group`: the longer one goes in the first case, the shorter in the second). A term that never
    occurs outside a longer kept term is not a term of its own: it goes too.
    """
    preferred = {s: targets[0][0] for s, targets in chosen.items()}
    dropped = set()
    for s in chosen:
        for sub in _sub_keys(s):
            if preferred.get(sub) == preferred[s]:
                target = preferred[s]
                dropped.add(s if size_gap(sub, target) <= size_gap(s, target) else sub)
    survivors = [s for s in chosen if s not in dropped]
    inside_kept = {sub for s in survivors for sub in _sub_keys(s)}
    return [s for s in survivors if independent[s] > 0 or s not in inside_kept]


def _covered(candidate: Candidate, candidates: list[Candidate]) -> bool:
    """True when a longer frequent candidate of the same sentence contains this occurrence."""
    return any(
        other.first <= candidate.first and candidate.last <= other.last
        and (other.last - other.first) > (candidate.last - candidate.first)
        for other in candidates
    )


class TargetSide:
    """The target candidates of one unit, indexed by the content words they hold."""

    def __init__(self, text: str, tokens: list, lang: str, candidates: list[Candidate] | None = None) -> None:
        stopwords = STOPWORDS[base_lang(lang)]
        self.candidates = find_candidates(text, tokens, lang) if candidates is None else candidates
        self.content = [any(ch.isalpha() for ch in t.text) and t.text.lower() not in stopwords for t in tokens]
        self.positions = [frozenset(j for j in range(c.first, c.last + 1) if self.content[j])
                          for c in self.candidates]
        self.words = [c.kind == "word" for c in self.candidates]
        self.multi = [" " in c.key for c in self.candidates]
        self.by_position: dict[int, list[int]] = defaultdict(list)
        for n, positions in enumerate(self.positions):
            for j in positions:
                self.by_position[j].append(n)

    def rendering(self, first: int, last: int, links: frozenset, source_size: int = 0,
                  single: bool = False) -> Candidate | None:
        """The target candidate that renders source tokens first..last in this unit, from the word links.

        A target word is *foreign* when it has more links from outside the source span than from
        inside: in `résolutions du CSNU` / `UNSC resolutions` a stray link from `CSNU` to `resolutions`
        does not make `UNSC resolutions` a rendering of `CSNU`. Among target candidates without foreign
        words, the one whose words best match the linked ones (F1 of coverage and precision) wins;
        unlinked words may sit in it. When `source_size` (the source term's content words) is given,
        candidates that hold every linked word are preferred by how close their size is to it: where
        the aligner left `human` unlinked, `droits de l'homme` is `Human Rights`, not `Rights`.
        Across units, counts then outvote a unit where the links went astray. A `single` lower-case
        source word is rendered by a single target word (`fichier` -> `file`), and a longer term never by
        a lone lower-case word (as before single words were candidates).
        """
        inside: Counter = Counter()
        outside: Counter = Counter()
        content = self.content
        for i, j in links:
            if j < len(content) and content[j]:
                (inside if first <= i <= last else outside)[j] += 1
        projected = {j for j, n in inside.items() if n >= outside[j]}
        if not projected:
            return None
        best, best_rank = None, (False, 0, MIN_F1, 0)
        for n in sorted({n for j in projected for n in self.by_position.get(j, ())}):
            if self.multi[n] if single else self.words[n]:
                continue
            positions = self.positions[n]
            if any(outside[j] > inside[j] for j in positions):
                continue
            hits = len(projected & positions)
            f1 = 2 * hits / (len(projected) + len(positions))
            if f1 < MIN_F1:
                continue
            complete = bool(source_size) and hits == len(projected)
            rank = (complete, -abs(len(positions) - source_size) if complete else 0, f1, len(positions))
            if rank > best_rank:
                best, best_rank = n, rank
        return self.candidates[best] if best is not None else None


def _nested(target: str, kept: list[str]) -> bool:
    """`Jammu` is not a second rendering of a term already rendered `Jammu and Kashmir`."""
    padded = f" {target.lower()} "
    return any(padded in f" {other.lower()} " or f" {other.lower()} " in padded for other in kept)


def category(source: str, target: str, kind: str = "term") -> str:
    """`copy` when the target writes the source as is (`OLAF -> OLAF`, `Pakistan -> Pakistan`); `name`
    when every word of both is capitalised (`Nations Unies -> United Nations`, `Inde -> India`): proper
    names, which a terminologist reviews apart from the domain terms (`term`, acronym pairs included)."""
    def fold(text: str) -> str:
        return "".join(ch for ch in text.casefold() if ch.isalnum())

    if fold(source) == fold(target):
        return "copy"
    if kind == "acronym":
        return "term"  # `CSNU -> UNSC`: a domain term written in capitals
    words = [w for w in re.findall(r"[^\W\d_]+", f"{source} {target}") if w.lower() not in _NAME_LINKS]
    return "name" if words and all(w[0].isupper() for w in words) else "term"


_NAME_LINKS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "of", "the", "and", "for", "on", "in"}
CATEGORY_ORDER = {"term": 0, "name": 1, "copy": 2}


def _ranked(rows: list[_Row]) -> list[_Row]:
    """Source terms in review order: category (terms, names, copies), then by their best row's score
    weighted by how often it occurs (Dice alone puts a pair seen twice on top of one seen fifty times),
    each followed by its other renderings; an expansion stays after its acronym."""
    best: dict[str, tuple[int, float]] = {}
    for row in rows:
        if row.src_key not in best:
            weight = row.pair.score * math.log2(1 + row.pair.frequency)
            best[row.src_key] = (CATEGORY_ORDER.get(row.pair.category, 0), -weight)
    order = {key: n for n, key in enumerate(sorted(best, key=lambda k: (best[k], k)))}
    return sorted(rows, key=lambda r: order[r.src_key])


def _with_expansions(rows: list[_Row], src_expansions: Counter, tgt_expansions: Counter,
                     defined_in: dict[tuple[str, str], int]) -> list[_Row]:
    """Give each acronym pair a concept and, when both sides define it, an expansion pair in it (an
    existing row with the same two long forms joins the concept instead)."""
    src_long = _most_frequent_long_forms(src_expansions)
    tgt_long = _most_frequent_long_forms(tgt_expansions)
    existing = {(r.pair.source.lower(), r.pair.target.lower()): r for r in rows}
    concepts: dict[str, str] = {}
    out: list[_Row] = []
    for row in rows:
        out.append(row)
        pair = row.pair
        if pair.kind != "acronym":
            continue
        pair.concept = concepts.setdefault(row.src_key, f"c{len(concepts) + 1}")
        if pair.source not in src_long or pair.target not in tgt_long:
            continue
        (src_form, src_n), (tgt_form, tgt_n) = src_long[pair.source], tgt_long[pair.target]
        same = existing.get((src_form.lower(), tgt_form.lower()))
        if same is not None:
            if not same.pair.concept:
                same.pair.concept, same.pair.kind = pair.concept, "expansion"
            continue
        expansion = TermPair(source=src_form, target=tgt_form, status=pair.status,
                             frequency=min(src_n, tgt_n), score=pair.score, kind="expansion", concept=pair.concept,
                             category=category(src_form, tgt_form))
        row_of_expansion = _Row(expansion, defined_in.get((pair.source, src_form), row.example_index), row.src_key)
        existing[(src_form.lower(), tgt_form.lower())] = row_of_expansion
        out.append(row_of_expansion)
    return out


def _most_frequent_long_forms(expansions: Counter) -> dict[str, tuple[str, int]]:
    best: dict[str, tuple[str, int]] = {}
    for (acronym, long_form), n in expansions.most_common():
        best.setdefault(acronym, (long_form, n))
    return best
