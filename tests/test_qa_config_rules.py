"""QA configuration (user checklists, values that must be refused), glossary direction, and the HTML
report's visible whitespace, seen in a real headless browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import cli
from align.errors import ConfigError
from align.model import TranslationUnit
from align.qa import run_qa
from align.qa.config import parse_config
from align.qa.reports import render

UNITS = "id\tsource\ttarget\nu1\tClick here to save.\tCliquer ici pour enregistrer.\nu2\tClick Save.\tCliquez sur Enregistrer.\n"


def _run(tmp_path, config: str, *extra, units: str = UNITS):
    (tmp_path / "qa.toml").write_text(config, encoding="utf-8")
    (tmp_path / "units.tsv").write_text(units, encoding="utf-8")
    return CliRunner().invoke(cli, ["qa", str(tmp_path / "units.tsv"), "--src-lang", "en", "--tgt-lang", "fr",
                                    "--config", str(tmp_path / "qa.toml"), "--format", "json", *extra])


def test_user_rules_must_and_must_not(tmp_path):
    config = '''
[[rules]]
id = "click-imperative"
source = "(?i)\\\\bclick\\\\b"
target = "\\\\bCliquez\\\\b"
mode = "must"
message = "UI instructions use the imperative: Cliquez"
severity = "error"

[[rules]]
id = "no-cliquer-ici"
target = "(?i)cliquer ici"
'''
    result = _run(tmp_path, config)
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    found = {(f["unit"], f["check"], f["severity"]) for f in data["findings"]}
    assert {("u1", "click-imperative", "error"), ("u1", "no-cliquer-ici", "warning")} <= found
    assert not any(f["unit"] == "u2" and f["check"] in ("click-imperative", "no-cliquer-ici") for f in data["findings"])
    assert "rules:2:" in data["summary"]["signature"]


@pytest.mark.parametrize("config, expected", [
    ("checks = 5", "'checks' must be a table"),
    ("[checks.length-ratio]\nvariance = 0", "must be a finite number above 0"),
    ("[checks.length-ratio]\nexpected_ratio = 0", "must be a finite number above 0"),
    ("[checks.length-ratio]\nvariance = nan", "not nan"),
    ("[checks.length-ratio]\nvariance = inf", "not inf"),
    ("[[rules]]\ntarget = \"(\"", "not a valid regular expression"),
    ("[[rules]]\ntarget = \"x\"\nmode = \"should\"", "'mode' must be"),
    ("[[rules]]\nid = \"whitespace\"\ntarget = \"x\"", "unique name"),
    ("[[rules]]\nsource = \"x\"", "'target' must be a non-empty regular expression"),
    ("x = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_bad_config_values_exit_2_with_one_line(tmp_path, config, expected):
    result = _run(tmp_path, config)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("align: error:") and expected in lines[0], result.output


@pytest.mark.parametrize("accept, expected", [
    ('[{"unit": "u1", "check": "whitespace", "target": null}]', "'target' must be a string, not None"),
    ('[{"unit": "\\ud800", "check": "whitespace"}]', "lone surrogate"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('[{"unit": null, "check": "x"}]', "'unit' must be"),
])
def test_bad_accept_files_exit_2(tmp_path, accept, expected):
    (tmp_path / "accept.json").write_text(accept, encoding="utf-8")
    result = _run(tmp_path, "", "--accept", str(tmp_path / "accept.json"))
    assert result.exit_code == 2 and expected in result.output, result.output


def test_rules_reject_unknown_keys_in_code():
    with pytest.raises(ConfigError, match="unknown key"):
        parse_config({"rules": [{"target": "x", "pattern": "y"}]})


GLOSSARY_FR_EN = "source,target,status\nOrganisation,Organization,preferred\nOCI,OIC,preferred\nmachin,thing,forbidden\n"


def test_glossary_for_the_other_direction_is_inverted_with_a_notice(tmp_path):
    (tmp_path / "g.csv").write_text(GLOSSARY_FR_EN, encoding="utf-8")
    units = ("id\tsource\ttarget\nu1\tCreate an Organization\tCréer une organisation\n"
             "u2\tThe Organization was founded\tL'organisation a été fondée\n"
             "u3\tOrganization settings\tParamètres de l'organisation\nu4\tThe Organization\tLa société\n")
    result = _run(tmp_path, "", "--glossary", str(tmp_path / "g.csv"), units=units)
    assert "align: notice:" in result.output and "applied inverted (2 rows, 1 forbidden rows dropped)" in result.output
    data = json.loads(result.output[result.output.index("{"):])
    missing = [(f["unit"], f["message"]) for f in data["findings"] if f["check"] == "glossary-term-missing"]
    assert missing == [("u4", "glossary term 'Organization' should be rendered 'Organisation'")]


def test_tbx_glossary_for_other_languages_is_refused(tmp_path):
    tbx = tmp_path / "de.tbx"
    tbx.write_text('''<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>
<conceptEntry id="c1"><langSec xml:lang="de"><termSec><term>Organisation</term></termSec></langSec>
<langSec xml:lang="fr"><termSec><term>organisation</term></termSec></langSec></conceptEntry>
</body></text></tbx>''', encoding="utf-8")
    result = _run(tmp_path, "", "--glossary", str(tbx))
    assert result.exit_code == 2 and "match neither side" in result.output, result.output


def test_acronym_rendered_by_its_expansion_satisfies_the_glossary(tmp_path):
    (tmp_path / "g.csv").write_text(GLOSSARY_FR_EN, encoding="utf-8")
    units = "id\tsource\ttarget\nu1\tL'OCI se réunit.\tThe Organization of Islamic Cooperation meets.\n"
    result = CliRunner().invoke(cli, ["qa", "--format", "json", "--glossary", str(tmp_path / "g.csv"),
                                      str(_file(tmp_path, "fr.tsv", units))])
    assert result.exit_code == 0, result.output
    assert not json.loads(result.output)["findings"]


def _file(tmp_path, name, text) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_html_report_shows_location_and_invisible_characters():
    unit = TranslationUnit("Le  groupe", "The\u00a0group\tis  here ", "fr", "en", tuid="tu-7", line=12)
    html = render(run_qa([unit], source_name="mem.tmx"), "html")
    assert "mem.tmx:12" in html and "tu-7" in html
    assert 'title="no-break space (U+00A0)"' in html and 'title="tab"' in html and html.count('title="space"') >= 3


@pytest.mark.skipif(not shutil.which("chromium") or not shutil.which("chromedriver"), reason="needs chromium")
def test_html_report_in_a_headless_browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    unit = TranslationUnit("Le groupe", "The\u00a0group\tis  here", "fr", "en", tuid="tu-7", line=12)
    page = tmp_path / "report.html"
    page.write_text(render(run_qa([unit], source_name="mem.tmx"), "html"), encoding="utf-8")
    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,800"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(page.as_uri())
        rendered = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "td.text")]
        places = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "td:first-child")]
        driver.save_screenshot(str(tmp_path / "report.png"))
    finally:
        driver.quit()
    assert any("The⍽group→is··here" in text for text in rendered), rendered
    assert "mem.tmx:12" in places, places
    assert (tmp_path / "report.png").stat().st_size > 1000
