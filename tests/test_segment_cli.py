"""`align segment` through click's CliRunner, on the real corpus."""

from __future__ import annotations

import json

from click.testing import CliRunner

from align.cli import cli
from align.segment import load_document
from conftest import CORPUS, NOUAKCHOTT_FR, semicolon_rules


def test_text_output_is_one_segment_per_line():
    result = CliRunner().invoke(cli, ["segment", str(NOUAKCHOTT_FR), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == load_document(NOUAKCHOTT_FR, "fr").segment_texts()
    assert len(lines) == 55 and not any(line.strip() in {"1.", "i.", "-"} for line in lines)


def test_json_output_has_paragraphs_markers_and_offsets(tmp_path):
    source = CORPUS / "en" / "oic-oci-2023-09-20-oic-contact-group-jk-new-york-press-release.txt"
    out = tmp_path / "segments.json"
    result = CliRunner().invoke(cli, ["segment", str(source), "-l", "en", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    text = source.read_text(encoding="utf-8")
    assert payload["meta"]["unwrapped"] == "no" and payload["meta"]["encoding"] == "utf-8"
    assert payload["meta"]["segmentation"].startswith("en.srx#")
    assert len(payload["segments"]) == 16
    for record in payload["segments"]:
        assert text[record["start"]:record["end"]] == record["text"]  # offsets point into the file itself
    assert {"index", "text", "paragraph", "kind", "marker", "start", "end"} <= set(payload["segments"][0])


def test_json_markers_on_the_nouakchott_communique():
    result = CliRunner().invoke(cli, ["segment", str(NOUAKCHOTT_FR), "--lang", "fr", "-f", "json"])
    payload = json.loads(result.output)
    markers = [r["marker"] for r in payload["segments"] if r["kind"] == "list-item"]
    assert markers[:3] == ["1.", "1.", "2."]  # paragraph 1 has two sentences, both numbered 1.
    assert "vii." in markers and markers.count("-") == 3


def test_presegmented_and_custom_srx(tmp_path):
    lines = tmp_path / "lines.txt"
    lines.write_text("Une phrase. Une autre.\n\nM. Dupont\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", str(lines), "--lang", "fr", "--presegmented"])
    assert result.output.splitlines() == ["Une phrase. Une autre.", "M. Dupont"]
    rules = semicolon_rules(tmp_path)
    clauses = tmp_path / "clauses.txt"
    clauses.write_text("Rappelant ceci ; notant cela. Et encore ; fin.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["segment", str(clauses), "--lang", "fr", "--srx", str(rules)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["Rappelant ceci ;", "notant cela. Et encore ;", "fin."]


def test_errors_are_one_line_with_exit_code_2(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    result = CliRunner().invoke(cli, ["segment", str(binary), "--lang", "fr"])
    assert result.exit_code == 2
    assert "align: error: image.txt: looks like a binary file" in result.output
    result = CliRunner().invoke(cli, ["segment", str(NOUAKCHOTT_FR), "--lang", "xx"])
    assert result.exit_code == 2 and "no segmentation rules for language 'xx'" in result.output
    result = CliRunner().invoke(cli, ["segment", str(tmp_path / "absent.txt"), "--lang", "fr"])
    assert result.exit_code == 2 and "no such file" in result.output


def test_help_is_readable():
    result = CliRunner().invoke(cli, ["segment", "--help"])
    assert result.exit_code == 0
    assert "one sentence per line" in result.output and "--presegmented" in result.output
