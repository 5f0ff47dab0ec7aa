"""What each signal/choice costs or gains in strict F1 on development data (Text+Berg dev + one TransRead dev book).

    python bench/alignment/ablation.py [SET ...]   # default: textberg-dev transread/AlicesAdventuresInWonderland

Each row changes one AlignParams field from the defaults; vectors come from the bench cache.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quality  # noqa: E402

from align.aligner import AlignParams  # noqa: E402

VARIANTS = [
    ("defaults", {}),
    ("lexical signal 0.05 (count, centre 0.3, Dice >= 0.3)", {"lexical_weight": 0.05}),
    ("lexical 0.05 as share of the bead's words, centre 0.2", {"lexical_weight": 0.05, "lexical_mode": "share",
                                                               "lexical_center": 0.2}),
    ("lexical signal 0.1", {"lexical_weight": 0.1}),
    ("lexical 0.05, Dice >= 0.5", {"lexical_weight": 0.05, "lexical_min_dice": 0.5}),
    ("lexical 0.05, words in > 10% of sentences not counted", {"lexical_weight": 0.05, "lexical_max_df": 0.1}),
    ("no null-bead recovery (DP beads as chosen)", {"null_recovery": False}),
    ("null-bead recovery, gain threshold 0", {"null_gain": 0.0}),
    ("null-bead recovery, gain threshold 0.05", {"null_gain": 0.05}),
    ("no refinement (combined vectors only, embed-once)", {"refine_rounds": 0}),
    ("no margin", {"margin": False}),
    ("no length signal", {"length_model": "none"}),
    ("length weight 1 (Bertalign's)", {"length_weight": 1.0}),
    ("number/name signal 0.02", {"token_weight": 0.02}),
    ("equal run weights (not sqrt chars)", {"run_weighting": "equal"}),
    ("beads up to 5 sentences, 4 a side", {"max_bead": 5, "max_side": 4}),
    ("skip -0.05", {"skip": -0.05}),
    ("skip 0 (null beads free)", {"skip": 0.0}),
    ("Gale-Church length term 0.005", {"gale_church_weight": 0.005}),
    ("skip -0.05 + Gale-Church 0.005", {"skip": -0.05, "gale_church_weight": 0.005}),
    ("refine m:n runs extended by one sentence", {"refine_extend": True}),
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
