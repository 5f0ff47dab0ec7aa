"""Which beads a reviewer should look at first: a "needs review" score per bead, with its reasons.

Signals (each cheap, each explainable to a translator):
- low confidence: the aligner's own score;
- the aligner hesitated (when the build recorded its numbers, `align.aligner.hesitation`): another cut of
  the bead and its neighbours scored nearly as well (a close call), or one of its sentences fits the next
  bead as well as its own (a misfit);
- size: an m:n bead (the more sentences, the more likely one of them belongs next door);
- a sentence without counterpart alone (suspect) or in a run of them (usually an untranslated passage);
- a bead next to an m:n bead or one without counterpart: the classic trace of a boundary put one sentence
  off (a French title that made the English lead a 1:2 bead);
- numbers that do not match (the QA number reader: `16 mars 2023` = `March 16, 2023`), and acronyms
  written identically on one side but missing on the other;
- a length-ratio outlier against the pair's usual ratio (a truncated sentence, a bare date paired with a
  whole sentence);
- shared word starts (names, numbers, international words): none at all between the two sides, or more
  with a neighbouring bead's other side than with its own;
- one side starts in lower case or ends without end punctuation and the other does not (a boundary
  that cut a sentence in two).
The weights are a logistic regression fitted on the development gold sets (bench/review/effort.py);
BENCHMARKS.md reports how the ranking finds wrong beads on the test sets against confidence alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median

from align.qa.numbers import extract_quantities, unmatched
from align.qa.terms import find_acronyms
from align.review.beads import ReviewBead


@dataclass(frozen=True)
class Model:
    """A fitted "needs review" score: logistic-regression weights per signal, and the probability from
    which a bead is flagged (the top 20% of the dev beads)."""

    weights: dict[str, float]
    flag_at: float


# Fitted on the dev gold sets (`bench.review.effort.DEV`) by `python -m bench.review.effort --fit` (L2 logistic
# regression, C=3). WITH_ALIGNER is used when the build recorded the aligner's hesitation numbers
# (`close_call`, `misfit`); TEXT_ONLY otherwise (a `.beads` file from `align pair`, an older build).
# `acronyms` never fires in these books and keeps a hand-set weight. A negative weight only lowers a bead:
# once the aligner's gap is known, its confidence adds nothing (`low` < 0), so it is never given as a reason.
WITH_ALIGNER = Model({"bias": -5.44, "low": -0.7, "size": 0.94, "null": 1.13, "null_run": 1.16, "next_odd": 0.36,
                      "numbers": 0.41, "acronyms": 1.0, "length": 0.94, "no_cognates": -0.07, "cognates_nearby": 2.46,
                      "continues": 2.02, "open_end": 0.22, "close_call": 2.59, "misfit": 0.34}, 0.053)
TEXT_ONLY = Model({"bias": -4.85, "low": 2.08, "size": 1.15, "null": 4.76, "null_run": 3.35, "next_odd": 0.83,
                   "numbers": 0.5, "acronyms": 1.0, "length": 1.31, "no_cognates": 0.06, "cognates_nearby": 2.5,
                   "continues": 2.13, "open_end": 0.78, "close_call": 0.0, "misfit": 0.0}, 0.064)
CLOSE_GAP = 0.1  # a bead whose best other cut scores within this of it is a close call (dev)
MISFIT_AT = 0.03  # a bead whose worst-placed sentence fits less than this better inside than outside (dev)
FEATURES = tuple(k for k in WITH_ALIGNER.weights if k != "bias")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w{5,}")
_END = re.compile(r"[.!?…:;]\W*$")


@lru_cache(maxsize=65536)
def _quantities(text: str, lang: str):
    return tuple(extract_quantities(text, lang))


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


@lru_cache(maxsize=65536)
def _cognates(text: str) -> frozenset:
    """Word starts shared across languages: names, numbers, international words (`Guterres`, `tension`)."""
    return frozenset(word[:5].lower() for word in _WORD.findall(text))


def _continues(text: str) -> bool:
    """Starts like the rest of a sentence (lower case), as when a boundary cut a sentence in two."""
    first = text.lstrip(" \"'«“(-–—")[:1]
    return first.islower()


def _open_end(text: str) -> bool:
    return not _END.search(text)


def _dice(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@lru_cache(maxsize=65536)
def _acronyms(text: str) -> frozenset:
    return frozenset(a for a, _s, _e in find_acronyms(text))


@dataclass
class PairTexts:
    """The sentences of a pair (corrections applied), its usual length ratio and the aligner's hesitation
    numbers of its machine beads ((src, tgt) -> {"gap", "fit"}, `align.aligner.hesitation`; empty for a
    `.beads` file from `align pair` or an older build's report)."""

    src: list[str]
    tgt: list[str]
    src_lang: str
    tgt_lang: str
    usual_log_ratio: float = 0.0
    hesitations: dict = field(default_factory=dict)

    @classmethod
    def of(cls, src: list[str], tgt: list[str], src_lang: str, tgt_lang: str, beads: list[ReviewBead]) -> "PairTexts":
        texts = cls(src, tgt, src_lang, tgt_lang)
        ratios = [texts.log_ratio(b) for b in beads if len(b.src) == 1 and len(b.tgt) == 1]
        texts.usual_log_ratio = median(ratios) if ratios else 0.0
        return texts

    def side_text(self, bead: ReviewBead, side: str) -> str:
        texts = self.src if side == "src" else self.tgt
        return " ".join(texts[i] for i in bead.side(side))

    def log_ratio(self, bead: ReviewBead) -> float:
        return math.log((len(self.side_text(bead, "src")) + 10) / (len(self.side_text(bead, "tgt")) + 10))


def bead_features(beads: list[ReviewBead], index: int, texts: PairTexts) -> dict[str, float]:
    """The signals of bead `index` (0 for absent), from the bead and its two neighbours."""
    bead = beads[index]
    null = not bead.src or not bead.tgt
    neighbours = [beads[i] for i in (index - 1, index + 1) if 0 <= i < len(beads)]
    features = dict.fromkeys(FEATURES, 0.0)
    _hesitation(bead, texts, features)
    null_neighbour = any(not n.src or not n.tgt for n in neighbours)
    if null:  # a lone sentence without counterpart is suspect; a run of them is usually an untranslated passage
        features["null" if not null_neighbour else "null_run"] = 1.0
        return features
    features["low"] = 1.0 - bead.score if bead.score is not None else 0.0
    features["size"] = float(min(4, len(bead.src) + len(bead.tgt) - 2))
    features["next_odd"] = float(null_neighbour or any(len(n.src) + len(n.tgt) > 2 for n in neighbours))
    source, target = texts.side_text(bead, "src"), texts.side_text(bead, "tgt")
    if _has_digit(source) or _has_digit(target):  # spelled-out numbers alone are not worth the reading time
        left, right = unmatched(list(_quantities(source, texts.src_lang)), list(_quantities(target, texts.tgt_lang)))
        features["numbers"] = min(2.0, float(len(left) + len(right)))
    features["acronyms"] = float(_acronym_shifted(source, target, neighbours, texts))
    own_src, own_tgt = _cognates(source), _cognates(target)
    own = _dice(own_src, own_tgt)
    features["no_cognates"] = float(own == 0.0 and len(own_src) + len(own_tgt) >= 4)
    nearby = [max(_dice(own_src, _cognates(texts.side_text(n, "tgt"))),
                  _dice(_cognates(texts.side_text(n, "src")), own_tgt)) for n in neighbours]
    features["cognates_nearby"] = min(1.0, max(0.0, max(nearby, default=0.0) - own) * 4)
    features["continues"] = float(_continues(source) != _continues(target))
    features["open_end"] = float(_open_end(source) != _open_end(target))
    features["length"] = min(3.0, abs(texts.log_ratio(bead) - texts.usual_log_ratio) / 0.35)
    return features


def _hesitation(bead: ReviewBead, texts: PairTexts, features: dict[str, float]) -> None:
    """The aligner's own doubt about a machine bead: another cut of it and its neighbours scored nearly as
    well (`close_call`; above 1 when a pinned anchor or the null post-pass overruled the DP's score), or one
    of its sentences sits as well next door (`misfit`). A bead a person reshaped has no such numbers."""
    numbers = texts.hesitations.get((bead.src, bead.tgt)) if bead.status == "machine" else None
    if not numbers:
        return
    features["close_call"] = min(2.0, max(0.0, (CLOSE_GAP - numbers["gap"]) / CLOSE_GAP))
    features["misfit"] = min(2.0, max(0.0, (MISFIT_AT - numbers["fit"]) / 0.1)) if bead.src and bead.tgt else 0.0


def _acronym_shifted(source: str, target: str, neighbours: list[ReviewBead], texts: PairTexts) -> bool:
    """An acronym of one side missing from the other side of this bead but found there in a neighbour:
    the boundary is probably one sentence off (acronyms that differ by language, OCI/OIC, do not count)."""
    src_acr, tgt_acr = _acronyms(source), _acronyms(target)
    if src_acr == tgt_acr:
        return False
    near_src = set().union(*(_acronyms(texts.side_text(n, "src")) for n in neighbours)) if neighbours else set()
    near_tgt = set().union(*(_acronyms(texts.side_text(n, "tgt")) for n in neighbours)) if neighbours else set()
    return bool((src_acr - tgt_acr) & near_tgt or (tgt_acr - src_acr) & near_src)


def model_for(texts: PairTexts) -> Model:
    return WITH_ALIGNER if texts.hesitations else TEXT_ONLY


def review_score(features: dict[str, float], model: Model) -> float:
    """The probability that the bead is wrong, by the fitted logistic regression."""
    weights = model.weights
    z = weights["bias"] + sum(weights[k] * features[k] for k in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))


