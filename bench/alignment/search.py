"""Coordinate search of aligner settings on the development sets (never on test).

    python -m bench.alignment.search START STEPS
    python -m bench.alignment.search '{"fit_weight": 0.05}' '{"fit_weight": [-0.03, 0.05], "skip": [-0.02, 0.02]}'

START: settings (JSON) to begin from; STEPS: for each setting, the steps tried from the current best.
Objective: the mean strict F1 of textberg-dev and transread-dev; a step is taken when it gains more than
0.0001. Prints every setting tried, at most three rounds. About 15-40 s per evaluation with cached vectors.
"""

from __future__ import annotations

import json
import sys

from align.aligner import AlignParams
from bench.alignment.quality import evaluate_set


def main(start: dict, steps: dict[str, list[float]], rounds: int = 3) -> None:
    cache: dict[str, float] = {}

    def objective(settings: dict) -> float:
        key = json.dumps(settings, sort_keys=True)
        if key not in cache:
            params = AlignParams(**settings)
            tb = evaluate_set("textberg-dev", params)["f1_strict"]
            tr = evaluate_set("transread-dev", params)["f1_strict"]
            cache[key] = (tb + tr) / 2
            print(f"{cache[key]:.4f}  textberg-dev {tb:.4f}  transread-dev {tr:.4f}  {key}", flush=True)
        return cache[key]

    current, best = dict(start), objective(start)
    for _ in range(rounds):
        improved = False
        for name, deltas in steps.items():
            for delta in deltas:
                candidate = {**current, name: round(current.get(name, getattr(AlignParams(), name)) + delta, 4)}
                value = objective(candidate)
                if value > best + 1e-4:
                    best, current, improved = value, candidate, True
                    print(f"best {best:.4f} {current}", flush=True)
        if not improved:
            break
    print(f"final {best:.4f} {json.dumps(current, sort_keys=True)}")


if __name__ == "__main__":
    main(json.loads(sys.argv[1]), json.loads(sys.argv[2]))
