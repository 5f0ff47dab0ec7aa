"""CPU time of the term engine and of the whole QA run, and run-to-run identity of their outputs.

    python -m bench.glossary.speed [TSV ...]     (default: bench/out/glossary/{debian,fresh,heldout,django}.tsv)

For each set: CPU seconds (process time, so other jobs on the machine do not count) of `extract_terms`
and of `run_qa` with every default check (term consistency included), each run twice; the glossary (TBX)
and the QA findings (JSON) of the two runs are compared byte for byte.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = tuple(f"bench/out/glossary/{name}.tsv" for name in ("debian", "fresh", "heldout", "django"))


def _timed(function):
    start = time.process_time()
    result = function()
    return result, time.process_time() - start


def measure(path: str) -> dict:
    from align.formats import read_store
    from align.glossary import extract_terms, write_glossary
    from align.qa.runner import run_qa

    units = list(read_store(path, src_lang="fr", tgt_lang="en").units)
    outputs, times = [], {"glossary": [], "qa": []}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(2):
            glossary, seconds = _timed(lambda: extract_terms([u for u in units if u.source.strip() and u.target.strip()]))
            times["glossary"].append(seconds)
            tbx = Path(folder) / f"{run}.tbx"
            write_glossary(tbx, glossary)
            result, seconds = _timed(lambda: run_qa(units))
            times["qa"].append(seconds)
            findings = json.dumps([f.as_dict() for f in result.findings], ensure_ascii=False)
            outputs.append((tbx.read_bytes(), findings, len(glossary.pairs),
                            sum(f.check == "term-inconsistency" for f in result.findings)))
    return {"set": path, "units": len(units), "glossary_cpu_s": [round(t, 2) for t in times["glossary"]],
            "qa_cpu_s": [round(t, 2) for t in times["qa"]], "pairs": outputs[0][2], "term_findings": outputs[0][3],
            "identical_glossary": outputs[0][0] == outputs[1][0], "identical_qa": outputs[0][1] == outputs[1][1]}


def main() -> None:
    print("| set | units | glossary CPU s (2 runs) | whole QA CPU s (2 runs) | pairs | term findings | "
          "same TBX bytes | same QA JSON |")
    print("|---|---|---|---|---|---|---|---|")
    for path in sys.argv[1:] or DEFAULT:
        r = measure(path)
        print(f"| {Path(r['set']).name} | {r['units']} | {r['glossary_cpu_s']} | {r['qa_cpu_s']} | {r['pairs']} | "
              f"{r['term_findings']} | {r['identical_glossary']} | {r['identical_qa']} |", flush=True)


if __name__ == "__main__":
    main()
