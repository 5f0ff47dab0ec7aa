"""Translation QA: checks over bilingual units, with reports (`align qa`).

    from align.qa import run_qa
    result = run_qa(units, glossary=glossary)      # units: list[TranslationUnit]
    for finding in result.findings: ...
    from align.qa.reports import render
    text = render(result, "json")

Layout: `base.py` (Check, Finding, QAContext), `checks/` (one module per check, registry in
`checks/__init__.py`), `runner.py`, `config.py` (TOML), `rules.py` (user regex checklists),
`suppress.py` (accepted findings), `sources/` (the files QA reads: PO, XLIFF, TMX, TSV/CSV, with unit
ids and lines), `reports/` (one module per report format), `glossary_direction.py`, helpers
`markup.py` (placeholders, tags, code, URLs: compared and masked), `terms.py`, `numbers.py`, `acronyms.py`.
"""

from align.qa.runner import QAResult, run_qa

__all__ = ["QAResult", "run_qa"]
