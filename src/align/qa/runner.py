"""Running the checks over a file's units: `run_qa(units, ...) -> QAResult`.

The runner owns what is common to all checks: building them from the config, the order of findings
(by unit position, then check), dropping accepted findings, counting, and the signature that makes
a report reproducible.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from align.qa.base import SEVERITIES, Finding, QAContext
from align.qa.config import QAConfig
from align.qa.suppress import Acceptance
from align.signature import Signature


@dataclass
class QAResult:
    findings: list[Finding]
    units_checked: int
    checks: list[str]
    suppressed: int = 0
    signature: Signature = field(default_factory=Signature)
    source_name: str = ""

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def counts_by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {severity: counts.get(severity, 0) for severity in SEVERITIES}

    def counts_by_check(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for finding in self.findings:
            row = table.setdefault(finding.check, {s: 0 for s in SEVERITIES})
            row[finding.severity] += 1
        return dict(sorted(table.items()))

    def summary(self) -> dict:
        return {
            "input": self.source_name,
            "units_checked": self.units_checked,
            "findings": len(self.findings),
            "suppressed": self.suppressed,
            "by_severity": self.counts_by_severity(),
            "by_check": self.counts_by_check(),
            "checks_run": self.checks,
            "signature": self.signature.format(),
        }


def run_qa(units: Sequence, glossary=None, config: QAConfig | None = None,
           accepted: Sequence[Acceptance] = (), use_extractor: bool = False, source_name: str = "") -> QAResult:
    """Check every unit; return the findings that are not accepted, ordered by unit then check.

    `glossary` is an `align.glossary.model.Glossary` (or None: glossary checks then stay silent);
    `use_extractor` lets `acronym-missing` also accept the renderings the term engine extracts from the
    file (`term-inconsistency` uses the engine by default; its settings are in the signature).
    """
    config = config or QAConfig()
    checks = config.build_checks()
    context = QAContext(units, glossary, use_extractor=use_extractor)
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check.check_all(context))
    for finding in findings:
        finding.file = source_name
    kept = [f for f in findings if not any(a.matches(f) for a in accepted)]
    order = {check.id: n for n, check in enumerate(checks)}
    kept.sort(key=lambda f: (f.position, order.get(f.check, 0)))
    settings: dict[str, object] = {"checks": len(checks)}
    if config.severities:
        settings["severities"] = ",".join(f"{k}={v}" for k, v in sorted(config.severities.items()))
    if config.disabled:
        settings["disabled"] = ",".join(sorted(config.disabled))
    if config.options:
        settings["options"] = ";".join(f"{k}:{v}" for k, v in sorted(config.options.items()))
    if config.rules:  # how many, and a fingerprint of what they say (two rule sets never share a signature)
        described = "\n".join(f"{r.id}|{r.severity}|{r.must}|{r.source and r.source.pattern}|{r.target.pattern}"
                              for r in config.rules)
        settings["rules"] = f"{len(config.rules)}:{hashlib.sha1(described.encode('utf-8', 'replace')).hexdigest()[:8]}"
    if glossary is not None:
        settings["glossary_terms"] = len(glossary.pairs)
        settings["glossary_direction"] = f"{glossary.src_lang}->{glossary.tgt_lang}"
    settings.update(context.term_settings())
    return QAResult(findings=kept, units_checked=len(units), checks=[c.id for c in checks],
                    suppressed=len(findings) - len(kept), signature=Signature(settings),
                    source_name=source_name)
