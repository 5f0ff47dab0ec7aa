"""A real CAT tool imports our TMX: OmegaT (headless) loads it and applies it to the French document.

One OmegaT run (3-10 s) per scenario, shared through module-scoped fixtures. OmegaT exits 0 even when a
TMX fails to load, so the log is read (`tmx_load_problems`), and a broken TMX proves the check can fail.
Skipped only when `omegat` is not installed (`.ci/run` installs it).
"""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from align.formats import read_store, read_units, validate_tmx, write_units
from align.model import TranslationUnit
from conftest import CORPUS
from omegat_runner import exported_tmx_files, omegat_available, run_omegat_project, tmx_load_problems

pytestmark = [pytest.mark.omegat,
              pytest.mark.skipif(not omegat_available(), reason="OmegaT is not installed (apt-get install omegat)")]

DOC = "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"
FR, EN = CORPUS / "fr" / DOC, CORPUS / "en" / DOC


def english_paragraphs() -> list[str]:
    return [line for line in EN.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def paired(tmp_path_factory):
    """`align pair` on the communiqué, then OmegaT with that TMX in tm/auto/."""
    from align.cli import cli

    work = tmp_path_factory.mktemp("omegat-pair")
    tmx = work / "pair.tmx"
    result = CliRunner().invoke(cli, ["pair", str(FR), str(EN), "--src-lang", "fr", "--tgt-lang", "en",
                                      "--no-cache", "-o", str(tmx)])
    assert result.exit_code == 0, result.output
    log, target = run_omegat_project(FR, tmx, "fr-FR", "en-GB", work)
    return tmx, log, target, work


@pytest.fixture(scope="module")
def bare_codes(tmp_path_factory):
    """Our writer alone (no aligner): paragraph pairs, bare `fr`/`en` codes in a project declared `fr`/`en`
    (OmegaT 3.6 warns TMXR_WARNING_INCORRECT_SOURCE_LANG when a `fr` TMX meets an `fr-FR` project, and
    OmegaT 5 skips such a TMX: the code style must match the CAT project's)."""
    work = tmp_path_factory.mktemp("omegat-bare")
    fr = [line for line in FR.read_text(encoding="utf-8").splitlines() if line.strip()][1:]  # without the date
    units = [TranslationUnit(f, e, "fr", "en", props={"document": DOC}) for f, e in zip(fr, english_paragraphs())]
    tmx = work / "bare.tmx"
    write_units(tmx, units, src_lang="fr", tgt_lang="en", lang_style="bare")
    log, target = run_omegat_project(FR, tmx, "fr", "en", work)
    return tmx, log, target, work


@pytest.fixture(scope="module")
def broken(tmp_path_factory, bare_codes):
    work = tmp_path_factory.mktemp("omegat-broken")
    tmx = work / "broken.tmx"
    good = bare_codes[0].read_text(encoding="utf-8")
    tmx.write_text(good[: len(good) // 2], encoding="utf-8")  # an interrupted copy
    log, target = run_omegat_project(FR, tmx, "fr-FR", "en-GB", work)
    return log, target


@pytest.mark.slow
def test_omegat_loads_the_tmx_of_align_pair_and_translates_with_it(paired):
    tmx, log, target, _ = paired
    assert validate_tmx(tmx) == []
    assert read_store(tmx).header["x-align-signature"].startswith("align:")  # settings travel with the TM
    assert "Reading of TMX file complete" in log and "pair.tmx" in log
    assert tmx_load_problems(log) == []
    # The unmatched French `Date:` line is a 1:0 bead (left out of the TMX), not glued to the next paragraph
    # in a 2:1 unit that no CAT segment would ever match: every unit is one whole segment (line) and
    # OmegaT applies each of them.
    lines = set(FR.read_text(encoding="utf-8").splitlines())
    units = list(read_units(tmx))
    assert len(units) == len(english_paragraphs())
    assert all(u.source in lines and not u.source.startswith("Date") for u in units)
    for unit in units:
        assert unit.target in target and unit.source not in target
    assert english_paragraphs()[-1] in target


@pytest.mark.slow
def test_omegat_exports_read_back_with_our_reader(paired):
    tmx, _, _, work = paired
    ours = {(u.source, u.target) for u in read_units(tmx)}
    exports = exported_tmx_files(work)
    assert any(path.name.endswith("-omegat.tmx") for path in exports)
    for path in exports:
        store = read_store(path)
        assert (store.src_lang, store.tgt_lang) == ("fr-FR", "en-GB")
        pairs = {(u.source, u.target) for u in store.units}
        assert len(pairs) >= 2 and pairs <= ours  # OmegaT used our units, unchanged


def test_omegat_accepts_bare_language_codes(bare_codes):
    tmx, log, target, _ = bare_codes
    assert validate_tmx(tmx) == []
    assert tmx_load_problems(log) == []
    for paragraph in english_paragraphs():
        assert paragraph in target


def test_omegat_tmx_11_exports_of_our_units_read_back(bare_codes):
    tmx, _, _, work = bare_codes
    ours = [(u.source, u.target) for u in read_units(tmx)]
    exports = exported_tmx_files(work)
    assert {path.name for path in exports} >= {"project-omegat.tmx", "project-level1.tmx"}
    for path in exports:
        assert b'version="1.1"' in path.read_bytes()[:300] or b'version="1.4"' in path.read_bytes()[:300]
        store = read_store(path)
        assert (store.src_lang, store.tgt_lang) == ("fr", "en")
        assert sorted((u.source, u.target) for u in store.units) == sorted(ours)


def test_omegat_reports_a_broken_tmx_so_the_check_can_fail(broken):
    log, target = broken
    assert tmx_load_problems(log), log[-2000:]
    assert not any(paragraph in target for paragraph in english_paragraphs())
    assert "Le Secrétariat général" in target
