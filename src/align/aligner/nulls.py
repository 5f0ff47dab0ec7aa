"""Null-bead recovery: detach headings, datelines and document-edge paratext that the DP absorbed.

Why a post-pass: the DP's `skip` (−0.08) prices every 1:0 / 0:1 bead as a fixed loss, because a true pair
of weakly embedded sentences can score below zero and must not be split; lowering `skip` globally breaks
such pairs (−2.7 strict F1 points on Text+Berg dev at skip 0). The price also makes the DP absorb a
headline, a lede or a `Date: 12/12/2023` line into a neighbouring bead whenever that costs less than the skip,
even when the absorbed sentence adds nothing to the bead. Such a unit is useless in a translation memory.

The test here is local: for a bead with two or more sentences on a side, the *gain* of its first or last
sentence e on that side is score(bead) − score(bead without e), both with the DP's own scorer (run
vectors, margin, length ratio). A sentence that is really translated inside the bead raises the score
(median +0.055 on dev); an unmatched one does not (median −0.006). Gains overlap in running literary
text, so the lenient threshold `null_gain` applies only where unmatched sentences are common and cheap to
recognise: sentences shaped like a heading or dateline (no sentence-final punctuation, at most
`_HEADING_WORDS` words), OCR debris and page furniture (`.....`, `- _-`: mostly not letters), and the
outer sentences of a document's first and last beads (headlines, ledes, datelines and footers sit at
document edges). Elsewhere the DP's decision stands. By the same reasoning, the document's first or
last pair, when it is 1:1 and scores below `null_gain`, is split into 1:0 + 0:1 (not when
it is the only pair: a bead spanning a whole side has no neighbours for its margin).
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

# A bead as (source indices, target indices, DP score); the score of a null bead is `params.skip`.
Span = tuple[tuple[int, ...], tuple[int, ...], float]
BeadScore = Callable[[int, int, int, int], float]

_HEADING_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?…;:]$")
_CLOSERS = "\"'»”’)]} \u00a0"


def looks_like_heading(text: str) -> bool:
    """True for a short line without sentence-final punctuation: a title, a dateline, `Date: 12/12/2023`.

    Closing quotes and brackets are ignored (`It is Latin . "` ends a sentence); a colon counts as
    punctuation because a line ending in one introduces what follows.
    """
    stripped = text.strip().rstrip(_CLOSERS)
    return bool(stripped) and not _SENTENCE_END.search(stripped) and len(stripped.split()) <= _HEADING_WORDS


def looks_like_debris(text: str) -> bool:
    """OCR debris and page furniture: mostly not letters (`.....`, `- _-`, a page number)."""
    chars = [c for c in text if not c.isspace()]
    return sum(c.isalpha() for c in chars) < 0.5 * len(chars)


def detach_null_edges(spans: list[Span], src: Sequence[str], tgt: Sequence[str], bead_score: BeadScore,
                      null_gain: float, skip: float) -> list[Span]:
    """Return `spans` with unmatched heading-like or document-edge sentences split off as null beads.

    `bead_score(s0, s1, t0, t1)` scores the bead src[s0:s1] : tgt[t0:t1] exactly as the DP did.
    Every sentence stays in exactly one span and order is kept (detached sentences go just before or
    after what remains of their bead).
    """
    paired = [k for k, (s, t, _) in enumerate(spans) if s and t]
    if not paired:
        return spans
    first, last = paired[0], paired[-1]
    texts = (src, tgt)
    out: list[Span] = []
    for k, (s, t, score) in enumerate(spans):
        if not (s and t):
            out.append((s, t, score))
            continue
        before: list[Span] = []
        after: list[Span] = []

        def lenient(side: int, position: int, idx: tuple[int, ...]) -> bool:
            """A heading-shaped sentence, or the outer sentence of the document's first/last paired bead."""
            at_edge = (k == first and position == 0) or (k == last and position == len(idx) - 1)
            text = texts[side][idx[position]]
            return at_edge or looks_like_heading(text) or looks_like_debris(text)

        while True:
            best = None  # (gain - threshold, position, remaining src, remaining tgt, side, sentence, new score)
            for side, idx in ((0, s), (1, t)):
                if len(idx) < 2:
                    continue
                for position in (0, len(idx) - 1):
                    if not lenient(side, position, idx):
                        continue
                    rest = idx[1:] if position == 0 else idx[:-1]
                    rs, rt = (rest, t) if side == 0 else (s, rest)
                    rest_score = bead_score(rs[0], rs[-1] + 1, rt[0], rt[-1] + 1)
                    excess = (score - rest_score) - null_gain
                    if excess < 0 and (best is None or excess < best[0]):
                        best = (excess, position, rs, rt, side, idx[position], rest_score)
            if best is None:
                break
            _, position, s, t, side, sentence, score = best
            null: Span = ((sentence,), (), skip) if side == 0 else ((), (sentence,), skip)
            if position == 0:
                before.append(null)
            else:
                after.insert(0, null)
        if k in (first, last) and first != last and len(s) == 1 and len(t) == 1 and score < null_gain:
            out.extend(before + [(s, (), skip), ((), t, skip)] + after)
        else:
            out.extend(before + [(s, t, score)] + after)
    return out
