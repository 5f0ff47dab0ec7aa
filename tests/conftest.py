"""Shared test fixtures: paths to the sample corpus and to the gold benchmarks beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import shared_dir

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpora"
#: The shared data beside the project (benchmarks, schemas): see `bench.shared_dir`.
SHARED = shared_dir()
BENCHMARKS = SHARED / "benchmarks"
NOUAKCHOTT_FR = CORPUS / "fr" / "oic-cg-jk-2023-03-16-nouakchott-communique.txt"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def benchmarks_dir() -> Path:
    if not BENCHMARKS.is_dir():
        pytest.skip("../shared/benchmarks is not beside the project")
    return BENCHMARKS


@pytest.fixture(scope="session")
def sample_tm(tmp_path_factory) -> Path:
    """The sample corpus built once through the CLI, as the README's first command does (`tm/` itself is
    not committed: the main job writes there). Tests copy it before changing anything in it."""
    from click.testing import CliRunner

    from align.cli import cli

    out = tmp_path_factory.mktemp("sample") / "tm"
    result = CliRunner().invoke(cli, ["build", str(CORPUS / "fr"), str(CORPUS / "en"), "-o", str(out),
                                      "--date", "2024-01-01", "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def semicolon_rules(folder: Path) -> Path:
    """An SRX file that breaks after a semicolon and nowhere else (for `--srx` options)."""
    rules = folder / "semicolons.srx"
    rules.write_text(
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body><languagerules>'
        '<languagerule languagerulename="Semicolons"><rule break="yes"><beforebreak>;\\s+</beforebreak>'
        '<afterbreak></afterbreak></rule></languagerule></languagerules><maprules>'
        '<languagemap languagepattern=".*" languagerulename="Semicolons"/></maprules></body></srx>',
        encoding="utf-8")
    return rules
