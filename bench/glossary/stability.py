"""How often the glossary tests would fail on a run: eflomal samples at random and cannot be seeded.

    python bench/glossary/stability.py [RUNS]

Runs `extract_terms` on the 42 hand-paired communiqué units of the tests RUNS times (default 300) and
applies the assertions of `tests/test_glossary.py` that read the module-scoped glossary (acronym and
term renderings, expansions, the top 15) to each result; prints the runs where one failed. A CI run
builds that glossary once, so the share of failing runs is the chance that CI goes red for this reason.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from align.glossary.extract import extract_terms
from tests import test_glossary as checks


def failures(glossary) -> list[str]:
    named = [(f"acronym {s}", lambda s=s, t=t: checks.test_acronyms_pair_with_their_renderings(glossary, s, t))
             for s, t in checks.ACRONYM_PAIRS.items()]
    named += [(f"term {s}", lambda s=s, t=t: checks.test_multiword_terms_pair_with_their_renderings(glossary, s, t))
              for s, t in checks.TERM_PAIRS.items()]
    named += [("expansions", lambda: checks.test_acronym_pairs_come_with_expansions_in_one_concept(glossary)),
              ("top 15", lambda: checks.test_unrelated_pairs_are_not_proposed_at_the_top(glossary))]
    failed = []
    for name, check in named:
        try:
            check()
        except AssertionError:
            failed.append(name)
    return failed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    units = checks.corpus_units()
    counts: Counter = Counter()
    failing_runs = 0
    start = time.perf_counter()
    for run in range(runs):
        failed = failures(extract_terms(units))
        if failed:
            failing_runs += 1
            counts.update(failed)
            print(f"run {run}: {', '.join(failed)}", flush=True)
    print(f"{runs} runs, {failing_runs} with a failing check {dict(counts)}; "
          f"{(time.perf_counter() - start) / runs:.2f} s per run")


if __name__ == "__main__":
    main()
