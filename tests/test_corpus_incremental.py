"""Resumable and incremental builds: part files keyed by content are reused, outputs stay byte-identical
to a fresh build, a killed build loses nothing, and unreadable documents are skipped rows (also with
worker processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from conftest import CORPUS, REPO

pytestmark = pytest.mark.slow
NAMES = ["oic-gs-2023-12-12-supreme-court-verdict-jk.txt", "un-news-2019-02-19-sg-india-pakistan-pulwama.txt",
         "un-news-2019-10-29-ohchr-indian-administered-kashmir.txt"]
OUTPUTS = ("corpus.tmx", "corpus.tsv", "corpus-report.json", "corpus-report.html")


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("cache"))


def _corpus(root, names):
    for side in ("fr", "en"):
        (root / side).mkdir(parents=True, exist_ok=True)
        for name in names:
            (root / side / name).write_bytes((CORPUS / side / name).read_bytes())
    return root / "fr", root / "en"


def _build(src, tgt, out, cache_dir, jobs=1):
    from align.corpus.build import BuildOptions, build_corpus

    return build_corpus(src, tgt, out, BuildOptions(jobs=jobs, progress=False, date="2024-01-01",
                                                    cache_dir=cache_dir, mine=False))


def _same_outputs(first, second):
    for name in OUTPUTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def _parts(out):
    return sorted(p.name for p in (out / ".align-parts").glob("*.json"))


def test_adding_changing_and_removing_documents_redoes_only_those(tmp_path, cache_dir):
    src, tgt = _corpus(tmp_path / "docs", NAMES[:2])
    out = tmp_path / "tm"
    assert _build(src, tgt, out, cache_dir).aligned == 2
    first_parts = _parts(out)

    _corpus(tmp_path / "docs", NAMES)  # one pair added
    added = _build(src, tgt, out, cache_dir)
    assert (added.pairs, added.aligned) == (3, 1)
    assert set(first_parts) < set(_parts(out))
    fresh = tmp_path / "fresh"
    _build(src, tgt, fresh, cache_dir)
    _same_outputs(out, fresh)

    english = tgt / NAMES[1]  # one document changed: only its pair is aligned again
    english.write_text(english.read_text(encoding="utf-8").replace("Pulwama", "Pulwama district"), "utf-8")
    changed = _build(src, tgt, out, cache_dir)
    assert (changed.pairs, changed.aligned) == (3, 1)
    assert "Pulwama district" in (out / "corpus.tmx").read_text(encoding="utf-8")
    assert len(_parts(out)) == 3  # the old part of the changed pair was removed

    os.rename(src / NAMES[2], src / ("renamed-" + NAMES[2]))  # a rename is not a change of content...
    os.rename(tgt / NAMES[2], tgt / ("renamed-" + NAMES[2]))
    assert _build(src, tgt, out, cache_dir).aligned == 0
    for side in (src, tgt):  # ...and a removed pair only loses its part
        (side / ("renamed-" + NAMES[2])).unlink()
    removed = _build(src, tgt, out, cache_dir)
    assert (removed.pairs, removed.aligned) == (2, 0) and len(_parts(out)) == 2
    fresh = tmp_path / "fresh2"
    _build(src, tgt, fresh, cache_dir)
    _same_outputs(out, fresh)


def test_a_build_killed_mid_way_resumes_from_its_part_files(tmp_path, cache_dir):
    src, tgt = _corpus(tmp_path / "docs", NAMES)
    out = tmp_path / "tm"
    env = {**os.environ, "ALIGN_CACHE_DIR": cache_dir, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "align", "build", str(src), str(tgt), "-o", str(out), "--jobs", "1",
               "--date", "2024-01-01", "--no-mine", "--quiet"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while not (out / ".align-parts").is_dir() or not _parts(out):
            assert process.poll() is None and time.monotonic() < deadline, "no part file appeared"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=60)
    finished = len(_parts(out))
    assert 1 <= finished
    assert not any((out / name).exists() for name in OUTPUTS) or finished == 3  # all or nothing
    resumed = _build(src, tgt, out, cache_dir)
    assert resumed.pairs == 3 and resumed.aligned == 3 - finished
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, ".align-parts"])
    fresh = tmp_path / "fresh"
    _build(src, tgt, fresh, cache_dir)
    _same_outputs(out, fresh)


def _broken_docx(path):
    """A DOCX whose XML is broken: the reader fails with lxml's own error, which cannot be pickled."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
                         '.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
                         '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
                         'formats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                         '</Relationships>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                         'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Bonjour & ')


def test_unreadable_documents_are_skipped_rows_with_worker_processes(tmp_path, cache_dir):
    src, tgt = _corpus(tmp_path / "docs", NAMES[:1])
    _broken_docx(src / "broken-pair.docx")  # paired by name with a good English file: an align task
    (tgt / "broken-pair.txt").write_bytes((CORPUS / "en" / NAMES[1]).read_bytes())
    _broken_docx(src / "broken-alone.docx")  # unpaired (as is the English file below): an embedding task
    (tgt / "anniversary.txt").write_bytes((CORPUS / "en" / "oic-gs-2023-10-27-jk-76-years.txt").read_bytes())
    result = _build(src, tgt, tmp_path / "tm", cache_dir, jobs=2)
    report = json.loads(result.files["json"].read_text(encoding="utf-8"))
    reasons = {row["file"]: row["reason"] for row in report["skipped"]}
    assert "fr/broken-alone.docx" in reasons and "malformed XML" in reasons["fr/broken-alone.docx"]
    assert "fr/broken-pair.docx + en/broken-pair.txt" in reasons
    assert result.pairs == 1 and result.units > 0
    assert NAMES[0] in {pair["src"] for pair in report["pairs"]}
