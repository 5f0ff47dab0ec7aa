"""The guards behind the hostile-input corpus, one by one: output paths, OS errors on write, the error
boundary, limits, damaged cache entries, invalid UTF-8 bytes, and errors that cross process boundaries."""

from __future__ import annotations

import errno
import multiprocessing
import os
import pickle
import warnings
import zlib

import numpy as np
import pytest
from click.testing import CliRunner

from align.cli import cli
from align.embed.base import Encoder
from align.embed.cache import EmbeddingCache, cache_key
from align.embed.cached import CachedEncoder
from align.errors import AlignWarning, ConfigError, InputError, LimitError, OutputError
from align.fileio import atomic_write, check_outputs
from align.formats.xmlsafe import parse_xml
from align.ingest import read_document
from align.ingest.textdecode import decode_text
from hostile_corpus import FR, docx_bytes, tmx


# ------------------------------------------------------------------------------------- output paths

def test_outputs_that_would_destroy_an_input_or_each_other_are_refused(tmp_path):
    source = tmp_path / "fr.txt"
    source.write_text(FR, encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    check_outputs([source, None], [tmp_path / "out.tmx", None])  # a sibling of an input is fine
    with pytest.raises(OutputError, match="is also an input"):
        check_outputs([source], [tmp_path / "x" / ".." / "fr.txt"])
    with pytest.raises(OutputError, match="inside the input folder"):
        check_outputs([folder], [folder / "sub" / "out.tmx"])
    with pytest.raises(OutputError, match="two outputs"):
        check_outputs([source], [tmp_path / "a.tmx", tmp_path / "." / "a.tmx"])
    with pytest.raises(OutputError, match="is a folder"):
        check_outputs([source], [folder])


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "out.tsv"
    target.write_text("old\n", encoding="utf-8")

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OutputError, match=r"out.tsv: cannot write \(No space left on device\)"):
        with atomic_write(target) as handle:
            handle.write("new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.tsv"]


def test_a_read_error_inside_a_write_is_not_called_a_write_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        with atomic_write(tmp_path / "out.txt") as handle:
            handle.write((tmp_path / "missing.txt").read_text())
    assert list(tmp_path.iterdir()) == []


