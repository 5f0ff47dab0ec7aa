"""Plain-text encodings round trip; binary, undecodable and empty files give a clear error naming the file."""

from __future__ import annotations

import codecs
import os
import random

import pytest

from align.errors import InputError
from align.ingest import read_document
from conftest import CORPUS

SAMPLE = CORPUS / "fr" / "un-sgsm8790-2003-07-23-jk-violence.txt"  # accents, typographic apostrophes, À


@pytest.fixture(scope="module")
def reference():
    return read_document(SAMPLE)


@pytest.mark.parametrize("encoding, prefix, reported", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("utf-16-le", b"", "utf-16"),  # no BOM: recognised by its NUL pattern, not refused as binary
    ("cp1252", b"", "cp1252"),
])
def test_encodings_round_trip(tmp_path, reference, encoding, prefix, reported):
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "doc.txt"
    path.write_bytes(prefix + text.replace("\n", "\r\n").encode(encoding))
    doc = read_document(path)
    assert doc.meta["encoding"] == reported
    assert doc.text == reference.text  # CRLF normalised, BOM dropped, same characters
    assert doc.paragraphs == reference.paragraphs


def test_text_is_nfc_and_keeps_non_breaking_spaces(tmp_path):
    path = tmp_path / "nfc.txt"
    path.write_text("Le Secre\u0301taire ge\u0301ne\u0301ral\u00a0: «\u202fpaix\u202f».\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.text.startswith("Le Secrétaire général\u00a0: «\u202fpaix\u202f».")


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"  \n\t\r\n  ", "empty"),
    (codecs.BOM_UTF8 + b"\n \n", "empty"),
    (b"%PDF\x00\x01\x02binary\x00data\xff\xfe\x00\x00" * 20, "binary"),
    (bytes(range(0, 32)) * 30, "binary"),
    (codecs.BOM_UTF16_LE + b"a\x00b", "not valid UTF-16"),
])
def test_bad_text_files_give_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_document(path)
    assert "bad.txt" in str(caught.value)


def test_random_bytes_are_refused_not_decoded(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(InputError, match="noise.txt"):
        read_document(path)


def test_undecodable_bytes_are_refused(tmp_path):
    # not UTF-8; read as Windows-1252 it is all accented letters, and no legacy code page makes text of it
    path = tmp_path / "undecodable.txt"
    noise = random.Random(3)
    path.write_bytes(bytes(noise.randrange(0xA0, 0x100) for _ in range(600)))
    with pytest.raises(InputError, match=r"undecodable\.txt: cannot be decoded"):
        read_document(path)


def test_undefined_windows_1252_bytes_amid_controls_are_binary(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(b"\x81\x8d\x8f\x90\x9d\x1b\x07" * 64)
    with pytest.raises(InputError, match=r"controls\.txt: looks like a binary file"):
        read_document(path)


def test_legacy_text_with_a_stray_undefined_byte_loses_nothing(tmp_path):
    path = tmp_path / "stray.txt"
    path.write_bytes("Le Secrétaire général a dit bonjour.".encode("cp1252") + b"\x81 Fin.")
    doc = read_document(path)
    assert doc.meta["encoding"] == "cp1252"
    assert doc.text == "Le Secrétaire général a dit bonjour.\x81 Fin."


def test_cyrillic_code_page_is_not_read_as_windows_1252(tmp_path):
    path = tmp_path / "ru.txt"
    text = "Генеральный секретарь ООН призвал Индию и Пакистан проявить сдержанность."
    path.write_bytes(text.encode("cp1251"))
    doc = read_document(path)
    assert doc.text == text and doc.meta["encoding"] == "cp1251"
