"""Reading text input: one clear error for a missing file or bad bytes, whichever reader asks."""

from __future__ import annotations

import pytest

from align.errors import InputError
from align.fileio import read_utf8_text
from align.formats.beads import read_beads
from align.glossary.csv_file import read_csv
from align.qa.suppress import load_accepted


def test_read_utf8_text_names_the_file_and_the_bad_byte(tmp_path):
    good = tmp_path / "ok.txt"
    good.write_bytes("\ufeffJammu-et-Cachemire\n".encode("utf-8"))
    assert read_utf8_text(good, encoding="utf-8-sig") == "Jammu-et-Cachemire\n"
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("réunion".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1.txt: not UTF-8 text \(invalid continuation byte at byte 1\)"):
        read_utf8_text(bad)
    with pytest.raises(InputError, match="missing.txt: no such accept file"):
        read_utf8_text(tmp_path / "missing.txt", "accept file")


@pytest.mark.parametrize("reader", [read_beads, read_csv, load_accepted])
def test_every_text_reader_reports_bad_bytes_the_same_way(tmp_path, reader):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(InputError, match="bad.txt: not UTF-8 text"):
        reader(bad)
    with pytest.raises(InputError, match="missing.txt: no such"):
        reader(tmp_path / "missing.txt")