def test_cli_full_disk_is_one_line_and_exit_2(tmp_path, monkeypatch):
    (tmp_path / "d.tmx").write_text(tmx(), encoding="utf-8")
    (tmp_path / "out.tsv").write_text("old\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.EROFS, "Read-only file system")))
    result = CliRunner().invoke(cli, ["convert", "d.tmx", "out.tsv"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stderr.strip().splitlines() == [
        "align: error: out.tsv: cannot write (Read-only file system); nothing was written and any previous "
        "out.tsv is unchanged"]
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == "old\n"


def test_cli_turns_an_os_error_from_anywhere_into_one_line(tmp_path, monkeypatch):
    (tmp_path / "d.tmx").write_text(tmx(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "d.tmx")

    monkeypatch.setattr("align.formats.read_store", denied)
    result = CliRunner().invoke(cli, ["convert", "d.tmx", "out.tsv"])
    assert result.exit_code == 2
    assert result.stderr == "align: error: d.tmx: Permission denied\n"


# -------------------------------------------------------------------------------------------- limits

def test_limits_are_raised_by_their_environment_variable(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes((FR + "\n").encode() * 20_000)  # about 1.9 MB
    monkeypatch.setenv("ALIGN_MAX_FILE_MB", "1")
    with pytest.raises(LimitError, match="over the file size limit of 1 MB; raise it with .*ALIGN_MAX_FILE_MB"):
        read_document(big, lang="fr")
    monkeypatch.setenv("ALIGN_MAX_FILE_MB", "3")
    assert "Nouakchott" in read_document(big, lang="fr").text
    monkeypatch.setenv("ALIGN_MAX_FILE_MB", "-1")
    with pytest.raises(ConfigError, match="ALIGN_MAX_FILE_MB='-1': must be a positive number"):
        read_document(big, lang="fr")


class _Recorder(Encoder):
    """A deterministic stand-in model that records what it was asked to embed."""

    id = "recorder:1"
    dim = 8

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        vectors = np.array([np.random.default_rng(zlib.crc32(t.encode())).standard_normal(self.dim)
                            for t in texts], dtype=np.float32).reshape(len(texts), self.dim)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_long_texts_reach_the_encoder_shortened_with_a_warning(monkeypatch):
    monkeypatch.setenv("ALIGN_MAX_ENCODE_CHARS", "50")
    inner = _Recorder()
    encoder = CachedEncoder(inner, cache=None, progress=False)
    with pytest.warns(AlignWarning, match="1 text.* longer than 50 characters.*ALIGN_MAX_ENCODE_CHARS"):
        vectors = encoder.encode(["court", "x" * 10_000])
    assert vectors.shape == (2, 8)
    assert [len(text) for text in inner.seen] == [5, 50]
    assert encoder.id == "recorder:1:max-chars-50"  # a non-default limit is part of every signature
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        encoder.encode(["court", "y" * 50])  # at the limit: no warning


# ------------------------------------------------------------------------------------ embedding cache

@pytest.mark.parametrize("damage", ["nan", "wrong-dim", "not-unit-length", "empty"])
def test_damaged_cache_entries_are_recomputed_and_replaced(tmp_path, damage):
    inner = _Recorder()
    store = EmbeddingCache(tmp_path)
    encoder = CachedEncoder(inner, cache=store, progress=False)
    good = encoder.encode(["Bonjour.", "Merci."])
    key = cache_key(inner.id, "Bonjour.")
    bad = {"nan": np.full(8, np.nan, np.float32), "wrong-dim": np.ones(5, np.float32) / np.sqrt(5),
           "not-unit-length": np.full(8, 7.0, np.float32), "empty": np.zeros(0, np.float32)}[damage]
    store._run(store._insert, [(key, bad.tobytes())])
    inner.seen.clear()
    with pytest.warns(RuntimeWarning, match="1 damaged vector"):
        again = encoder.encode(["Bonjour.", "Merci."])
    assert inner.seen == ["Bonjour."]  # only the damaged one is embedded again
    np.testing.assert_allclose(again, good)
    assert np.isfinite(store.get_many([key], dim=8, unit_norm=True)[key]).all()  # and replaced in the file


# --------------------------------------------------------------------------------- bytes and parsing

def test_one_invalid_byte_is_replaced_not_a_reason_for_mojibake():
    data = "Le château est célèbre.\nUne ligne\n".encode() + b"ab\xffm\xc3\xa9e.\n"
    with pytest.warns(AlignWarning, match=r"doc.txt: 1 invalid UTF-8 byte sequence\(s\) replaced .*\(line 3\)"):
        text, encoding = decode_text(data, "doc.txt")
    assert encoding == "utf-8" and "château" in text and "ab\ufffdmée." in text


def test_a_real_windows_1252_file_is_still_read_as_windows_1252():
    data = "Le château est célèbre. Réunion à Genève.\n".encode("cp1252")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text, encoding = decode_text(data, "legacy.txt")
    assert encoding == "cp1252" and "château" in text


def test_parse_xml_reads_documents_from_bytes_and_refuses_doctype_where_asked():
    root = parse_xml(tmx().encode(), "memory.tmx")
    assert root.tag == "tmx"
    with pytest.raises(InputError, match="memory.tmx: refused: the part has a DOCTYPE"):
        parse_xml(tmx(doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n').encode(), "memory.tmx", allow_doctype=False)
    with pytest.raises(InputError, match="line 3: the entity &nbsp; is not defined"):
        parse_xml(tmx(fr="a&nbsp;b", doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n').encode(), "memory.tmx")


def _read_in_child(path):
    from align.ingest import read_document

    return read_document(path, lang="fr")


def test_reader_errors_cross_process_boundaries(tmp_path):
    """The corpus job reads documents in worker processes: their errors must pickle back intact."""
    bad = tmp_path / "bad.docx"
    bad.write_bytes(docx_bytes(lambda xml: xml.replace("Nouakchott", "Nouak&nbsp;chott")))
    with pytest.raises(InputError) as caught:
        read_document(bad, lang="fr")
    assert pickle.loads(pickle.dumps(caught.value)).args == caught.value.args
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        with pytest.raises(InputError, match="bad.docx .*Entity 'nbsp' not defined"):
            pool.apply(_read_in_child, (bad,))
