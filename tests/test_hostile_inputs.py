"""Every case of the generated fuzz corpus (`hostile_corpus.py`) through the real CLI, in-process.

A refused input must give exit 2, one `align: error:` line naming the file, no traceback, nothing
written and no input changed; an input that can be read must be read whole (no mojibake, warnings said).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from align.cli import cli
from hostile_corpus import judge, make_cases, prepare

CASES = make_cases()


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=[pytest.mark.slow] if c.slow else [])
                                  for c in CASES])
def test_hostile_input_is_handled(case, tmp_path, monkeypatch):
    before = prepare(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli, case.argv, catch_exceptions=True)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        stderr += "Traceback\n" + "".join(traceback.format_exception(result.exception))
    handled, why = judge(case, tmp_path, result.exit_code, stderr, before)
    assert handled, f"{case.id}: {why}"


def test_the_corpus_covers_every_category_of_the_issue():
    categories = {case.category for case in CASES}
    assert categories == {"overwrite", "xml", "docx", "encoding", "os", "limits", "lost"}
    readers = {case.name.split("-")[0] for case in CASES if case.category == "xml"}
    assert readers == {"tmx", "xliff", "tbx", "srx"}
