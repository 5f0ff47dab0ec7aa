"""What each signal/choice costs or gains in strict F1 on development data (Text+Berg dev + one TransRead dev book).

    python -m bench.alignment.ablation [SET ...]   # default: textberg-dev transread/AlicesAdventuresInWonderland

Each row changes one AlignParams field from the defaults; vectors come from the bench cache.
"""

from __future__ import annotations

import sys

from align.aligner import AlignParams
from bench.alignment import quality

VARIANTS = [
    ("defaults", {}),
    ("no null-bead recovery (DP beads as chosen)", {"null_recovery": False}),
    ("null-bead recovery, gain threshold 0", {"null_gain": 0.0}),
    ("null-bead recovery, gain threshold 0.05", {"null_gain": 0.05}),
    ("no refinement (combined vectors only, embed-once)", {"refine_rounds": 0}),
    ("no margin", {"margin": False}),
    ("no length signal", {"length_weight": 0.0}),
    ("length weight 1 (Bertalign's)", {"length_weight": 1.0}),
    ("beads up to 5 sentences, 4 a side", {"max_bead": 5, "max_side": 4}),
    ("skip -0.05", {"skip": -0.05}),
    ("skip 0 (null beads free)", {"skip": 0.0}),
]


def main(sets: list[str]) -> None:
    print("| variant | " + " | ".join(f"{s} strict F1" for s in sets) + " | extra text |")
    print("|---|" + "---|" * (len(sets) + 1))
    for label, changes in VARIANTS:
        params = AlignParams(**changes)
        results = [quality.evaluate_set(s, params) for s in sets]
        cells = " | ".join(f"{r['f1_strict']:.3f}" for r in results)
        print(f"| {label} | {cells} | {results[0]['extra_text']:.2f}x |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["textberg-dev", "transread/AlicesAdventuresInWonderland"])
