"""Diagnostic: the aligner with *every* run of 2..L consecutive sentences embedded for real.

    python bench/alignment/all_runs.py textberg-dev 3

Why: the default scorer combines sentence vectors into run vectors and embeds only the runs the first
pass hesitates on (`runs_to_refine`). If real embeddings of all overlaps (what Bertalign and Vecalign
embed, several times the text) scored much better, the gap to the targets would be the approximation;
if not, it is the encoder. One pass of `align_vectors` with all runs given, defaults otherwise, null-bead
post-pass included. Runs are embedded through the bench vector cache (slow the first time).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402
from quality import encoder, parse_overrides  # noqa: E402

from align.aligner import AlignParams, align_vectors  # noqa: E402
from align.aligner.evaluate import score  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("set_name")
    parser.add_argument("longest", type=int, help="embed every run of 2..LONGEST sentences")
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    args = parser.parse_args()
    params = AlignParams(**parse_overrides(args.overrides))
    golds, tests, extra, base = [], [], 0, 0
    t0 = time.perf_counter()
    for doc in datasets.load(args.set_name):
        src_vectors, tgt_vectors = encoder().encode(doc.src), encoder().encode(doc.tgt)
        runs = {}
        for side, sentences in (("src", doc.src), ("tgt", doc.tgt)):
            keys = [(side, length, end) for length in range(2, args.longest + 1)
                    for end in range(length, len(sentences) + 1)]
            texts = [" ".join(sentences[end - length: end]) for _, length, end in keys]
            extra += sum(map(len, texts))
            base += sum(map(len, sentences))
            runs.update(zip(keys, encoder().encode(texts)))
        golds.append(doc.gold)
        tests.append(align_vectors(src_vectors, tgt_vectors, doc.src, doc.tgt, params, run_vectors=runs).beads)
    r = score(golds, tests)
    print(f"{args.set_name} all runs of 2..{args.longest}: strict P/R/F1 {r['precision_strict']:.3f}/"
          f"{r['recall_strict']:.3f}/{r['f1_strict']:.3f}  lax F1 {r['f1_lax']:.3f}  extra text {extra / base:.1f}x  "
          f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
