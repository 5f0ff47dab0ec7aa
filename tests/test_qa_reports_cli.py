"""Reports (JSON, JUnit, HTML, text), accepted findings, config files and `align qa` exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from lxml import etree

from align.cli import cli
from align.errors import ConfigError, InputError
from align.model import TranslationUnit
from align.qa import run_qa
from align.qa.config import load_config
from align.qa.reports import render
from align.qa.suppress import load_accepted

UNITS = [
    TranslationUnit("Le Secrétariat général de l'OCI se dit préoccupé par le verdict du 11 décembre 2023.",
                    "The OIC General Secretariat expresses concern over the verdict of 12 December 2023.", tuid="gs1"),
    TranslationUnit("Le peuple du Jammu-et-Cachemire <script>alert(1)</script>.",
                    "The the people of Jammu and Kashmir <script>alert(1)</script>.", tuid="gs2"),
    TranslationUnit("La réunion a été présidée par le secrétaire général.", "The meeting was chaired by the Secretary-General.",
                    tuid="gs3"),
]


def test_json_report_schema():
    result = run_qa(UNITS)
    data = json.loads(render(result, "json"))
    assert set(data) == {"findings", "summary"}
    keys = {"unit", "check", "severity", "message", "source", "target", "spans", "target_hash", "position",
            "file", "line"}
    assert data["findings"] and all(set(f) == keys for f in data["findings"])
    assert {(f["unit"], f["check"]) for f in data["findings"]} == {("gs1", "number-mismatch"), ("gs2", "repeated-word")}
    summary = data["summary"]
    assert summary["units_checked"] == 3
    assert summary["by_severity"] == {"error": 1, "warning": 1, "info": 0}
    assert summary["by_check"]["number-mismatch"]["error"] == 1
    assert summary["signature"].startswith("align:")
    number = next(f for f in data["findings"] if f["check"] == "number-mismatch")
    assert [(s["side"], number[s["side"]][s["start"]:s["end"]]) for s in number["spans"]] == [("source", "11"), ("target", "12")]


def test_junit_report_parses_and_fails_only_on_errors():
    root = etree.fromstring(render(run_qa(UNITS), "junit").encode("utf-8"))
    suite = root.find("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert "number-mismatch" in cases and "repeated-word" in cases
    assert cases["number-mismatch"].find("failure") is not None
    assert "gs1" in cases["number-mismatch"].find("failure").text
    assert cases["repeated-word"].find("failure") is None  # a warning: visible, not failing
    assert "gs2" in cases["repeated-word"].find("system-out").text
    assert suite.get("failures") == "1"


def test_html_report_escapes_and_highlights():
    page = render(run_qa(UNITS), "html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark>11</mark>" in page and "<mark>12</mark>" in page
    assert page.startswith("<!DOCTYPE html>") and 'id="number-mismatch"' in page


def test_text_report_lists_findings_and_summary():
    text = render(run_qa(UNITS), "text")
    assert "number-mismatch" in text and "gs1" in text
    assert "3 units checked: 1 errors, 1 warnings, 0 info" in text


def test_accept_file_tsv_and_json(tmp_path):
    result = run_qa(UNITS)
    number = next(f for f in result.findings if f.check == "number-mismatch")
    tsv = tmp_path / "accepted.tsv"
    tsv.write_text(f"# reviewed\ngs1\tnumber-mismatch\t{number.target_hash}\n", encoding="utf-8")
    accepted = run_qa(UNITS, accepted=load_accepted(tsv))
    assert [f.check for f in accepted.findings] == ["repeated-word"] and accepted.suppressed == 1
    # The acceptance is tied to the target text: an edited target is checked afresh.
    edited = [TranslationUnit(u.source, u.target.replace("12 December", "13 December"), tuid=u.tuid) for u in UNITS]
    assert any(f.check == "number-mismatch" for f in run_qa(edited, accepted=load_accepted(tsv)).findings)
    # A JSON report given back accepts everything it lists.
    report = tmp_path / "report.json"
    report.write_text(render(result, "json"), encoding="utf-8")
    assert run_qa(UNITS, accepted=load_accepted(report)).findings == []
    bad = tmp_path / "bad.tsv"
    bad.write_text("gs1 number-mismatch\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tsv: line 1"):
        load_accepted(bad)


def test_config_changes_severity_disables_and_sets_options(tmp_path):
    config = tmp_path / "qa.toml"
    config.write_text('[checks.number-mismatch]\nseverity = "warning"\n\n[checks.repeated-word]\nenabled = false\n'
                      '[checks.length-ratio]\nmin_ratio = 0.4\n', encoding="utf-8")
    result = run_qa(UNITS, config=load_config(config))
    assert [(f.check, f.severity) for f in result.findings] == [("number-mismatch", "warning")]
    assert not result.has_errors and "repeated-word" not in result.checks
    assert "severities:number-mismatch=warning" in result.signature.format()
    for text, message in [('[checks.no-such-check]\nseverity = "error"\n', "unknown check"),
                          ('[checks.whitespace]\nseverity = "fatal"\n', "severity"),
                          ('[checks.whitespace]\nmax_ratio = 2\n', "no option"),
                          ('[checks.length-ratio]\nmax_ratio = "two"\n', "must be like 1.6"),
                          ("[checks.whitespace\n", "not a valid TOML")]:
        config.write_text(text, encoding="utf-8")
        with pytest.raises((ConfigError, InputError), match=message):
            load_config(config)


def write_tmx(path, units):
    body = "".join(
        f'<tu tuid="{tuid}"><tuv xml:lang="fr"><seg>{s}</seg></tuv><tuv xml:lang="en"><seg>{t}</seg></tuv></tu>'
        for tuid, s, t in units)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
                    'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" '
                    f'datatype="plaintext"/><body>{body}</body></tmx>', encoding="utf-8")
    return path


def test_cli_exit_codes_and_formats(tmp_path):
    runner = CliRunner()
    clean = write_tmx(tmp_path / "clean.tmx", [("u1", "Le 16 mars 2023, l'OCI s'est réunie.",
                                                "On 16 March 2023, the OIC met.")])
    result = runner.invoke(cli, ["qa", str(clean)])
    assert result.exit_code == 0, result.output
    assert "1 units checked: 0 errors" in result.output

    wrong = write_tmx(tmp_path / "wrong.tmx", [("u1", "Le 16 mars 2023, l'OCI s'est réunie.",
                                                "On 16 May 2023, the OIC met.")])
    out = tmp_path / "report.json"
    result = runner.invoke(cli, ["qa", str(wrong), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["findings"][0]["unit"] == "u1"
    result = runner.invoke(cli, ["qa", str(wrong), "--accept", str(out), "--format", "junit"])
    assert result.exit_code == 0 and "<testsuites" in result.output

    xliff = tmp_path / "wrong.xlf"
    xliff.write_text('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" '
                     'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="fr" '
                     'target-language="en" datatype="plaintext"><body><trans-unit id="a1"><source>Le 16 mars '
                     "2023, l'OCI s'est réunie.</source><target>On 16 May 2023, the OIC met.</target></trans-unit>"
                     "</body></file></xliff>", encoding="utf-8")
    result = runner.invoke(cli, ["qa", str(xliff), "--format", "json"])
    assert result.exit_code == 1
    assert [(f["unit"], f["check"]) for f in json.loads(result.output)["findings"]] == [("a1", "number-mismatch")]

    tsv = tmp_path / "units.tsv"
    tsv.write_text("source\ttarget\tscore\tdocument\nLe peuple souffre.\tThe the people suffer.\t\td\n", encoding="utf-8")
    result = runner.invoke(cli, ["qa", str(tsv), "--format", "html", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0 and "repeated-word" in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("content, name", [
    (None, "missing.tmx"),
    ("<tmx><body><tu>", "broken.tmx"),
    ('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx version="1.4"><header/>'
     '<body><tu><tuv xml:lang="fr"><seg>&x;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>',
     "hostile.tmx"),
])
def test_cli_unusable_input_exits_2_with_one_clear_line(tmp_path, content, name):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["qa", str(path)])
    assert result.exit_code == 2
    assert "align: error:" in result.output and name in result.output and "Traceback" not in result.output


def test_cli_bad_config_exits_2(tmp_path):
    tmx = write_tmx(tmp_path / "a.tmx", [("u1", "Le peuple.", "The people.")])
    config = tmp_path / "qa.toml"
    config.write_text('[checks.nope]\nenabled = false\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["qa", str(tmx), "--config", str(config)])
    assert result.exit_code == 2 and "unknown check 'nope'" in result.output


def test_cli_glossary_checks(tmp_path):
    import align.glossary

    if not hasattr(align.glossary, "read_glossary"):
        pytest.skip("align.glossary.read_glossary has not landed yet")
    glossary = tmp_path / "terms.csv"
    glossary.write_text("source,target,status\nJammu-et-Cachemire,Jammu and Kashmir,preferred\n"
                        "Jammu-et-Cachemire,Jammu & Kashmir,forbidden\n", encoding="utf-8")
    tmx = write_tmx(tmp_path / "a.tmx", [("u1", "Le peuple du Jammu-et-Cachemire.", "The people of Jammu &amp; Kashmir."),
                                         ("u2", "Le peuple du Jammu-et-Cachemire.", "The people of Kashmir.")])
    result = CliRunner().invoke(cli, ["qa", str(tmx), "--glossary", str(glossary), "--format", "json"])
    assert result.exit_code == 1
    checks = {(f["unit"], f["check"]) for f in json.loads(result.output)["findings"]}
    assert {("u1", "glossary-term-forbidden"), ("u2", "glossary-term-missing")} <= checks
