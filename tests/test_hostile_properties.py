"""Property tests: readers given any bytes answer with text or one InputError, never another exception;
writers given any text write a file that reads back as that text (less what XML forbids, counted)."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.errors import ConfigError, InputError
from align.formats import read_store, write_units
from align.formats.xmlsafe import parse_xml, strip_forbidden
from align.ingest.docx import DocxReader
from align.ingest.textdecode import decode_text
from align.model import TranslationUnit
from hostile_corpus import FR, docx_bytes, srx, tbx, tmx, xliff

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TMX = tmx().encode()
XLIFF = xliff().encode()
DOCX = docx_bytes()


def mutations(data: bytes):
    """`data` with a few bytes replaced, inserted or cut: the damage real files come with."""
    edit = st.tuples(st.integers(0, len(data)), st.sampled_from(["flip", "cut", "insert"]),
                     st.binary(min_size=1, max_size=8))

    def apply(edits):
        out = bytearray(data)
        for position, kind, chunk in edits:
            position = min(position, len(out))
            if kind == "flip":
                out[position:position + len(chunk)] = chunk
            elif kind == "cut":
                del out[position:]
            else:
                out[position:position] = chunk
        return bytes(out)

    return st.lists(edit, min_size=1, max_size=4).map(apply)


@SETTINGS
@given(st.binary(max_size=2000))
def test_text_decoding_answers_text_or_input_error(data):
    try:
        text, encoding = decode_text(data, "any.txt")
    except InputError as error:
        assert str(error).startswith("any.txt: ")
    else:
        assert isinstance(text, str) and text.strip()


@SETTINGS
@given(st.one_of(st.binary(max_size=500), mutations(TMX), mutations(XLIFF)))
def test_the_hardened_parser_answers_a_tree_or_input_error(data):
    try:
        parse_xml(data, "any.xml")
    except InputError as error:
        assert str(error).startswith("any.xml: ")


@SETTINGS
@given(st.one_of(mutations(TMX), mutations(XLIFF)), st.sampled_from([".tmx", ".xlf"]))
def test_bilingual_readers_answer_units_or_one_clear_error(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("read") / f"any{suffix}"
    path.write_bytes(data)
    try:
        units = list(read_store(path).units)
    except (InputError, ConfigError) as error:
        assert str(path) in str(error) or path.name in str(error)
    else:
        assert all(isinstance(unit.source, str) for unit in units)


@SETTINGS
@given(st.one_of(mutations(tbx().encode()).map(lambda data: (data, ".tbx")),
                 mutations(srx().encode()).map(lambda data: (data, ".srx"))))
def test_glossary_and_rule_readers_answer_data_or_one_clear_error(tmp_path_factory, case):
    from align.glossary import read_glossary
    from align.segment import segment_text

    data, suffix = case
    path = tmp_path_factory.mktemp("read") / f"any{suffix}"
    path.write_bytes(data)
    try:
        read_glossary(path) if suffix == ".tbx" else segment_text(FR, "fr", srx=path)
    except (InputError, ConfigError) as error:
        assert path.name in str(error)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations(DOCX))
def test_the_docx_reader_answers_a_document_or_input_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("docx") / "any.docx"
    path.write_bytes(data)
    try:
        document = DocxReader().read(path, "fr")
    except InputError as error:
        assert "any.docx" in str(error)
    else:
        assert document.text.strip()


def test_mutated_archives_really_reach_the_parts():
    """The docx mutations above are not all rejected at the zip level: some reach the XML parser."""
    readable = 0
    for offset in range(0, len(DOCX), 997):
        damaged = bytearray(DOCX)
        damaged[offset] ^= 0x20
        try:
            zipfile.ZipFile(io.BytesIO(bytes(damaged))).testzip()
            readable += 1
        except Exception:
            pass
    assert readable > 0


TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60).filter(
    lambda text: strip_forbidden(text)[0].strip() != "")


@SETTINGS
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=5), st.sampled_from([".tmx", ".xlf", ".tsv"]))
def test_writers_round_trip_any_text(tmp_path_factory, pairs, suffix):
    path = tmp_path_factory.mktemp("write") / f"out{suffix}"
    units = [TranslationUnit(source, target, "fr", "en") for source, target in pairs]
    report = write_units(path, units, src_lang="fr", tgt_lang="en")
    back = [(unit.source, unit.target) for unit in read_store(path).units]
    if suffix == ".tsv":
        assert back == pairs and report.chars_removed == 0
    else:
        expected = [(strip_forbidden(s)[0], strip_forbidden(t)[0]) for s, t in pairs]
        assert back == expected
        removed = sum(strip_forbidden(s)[1] + strip_forbidden(t)[1] for s, t in pairs)
        assert report.chars_removed == removed


@pytest.mark.parametrize("suffix", [".tmx", ".xlf"])
def test_a_carriage_return_survives_the_xml_round_trip(tmp_path, suffix):
    path = tmp_path / f"cr{suffix}"
    write_units(path, [TranslationUnit("a\r\nb", "c\rd", "fr", "en")], src_lang="fr", tgt_lang="en")
    assert [(u.source, u.target) for u in read_store(path).units] == [("a\r\nb", "c\rd")]
