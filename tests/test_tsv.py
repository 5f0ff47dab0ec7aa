"""TSV: header row, escaping that reads back exactly, tolerant reading, clear errors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import InputError
from align.formats import read_store, read_units, write_units
from align.formats.tsv import escape, unescape
from align.model import TranslationUnit
from conftest import CORPUS

DOC = "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"


def corpus_units():
    fr = [line for line in (CORPUS / "fr" / DOC).read_text(encoding="utf-8").splitlines() if line.strip()][1:]
    en = [line for line in (CORPUS / "en" / DOC).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [TranslationUnit(f, e, "fr", "en", props={"document": DOC, "bead": f"[{i + 1}]:[{i}]"},
                            score=0.8) for i, (f, e) in enumerate(zip(fr, en))]


def test_columns_and_values(tmp_path):
    path = tmp_path / "out.tsv"
    report = write_units(path, corpus_units(), src_lang="fr", tgt_lang="en")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "source\ttarget\tscore\tdocument"
    assert len(lines) == 5 and lines[-1] == "" and report.written == 3
    first = lines[1].split("\t")
    assert first[0].startswith("Le Secrétariat général de l'Organisation") and first[2:] == ["0.8000", DOC]
    units = list(read_units(path))
    assert [(u.source, u.target, u.score, u.props["document"]) for u in units] == [
        (u.source, u.target, 0.8, DOC) for u in corpus_units()]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.tuples(st.text(min_size=1).filter(str.strip), st.text(min_size=1).filter(str.strip),
                                st.text(max_size=10)), min_size=1, max_size=6))
def test_any_text_reads_back_exactly(tmp_path, texts):
    """Tabs, newlines, CRs, backslashes (`\\n` typed literally too), astral chars, control chars."""
    units = [TranslationUnit(s, t, "fr", "en", props={"document": d} if d else {}) for s, t, d in texts]
    path = tmp_path / "rt.tsv"
    report = write_units(path, units, src_lang="fr", tgt_lang="en")
    assert report.written == len(units)
    assert len(path.read_text(encoding="utf-8").split("\n")) == len(units) + 2  # one line per unit
    back = list(read_units(path))
    assert [(u.source, u.target, u.props.get("document", "")) for u in back] == list(texts)


def test_escaping_is_unambiguous():
    for text in ["a\\tb", "a\tb", "\\\\n", "\\\n", "C:\\new\\table"]:
        assert unescape(escape(text)) == text
    assert escape("a\tb\nc\\d\re") == "a\\tb\\nc\\\\d\\re"


def test_reading_tolerates_crlf_bom_headerless_and_reordered_columns(tmp_path):
    path = tmp_path / "foreign.tsv"
    path.write_bytes("\ufeffdocument\ttarget\tsource\r\nd.txt\tPeace.\tLa paix.\r\n\r\n".encode("utf-8"))
    [unit] = list(read_units(path, src_lang="fr", tgt_lang="en"))
    assert (unit.source, unit.target, unit.props, unit.score) == ("La paix.", "Peace.", {"document": "d.txt"}, None)
    path.write_text("La guerre.\tWar.\nLa loi.\tLaw.\t0.5\n", encoding="utf-8")
    store = read_store(path, src_lang="fr-CA", tgt_lang="en-US")
    assert (store.src_lang, store.tgt_lang) == ("fr-CA", "en-US")
    assert [(u.source, u.target, u.score) for u in store.units] == [("La guerre.", "War.", None),
                                                                   ("La loi.", "Law.", 0.5)]


def test_bad_tsv_is_reported_with_file_and_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("source\ttarget\nseulement une colonne\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.tsv:2: expected at least two tab-separated columns"):
        list(read_units(path))
    path.write_bytes(b"source\ttarget\nla paix\t\xff\xfe peace\n")
    with pytest.raises(InputError, match="bad.tsv: not UTF-8 text"):
        list(read_units(path))