_REASONS = {"low": "low confidence", "size": "m:n bead", "null": "alone without counterpart",
            "null_run": "in a run of sentences without counterpart",
            "next_odd": "next to an m:n bead or one without counterpart",
            "numbers": "numbers differ", "acronyms": "acronyms differ", "length": "unusual length ratio",
            "no_cognates": "no shared names or words", "cognates_nearby": "a neighbour shares more names or words",
            "continues": "one side starts mid-sentence", "open_end": "one side ends mid-sentence",
            "close_call": "the aligner nearly cut this differently",
            "misfit": "a sentence fits the neighbouring bead as well"}


def reasons(features: dict[str, float], model: Model) -> list[str]:
    """The signals that pushed this bead up, strongest first, in words a translator reads (a bead without
    counterpart shows that already)."""
    shown = [k for k in FEATURES if features[k] > 0]
    pushes = sorted(((model.weights[k] * features[k], k) for k in shown), reverse=True)
    return [_REASONS[k] for push, k in pushes if push >= 0.5]


def assess(beads: list[ReviewBead], index: int, texts: PairTexts) -> tuple[float, list[str], bool]:
    """(probability that the bead is wrong, the reasons, flagged "needs review"?)."""
    model = model_for(texts)
    features = bead_features(beads, index, texts)
    probability = review_score(features, model)
    return probability, reasons(features, model), probability >= model.flag_at
