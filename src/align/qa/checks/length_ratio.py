"""`length-ratio`: a target far shorter or longer than its source: a truncated or padded translation.

Calibrated for French -> English: English runs 10-15 % shorter than French in institutional text. As in
Gale & Church's length model, the target length is expected to be `expected_ratio * len(source)` with a
spread growing like the square root of the length (`variance` characters per source character), so a
short title may swing widely and a long sentence may not. A unit is flagged only when both hold:
the deviation is extreme (z below `-short_z` or above `long_z`) and the plain ratio lies outside
[`min_ratio`, `max_ratio`]. Thresholds were set on published literary translations (TransRead
development books, `bench/qa/run_literary.py`), where 99.5 % of 1:1 pairs have z in [-1.2, 3.1].
An English -> French file uses the inverse ratios.
"""

from __future__ import annotations

import math

from align.qa.base import Check, Span


class LengthRatio(Check):
    id = "length-ratio"
    severity = "info"  # measured on real translations: 3 real of 9 (free translation, notes, titles)
    description = "the target is much shorter or longer than a French -> English translation should be"
    options = {"expected_ratio": 0.9, "variance": 6.8, "short_z": 2.5, "long_z": 3.5,
               "min_ratio": 0.5, "max_ratio": 1.6}

    def check(self, unit, position, context):
        source_length = len(" ".join(unit.source.split()))
        target_length = len(" ".join(unit.target.split()))
        if not source_length:
            return
        settings = {k: float(v) for k, v in self.settings.items()}
        if unit.src_lang.lower().startswith("en") and unit.tgt_lang.lower().startswith("fr"):
            # English -> French: the same model seen from the other side.
            settings["expected_ratio"] = 1 / settings["expected_ratio"]
            settings["min_ratio"], settings["max_ratio"] = 1 / settings["max_ratio"], 1 / settings["min_ratio"]
        ratio = target_length / source_length
        z = (target_length - settings["expected_ratio"] * source_length) / math.sqrt(source_length * settings["variance"])
        if z < -settings["short_z"] and ratio < settings["min_ratio"]:
            yield self.finding(unit, position, f"target is short for its source: {target_length} characters for "
                               f"{source_length} (ratio {ratio:.2f}, about {settings['expected_ratio']:.2f} expected)",
                               [Span("target", 0, len(unit.target))])
        elif z > settings["long_z"] and ratio > settings["max_ratio"]:
            yield self.finding(unit, position, f"target is long for its source: {target_length} characters for "
                               f"{source_length} (ratio {ratio:.2f}, about {settings['expected_ratio']:.2f} expected)",
                               [Span("target", 0, len(unit.target))])
