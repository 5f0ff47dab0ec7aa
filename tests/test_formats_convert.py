"""Format registry (extension, sniffing) and `align convert` end to end on real units."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from align.cli import cli
from align.formats import FORMATS, read_store, read_units, validate_tmx, write_units
from align.formats.base import Format
from align.model import TranslationUnit
from conftest import CORPUS

DOC = "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"


def corpus_units():
    fr = [line for line in (CORPUS / "fr" / DOC).read_text(encoding="utf-8").splitlines() if line.strip()]
    en = [line for line in (CORPUS / "en" / DOC).read_text(encoding="utf-8").splitlines() if line.strip()]
    units = [TranslationUnit(fr[0], "", "fr", "en", props={"document": DOC}, score=0.1)]  # 1:0, the date line
    units += [TranslationUnit(f, e, "fr", "en", props={"document": DOC}, score=0.9 - i / 10)
              for i, (f, e) in enumerate(zip(fr[1:], en))]
    return units + [units[1]]  # a duplicate


def test_every_format_follows_the_base_contract():
    for name, fmt in FORMATS.items():
        assert isinstance(fmt, Format) and fmt.name == name and fmt.extensions
        for method in ("sniff", "read", "write"):
            assert getattr(type(fmt), method) is not getattr(Format, method)


def test_format_is_sniffed_when_the_extension_says_nothing(tmp_path):
    for ext in ("tmx", "xlf", "tsv"):
        path = tmp_path / f"units.{ext}"
        write_units(path, corpus_units(), src_lang="fr", tgt_lang="en")
        assert ext != "tmx" or validate_tmx(path) == []
        renamed = shutil.copy(path, tmp_path / f"units-{ext}.txt")
        store = read_store(renamed)
        assert store.format == {"xlf": "xliff"}.get(ext, ext)
        assert [u.source for u in store.units] == [u.source for u in corpus_units()[1:]]  # null skipped
        src_lang, tgt_lang, units = read_store(renamed)  # also unpacks as a triple
        assert (src_lang, tgt_lang, len(list(units))) == (store.src_lang, store.tgt_lang, 4)


def test_convert_chain_keeps_every_unit(tmp_path):
    runner = CliRunner()
    tmx = tmp_path / "in.tmx"
    write_units(tmx, corpus_units(), src_lang="fr", tgt_lang="en", keep_null=True)
    assert validate_tmx(tmx) == []
    chain = [tmx, tmp_path / "a.tsv", tmp_path / "b.xlf", tmp_path / "c.tmx"]
    for source, target in zip(chain, chain[1:]):
        result = runner.invoke(cli, ["convert", str(source), str(target), "--keep-null",
                                     "--src-lang", "fr", "--tgt-lang", "en"])
        assert result.exit_code == 0, result.output
        assert "wrote 5 unit(s)" in result.output
    assert validate_tmx(chain[-1]) == []
    assert [(u.source, u.target, u.props["document"]) for u in read_units(chain[-1])] == [
        (u.source, u.target, u.props["document"]) for u in corpus_units()]


def test_convert_options(tmp_path):
    runner = CliRunner()
    tmx = tmp_path / "in.tmx"
    write_units(tmx, corpus_units(), src_lang="fr", tgt_lang="en", keep_null=True)
    out = tmp_path / "out.tmx"
    result = runner.invoke(cli, ["convert", str(tmx), str(out), "--dedupe", "--min-score", "0.75",
                                 "--lang-style", "bare"])
    assert result.exit_code == 0, result.output
    assert "wrote 2 unit(s) (fr -> en)" in result.output
    assert "1 below-min-score, 1 duplicate, 1 null" in result.output
    assert validate_tmx(out) == []
    store = read_store(out)
    assert (store.src_lang, store.tgt_lang) == ("fr", "en") and len(list(store.units)) == 2
    reverse = tmp_path / "en-fr.xlf"
    result = runner.invoke(cli, ["convert", str(tmx), str(reverse), "--src-lang", "en", "--tgt-lang", "fr"])
    assert result.exit_code == 0, result.output
    store = read_store(reverse)
    assert (store.src_lang, store.tgt_lang) == ("en-GB", "fr-FR")
    assert next(iter(store.units)).source.startswith("The General Secretariat of the Organization")


def test_convert_errors_are_one_clear_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["convert", str(tmp_path / "missing.tmx"), str(tmp_path / "x.tsv")])
    assert result.exit_code == 2 and "missing.tmx: no such file" in result.output
    assert "Traceback" not in result.output
    tmx = tmp_path / "in.tmx"
    write_units(tmx, corpus_units(), src_lang="fr", tgt_lang="en")
    result = runner.invoke(cli, ["convert", str(tmx), str(tmp_path / "out.docx")])
    assert result.exit_code == 2 and "cannot tell the output format" in result.output
    (tmp_path / "broken.tmx").write_text(tmx.read_text(encoding="utf-8")[:700], encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(tmp_path / "broken.tmx"), str(tmp_path / "out.tsv")])
    assert result.exit_code == 2 and "broken.tmx: malformed XML at line" in result.output
    assert not (tmp_path / "out.tsv").exists()
