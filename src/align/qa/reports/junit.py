"""JUnit XML report for CI systems: one testcase per check, a `<failure>` when it found errors.

Warnings and info findings go to the testcase's `<system-out>` so they are visible but do not fail
the build. Built with lxml, so every text is escaped properly.
"""

from __future__ import annotations

from collections import defaultdict


def _line(finding) -> str:
    place = f"{finding.where}: " if finding.where else ""
    return f"{place}unit {finding.unit}: [{finding.severity}] {finding.message}"


def render_junit(result) -> str:
    from lxml import etree

    by_check = defaultdict(list)
    for finding in result.findings:
        by_check[finding.check].append(finding)
    errors_total = sum(1 for check in result.checks if any(f.severity == "error" for f in by_check[check]))
    suites = etree.Element("testsuites", name="align qa")
    suite = etree.SubElement(suites, "testsuite", name=f"align qa {result.source_name}".strip(),
                             tests=str(len(result.checks)), failures=str(errors_total), errors="0", skipped="0")
    properties = etree.SubElement(suite, "properties")
    etree.SubElement(properties, "property", name="signature", value=result.signature.format())
    etree.SubElement(properties, "property", name="units_checked", value=str(result.units_checked))
    for check in result.checks:
        findings = by_check.get(check, [])
        case = etree.SubElement(suite, "testcase", classname="align.qa", name=check)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            failure = etree.SubElement(case, "failure", message=f"{len(errors)} error(s)", type="error")
            failure.text = "\n".join(_line(f) for f in errors)
        others = [f for f in findings if f.severity != "error"]
        if others:
            etree.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
