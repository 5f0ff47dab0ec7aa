"""`align build` refuses bad folders before writing anything, and cleans what killed builds left."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import CORPUS

SUPREME_COURT = "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"
PULWAMA = "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"


@pytest.fixture()
def folders(tmp_path):
    for side in ("fr", "en"):
        (tmp_path / side).mkdir()
        for name in (SUPREME_COURT, PULWAMA):
            (tmp_path / side / name).write_bytes((CORPUS / side / name).read_bytes())
    return tmp_path


def _build(*args):
    from align.cli import cli

    return CliRunner().invoke(cli, ["build", *map(str, args), "--quiet"])


def _one_error_line(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("align: error: "), result.output
    return lines[0]


def test_swapped_folders_are_refused_in_one_line(folders):
    line = _one_error_line(_build(folders / "en", folders / "fr", "-o", folders / "tm"))
    assert "look swapped" in line
    assert not (folders / "tm").exists()


@pytest.mark.parametrize("where", ["fr", "fr/tm", "en/sub/tm"])
def test_an_output_folder_inside_a_source_is_refused_and_left_untouched(folders, where):
    out = folders / where
    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus.tmx").write_text("previous build", encoding="utf-8")
    before = sorted(p.name for p in out.rglob("*"))
    line = _one_error_line(_build(folders / "fr", folders / "en", "-o", out))
    assert "output folder" in line and "inside" in line
    assert (out / "corpus.tmx").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in out.rglob("*")) == before


def test_an_output_folder_holding_a_source_is_refused(folders):
    line = _one_error_line(_build(folders / "fr", folders / "en", "-o", folders))
    assert "contains the source folder" in line


def test_the_same_folder_on_both_sides_is_refused(folders):
    assert "same folder" in _one_error_line(_build(folders / "fr", folders / "fr", "-o", folders / "tm"))


def test_leftovers_of_killed_builds_are_cleaned_and_complete_outputs_moved_in(tmp_path):
    from align.corpus.folders import COMPLETE_MARK, clean_leftovers

    out = tmp_path / "tm"
    out.mkdir()
    (out / "corpus.tmx").write_text("old", encoding="utf-8")
    (out / "corpus.tsv").write_text("old", encoding="utf-8")
    unfinished = out / ".align-build-unfinished"
    unfinished.mkdir()
    (unfinished / "corpus.tmx").write_text("half", encoding="utf-8")
    finished = out / ".align-build-finished"  # killed while moving its outputs in: the TMX is already in
    finished.mkdir()
    (finished / "corpus.tsv").write_text("new", encoding="utf-8")
    (finished / COMPLETE_MARK).touch()
    (out / ".corpus.tmx.x1y2.part").write_text("interrupted write", encoding="utf-8")
    clean_leftovers(out, ["corpus.tmx", "corpus.tsv"])
    assert sorted(p.name for p in out.iterdir()) == ["corpus.tmx", "corpus.tsv"]
    assert (out / "corpus.tmx").read_text(encoding="utf-8") == "old"
    assert (out / "corpus.tsv").read_text(encoding="utf-8") == "new"


def test_progress_without_a_terminal_is_plain_lines():
    import io

    from align.progress import progress

    stream = io.StringIO()  # not a terminal, like a CI log or a pipe
    assert list(progress(iter(range(3)), 3, "align pairs", True, stream=stream)) == [0, 1, 2]
    lines = stream.getvalue().splitlines()
    assert lines[0] == "align: align pairs: 0/3" and lines[-1].startswith("align: align pairs: 3/3 (")
    quiet = io.StringIO()
    assert list(progress(iter(range(3)), 3, "align pairs", False, stream=quiet)) == [0, 1, 2]
    assert quiet.getvalue() == ""


def test_progress_on_a_terminal_is_a_bar():
    import io

    from align.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    with Progress(500, "embedding (test)", "text", stream) as shown:
        shown.update(250)
        shown.update(250)
    assert "embedding (test)" in stream.getvalue() and "0/500 [" in stream.getvalue()  # the bar
    assert "align: embedding" not in stream.getvalue()  # no plain lines on a terminal
