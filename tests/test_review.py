"""`align review`: the corrections keep every sentence in exactly one bead, decisions persist and survive
rebuilds, the server refuses foreign hosts, missing CSRF tokens and paths outside the TM folder, and the
export holds exactly the corrected units."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from align.cli import cli
from align.formats import read_store
from align.review import beads as ops
from align.review.app import create_app, open_server
from align.review.beads import CorrectionError, ReviewBead, check_cover
from align.review.decisions import Decisions
from align.review.export import export
from align.review.security import inside
from align.review.source import open_folder, split_joined
from align.review.store import Store, VersionConflict
from conftest import semicolon_rules

REPO = Path(__file__).resolve().parents[1]
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)>'


def report(pairs: list[tuple[list[str], list[str], list]], path: Path) -> Path:
    """A minimal build report: each pair is (source sentences, target sentences, [(src, tgt, score), ...])."""
    records = []
    for n, (src, tgt, beads) in enumerate(pairs):
        records.append({"src": f"doc{n}.fr.txt", "tgt": f"doc{n}.en.txt", "method": "name", "beads": [
            {"src": s, "tgt": t, "score": score, "source": " ".join(src[i] for i in s),
             "target": " ".join(tgt[j] for j in t)} for s, t, score in beads]})
    path.mkdir(parents=True, exist_ok=True)
    (path / "corpus-report.json").write_text(json.dumps({"src_lang": "fr", "tgt_lang": "en", "signature": {},
                                                         "pairs": records, "mined": []}), encoding="utf-8")
    return path


SRC = ["Le Conseil s'est réuni le 16 mars 2023.", "Il a adopté trois résolutions.", "La séance est levée.",
       "Date : 12/12/2023", HOSTILE]
TGT = ["The Council met on 16 March 2023.", "It adopted three resolutions.", "The meeting rose.",
       "Something unrelated entirely, with 42 items.", "Hostile text stays text."]
BEADS = [([0], [0], 0.93), ([1], [1], 0.9), ([2], [2], 0.88), ([3], [3], 0.41), ([4], [4], 0.7)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return report([(SRC, TGT, BEADS), (SRC[:3], TGT[:2], [([0, 1], [0], 0.6), ([2], [1], 0.8)])], tmp_path / "tm")


def client_for(folder: Path, host: str = "127.0.0.1") -> tuple[TestClient, str]:
    server = open_server(folder)
    server.extras["corpus"] = open_folder(folder)
    client = TestClient(create_app(server), base_url=f"http://{host}:8765")
    return client, server.token


# ---------------------------------------------------------------- corrections keep the invariant

@st.composite
def bead_lists(draw):
    """A random valid alignment of up to 12 x 12 sentences (m:n and null beads included)."""
    n_src, n_tgt = draw(st.integers(0, 12)), draw(st.integers(0, 12))
    beads, i, j = [], 0, 0
    while i < n_src or j < n_tgt:
        a = draw(st.integers(0, min(3, n_src - i)))
        b = draw(st.integers(0 if a else 1, min(3, n_tgt - j))) if j < n_tgt else 0
        if a == 0 and b == 0:
            a = 1
        beads.append(ReviewBead(tuple(range(i, i + a)), tuple(range(j, j + b)), "machine", 0.5))
        i, j = i + a, j + b
    return beads, n_src, n_tgt


operation = st.tuples(st.sampled_from(["accept", "reject", "merge", "split", "move", "detach", "edit"]),
                      st.integers(0, 15), st.integers(0, 4), st.integers(0, 4), st.sampled_from(["src", "tgt"]),
                      st.sampled_from(["prev", "next"]))


def correction(beads, op, index, a, b, side, direction):
    if op in ("accept", "reject"):
        return ops.decide(beads, index, op, "me", "now")
    if op == "merge":
        return ops.merge(beads, index, "me", "now")
    if op == "split":
        return ops.split(beads, index, a, b, "me", "now")
    if op == "move":
        return ops.move(beads, index, side, direction, "me", "now")
    if op == "edit":
        return ops.touch(beads, index, "me", "now")
    sentences = beads[index].side(side) if 0 <= index < len(beads) else ()
    return ops.detach(beads, index, side, sentences[a % len(sentences)] if sentences else -1, "me", "now")


@settings(max_examples=300, deadline=None)
@given(bead_lists(), st.lists(operation, max_size=25))
def test_any_sequence_of_corrections_keeps_every_sentence_in_one_bead_and_undoes_exactly(case, sequence):
    beads, n_src, n_tgt = case
    original = list(beads)
    done = []
    for op, index, a, b, side, direction in sequence:
        try:
            splice = correction(beads, op, index, a, b, side, direction)
        except CorrectionError:
            continue
        splice.apply(beads)
        done.append(splice)
        check_cover(beads, n_src, n_tgt)
    for splice in reversed(done):
        splice.inverse().apply(beads)
        check_cover(beads, n_src, n_tgt)
    assert beads == original


def test_corrections_do_what_a_translator_means():
    beads = [ReviewBead((0,), (0,), score=0.9), ReviewBead((1,), (), score=0.5), ReviewBead((2,), (1, 2), score=0.6)]
    merged = list(beads)
    ops.merge(merged, 0, "ann", "t").apply(merged)
    assert (merged[0].src, merged[0].tgt, merged[0].status, merged[0].by) == ((0, 1), (0,), "edited", "ann")
    split = list(beads)
    ops.split(split, 2, 1, 1, "ann", "t").apply(split)
    assert [(b.src, b.tgt) for b in split[2:]] == [((2,), (1,)), ((), (2,))]
    moved = list(beads)
    ops.move(moved, 2, "tgt", "prev", "ann", "t").apply(moved)
    assert [(b.src, b.tgt) for b in moved] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    detached = list(beads)
    ops.detach(detached, 2, "tgt", 2, "ann", "t").apply(detached)
    assert [(b.src, b.tgt) for b in detached[2:]] == [((2,), (1,)), ((), (2,))]
    accepted = list(beads)
    ops.decide(accepted, 0, "accept", "ann", "t").apply(accepted)
    assert accepted[0].status == "confirmed" and accepted[0].score == 0.9
    with pytest.raises(CorrectionError):
        ops.merge(beads, 2, "ann", "t")
    with pytest.raises(CorrectionError):
        ops.detach(beads, 1, "src", 1, "ann", "t")  # already without counterpart


def test_sentences_of_m_n_beads_are_recovered_from_their_joined_text():
    assert split_joined("Date : 12/12/2023 Le Conseil s'est réuni. Il a adopté.", 3, "fr") == [
        "Date : 12/12/2023", "Le Conseil s'est réuni.", "Il a adopté."]
    assert split_joined("M. Dupont est venu. Il est reparti.", 2, "fr") == ["M. Dupont est venu.", "Il est reparti."]


# ---------------------------------------------------------------- decisions in the database

def test_decisions_persist_are_versioned_and_undo_in_order(folder: Path):
    store = Store(folder / "review.sqlite")
    decisions = Decisions(store, open_folder(folder))
    state, _ = decisions.apply(0, 0, "merge", {"bead": 0}, "ann")
    state, _ = decisions.apply(0, 1, "edit", {"side": "tgt", "sentence": 3, "text": "Fixed."}, "bob")
    with pytest.raises(VersionConflict):
        decisions.apply(0, 1, "reject", {"bead": 2}, "ann")  # a second tab still at version 1
    assert store.query("PRAGMA journal_mode")[0][0] == "wal"
    store.close()

    reopened = Decisions(Store(folder / "review.sqlite"), open_folder(folder))  # a killed server restarts
    state = reopened.state(0)
    assert state.version == 2 and state.beads[0].src == (0, 1) and state.edits == {"tgt:3": "Fixed."}
    assert [h["by"] for h in reopened.history(0)] == ["bob", "ann"]
    reopened.apply(0, 2, "undo", {}, "ann")
    reopened.apply(0, 3, "undo", {}, "ann")
    state = reopened.state(0)
    assert state.edits == {} and [b.src for b in state.beads] == [(0,), (1,), (2,), (3,), (4,)]
    with pytest.raises(CorrectionError):
        reopened.apply(0, 4, "undo", {}, "ann")


def test_a_rebuild_keeps_decisions_of_unchanged_documents_and_shows_changed_ones_as_stale(folder: Path):
    decisions = Decisions(Store(folder / "review.sqlite"), open_folder(folder))
    decisions.apply(0, 0, "reject", {"bead": 3}, "ann")
    decisions.apply(1, 0, "accept", {"bead": 0}, "ann")
    changed = [s.replace("trois", "quatre") for s in SRC]  # the source document of pair 0 was edited
    report([(changed, TGT, BEADS), (SRC[:3], TGT[:2], [([0, 1], [0], 0.6), ([2], [1], 0.8)])], folder)
    rebuilt = Decisions(Store(folder / "review.sqlite"), open_folder(folder))
    assert rebuilt.state(1).beads[0].status == "confirmed"  # unchanged: kept
    assert all(b.status == "machine" for b in rebuilt.state(0).beads)  # changed: not applied...
    stale = rebuilt.stale(0)
    assert [(s["actions"], s["changed"]) for s in stale] == [(1, ["source"])]  # ...but shown
    assert rebuilt.stale_beads(0, stale[0]["row"])[0]["source"] == "Date : 12/12/2023"
    client, _ = client_for(folder)
    page = client.get(f"/pairs/0/stale/{stale[0]['row']}")
    assert page.status_code == 200 and "Date : 12/12/2023" in page.text and "rejected" in page.text


# ---------------------------------------------------------------- the web application's guards

def test_requests_with_a_foreign_host_or_without_the_csrf_token_are_refused(folder: Path):
    client, token = client_for(folder)
    assert client.get("/api/pairs").status_code == 200
    rebinding, _ = client_for(folder, host="attacker.example")
    assert rebinding.get("/api/pairs").status_code == 400
    body = {"op": "reject", "version": 0, "bead": 0}
    assert client.post("/api/pairs/0/actions", json=body).status_code == 403
    assert client.post("/api/pairs/0/actions", json=body, headers={"X-CSRF-Token": "guess"}).status_code == 403
    answer = client.post("/api/pairs/0/actions", json=body, headers={"X-CSRF-Token": token})
    assert answer.status_code == 200 and answer.json()["version"] == 1
    stale_tab = client.post("/api/pairs/0/actions", json=body, headers={"X-CSRF-Token": token})
    assert stale_tab.status_code == 409 and stale_tab.json()["current_version"] == 1


def test_segment_text_is_escaped_in_pages_and_never_read_as_markup(folder: Path):
    client, token = client_for(folder)
    page = client.get("/pairs/0").text
    assert "<script>alert" not in page
    beads = client.get("/api/pairs/0").json()["beads"]
    assert beads[4]["src"][0][1] == HOSTILE  # JSON carries the text; the page inserts it with textContent
    assert "innerHTML" not in (Path(__file__).resolve().parents[1] / "src/align/review/static/pair.js").read_text()
    assert "script-src 'self'" in client.get("/pairs/0").headers["content-security-policy"]


def test_no_path_outside_the_tm_folder_is_reachable(folder: Path, tmp_path: Path):
    for name in ("../secret.txt", "/etc/passwd", "..", "a/b.tmx", "x\x00.tmx"):
        with pytest.raises(Exception):
            inside(folder, name)
    (tmp_path / "outside.txt").write_text("secret")
    (folder / "link.txt").symlink_to(tmp_path / "outside.txt")
    with pytest.raises(Exception):
        inside(folder, "link.txt")
    client, token = client_for(folder)
    assert client.get("/static/../corpus-report.json").status_code == 404
    assert client.get("/static/%2e%2e/corpus-report.json").status_code == 404
    refused = client.post("/api/export", json={"formats": ["../../evil"]}, headers={"X-CSRF-Token": token})
    assert refused.status_code == 422


def test_host_must_be_a_named_address():
    from align.review.security import allowed_hosts

    assert "localhost" in allowed_hosts("127.0.0.1")
    with pytest.raises(Exception):
        allowed_hosts("0.0.0.0")


# ---------------------------------------------------------------- export

def test_export_writes_exactly_the_corrected_units_with_their_review_state(folder: Path):
    decisions = Decisions(Store(folder / "review.sqlite"), open_folder(folder))
    decisions.apply(0, 0, "accept", {"bead": 0}, "ann")
    decisions.apply(0, 1, "reject", {"bead": 3}, "ann")
    decisions.apply(0, 2, "merge", {"bead": 1}, "ann")
    decisions.apply(0, 3, "edit", {"side": "src", "sentence": 4, "text": "Texte corrigé."}, "ann")
    result = export(decisions)
    src_lang, tgt_lang, units = read_store(folder / "corpus.reviewed.tmx")
    units = [(u.source, u.target, u.props["review"]) for u in units]
    assert units[:4] == [
        (SRC[0], TGT[0], "confirmed"),
        (SRC[1] + " " + SRC[2], TGT[1] + " " + TGT[2], "edited"),
        ("Texte corrigé.", TGT[4], "edited"),
        ("Le Conseil s'est réuni le 16 mars 2023. Il a adopté trois résolutions.", TGT[0], "machine"),
    ]
    assert len(units) == 5 and result["counts"]["rejected"] == 1
    assert [u.source for u in read_store(folder / "corpus.reviewed.tsv").units][:3] == [u[0] for u in units[:3]]


def test_cli_exports_the_reviewed_tm_of_a_real_build(tmp_path: Path):
    """`align build` on two real communiqué pairs, then `align review --export` untouched: the same units."""
    from click.testing import CliRunner

    names = ["un-news-2019-02-19-sg-india-pakistan-pulwama.txt", "oic-gs-2023-12-12-supreme-court-verdict-jk.txt"]
    for side in ("fr", "en"):
        (tmp_path / side).mkdir()
        for name in names:
            shutil.copy(REPO / "corpora" / side / name, tmp_path / side / name)
    folder = tmp_path / "tm"
    built = CliRunner().invoke(cli, ["build", str(tmp_path / "fr"), str(tmp_path / "en"), "-o", str(folder),
                                     "--lang-style", "bare", "--min-score", "0.8", "--date", "2024-01-01"])
    assert built.exit_code == 0, built.output
    result = CliRunner().invoke(cli, ["review", str(folder), "--export"])
    assert result.exit_code == 0, result.output
    src_lang, tgt_lang, original = read_store(folder / "corpus.tmx")
    reviewed_src, reviewed_tgt, reviewed = read_store(folder / "corpus.reviewed.tmx")
    assert (reviewed_src, reviewed_tgt) == (src_lang, tgt_lang) == ("fr", "en")  # written as the build wrote it
    original, reviewed = list(original), list(reviewed)
    assert len(original) >= 8 and 'creationdate="20240101T000000Z"' in (folder / "corpus.reviewed.tmx").read_text()
    assert [(u.source, u.target) for u in reviewed] == [(u.source, u.target) for u in original]
    assert {u.props["review"] for u in reviewed} == {"machine"}
    with sqlite3.connect(folder / "review.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM align_pairs").fetchone()[0] == 2
    # The build recorded the aligner's hesitation numbers of every bead; the review ranks with them.
    records = json.loads((folder / "corpus-report.json").read_text())["pairs"]
    assert all({"gap", "fit"} <= set(bead) for record in records for bead in record["beads"])
    pairs = open_folder(folder).pairs
    assert all(len(pair.hesitations) == len(pair.beads) for pair in pairs)


def test_cli_refuses_a_folder_without_a_build_report(tmp_path: Path):
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["review", str(tmp_path), "--export"])
    assert result.exit_code == 2 and "align: error:" in result.output and "corpus-report.json" in result.output


# ---------------------------------------------------------------- needs-review signals

def test_needs_review_points_at_number_mismatches_and_shifted_boundaries():
    from align.review.signals import PairTexts, assess

    src = ["Le Conseil s'est réuni le 16 mars 2023.", "Il a adopté 3 résolutions sur la Namibie.",
           "M. Guterres a salué la décision du Conseil.", "La séance est levée."]
    tgt = ["The Council met on 16 March 2023.", "It adopted 5 resolutions on Namibia.",
           "The meeting rose.", "Mr. Guterres welcomed the decision of the Council."]
    beads = [ReviewBead((i,), (i,), "machine", 0.9) for i in range(4)]
    texts = PairTexts.of(src, tgt, "fr", "en", beads)
    clean, numbers, shifted = (assess(beads, i, texts) for i in range(3))
    assert "numbers differ" in numbers[1] and "numbers differ" not in clean[1]
    assert "a neighbour shares more names or words" in shifted[1]
    assert numbers[0] > clean[0] and shifted[0] > clean[0]


def test_the_aligner_s_hesitation_is_a_reason_and_picks_the_fitted_model():
    """A bead the aligner nearly cut differently (small gap) ranks higher, with that reason; a pair whose build
    recorded no hesitation numbers (a `.beads` file) is ranked by the text-only model."""
    from align.review.signals import TEXT_ONLY, WITH_ALIGNER, PairTexts, assess, model_for

    src = ["Le Conseil s'est réuni hier.", "Il a adopté trois résolutions.", "La séance est levée."]
    tgt = ["The Council met yesterday.", "It adopted three resolutions.", "The meeting rose."]
    beads = [ReviewBead((i,), (i,), "machine", 0.9) for i in range(3)]
    plain = PairTexts.of(src, tgt, "fr", "en", beads)
    numbers = {(b.src, b.tgt): {"gap": 0.12, "fit": 0.1} for b in beads}
    numbers[((1,), (1,))] = {"gap": 0.004, "fit": 0.1}
    hesitant = PairTexts(src, tgt, "fr", "en", plain.usual_log_ratio, numbers)
    assert model_for(plain) is TEXT_ONLY and model_for(hesitant) is WITH_ALIGNER
    sure, doubt = assess(beads, 0, hesitant), assess(beads, 1, hesitant)
    assert "the aligner nearly cut this differently" in doubt[1]
    assert "the aligner nearly cut this differently" not in sure[1] and doubt[0] > sure[0]
    confirmed = [beads[0], ReviewBead((1,), (1,), "confirmed"), beads[2]]  # a person's bead: no aligner doubt
    assert "the aligner nearly cut this differently" not in assess(confirmed, 1, hesitant)[1]


def test_a_long_pair_can_be_read_a_stretch_at_a_time(folder: Path):
    client, _ = client_for(folder)
    whole = client.get("/api/pairs/0").json()
    part = client.get("/api/pairs/0", params={"start": 1, "count": 2}).json()
    assert (part["start"], part["total"], whole["total"]) == (1, 5, 5)
    assert part["beads"] == whole["beads"][1:3] and part["version"] == whole["version"]
    assert client.get("/api/pairs/0", params={"start": 4, "count": 10}).json()["beads"] == whole["beads"][4:]
    assert client.get("/api/pairs/0", params={"count": 0}).status_code == 422


def test_a_single_pair_from_align_pair_beads_is_reviewed_with_its_documents(tmp_path: Path):
    from click.testing import CliRunner

    (tmp_path / "doc.fr.txt").write_text("Le Conseil s'est réuni hier. Il a adopté trois résolutions.\n",
                                         encoding="utf-8")
    (tmp_path / "doc.en.txt").write_text("The Council met yesterday. It adopted three resolutions.\n", encoding="utf-8")
    (tmp_path / "doc.beads").write_text("[0]:[0]\t0.9100\n[1]:[1]\t0.8800\n", encoding="utf-8")
    args = ["review", str(tmp_path / "doc.beads"), "--src", str(tmp_path / "doc.fr.txt"), "--tgt",
            str(tmp_path / "doc.en.txt"), "--export"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    units = list(read_store(tmp_path / "doc.reviewed.tmx").units)
    assert [(u.source, u.target, u.props["score"]) for u in units] == [
        ("Le Conseil s'est réuni hier.", "The Council met yesterday.", "0.9100"),
        ("Il a adopté trois résolutions.", "It adopted three resolutions.", "0.8800")]
    (tmp_path / "doc.beads").write_text("[0, 1]:[0]\n", encoding="utf-8")  # does not cover the target
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "does not match" in result.output
    assert CliRunner().invoke(cli, args[:2] + ["--export"]).exit_code == 2  # documents missing


def test_a_beads_file_segmented_with_custom_rules_is_reviewed_with_the_same_rules(tmp_path: Path):
    """`align pair --srx RULES` cut at semicolons; review needs the same rules to find those sentences."""
    from click.testing import CliRunner

    rules = semicolon_rules(tmp_path)
    (tmp_path / "doc.fr.txt").write_text("Rappelant sa résolution ; notant le rapport.\n", encoding="utf-8")
    (tmp_path / "doc.en.txt").write_text("Recalling its resolution; noting the report.\n", encoding="utf-8")
    (tmp_path / "doc.beads").write_text("[0]:[0]\t0.9100\n[1]:[1]\t0.8800\n", encoding="utf-8")
    args = ["review", str(tmp_path / "doc.beads"), "--src", str(tmp_path / "doc.fr.txt"), "--tgt",
            str(tmp_path / "doc.en.txt"), "--export"]
    assert CliRunner().invoke(cli, args).exit_code == 2  # the default rules see one sentence a side
    result = CliRunner().invoke(cli, args + ["--srx", str(rules)])
    assert result.exit_code == 0, result.output
    units = list(read_store(tmp_path / "doc.reviewed.tmx").units)
    assert [(u.source, u.target) for u in units] == [("Rappelant sa résolution ;", "Recalling its resolution;"),
                                                     ("notant le rapport.", "noting the report.")]


def test_the_state_is_the_checkpoint_plus_the_actions_after_it(folder: Path, monkeypatch):
    from align.review import decisions as module

    monkeypatch.setattr(module, "CHECKPOINT_EVERY", 3)
    decisions = Decisions(Store(folder / "review.sqlite"), open_folder(folder))
    steps = [("merge", {"bead": 0}), ("split", {"bead": 0, "src_at": 1, "tgt_at": 1}), ("reject", {"bead": 4}),
             ("edit", {"side": "src", "sentence": 1, "text": "Il a\nadopté."}), ("undo", {}), ("detach",
             {"bead": 3, "side": "tgt", "sentence": 3}), ("move", {"bead": 2, "side": "src", "direction": "next"})]
    for version, (op, args) in enumerate(steps):
        decisions.apply(0, version, op, args, "ann")
    live = decisions.state(0)
    fresh = Decisions(Store(folder / "review.sqlite"), open_folder(folder)).state(0)
    assert (fresh.version, fresh.beads, fresh.edits) == (live.version, live.beads, live.edits) == (7, live.beads, {})
    check_cover(fresh.beads, len(SRC), len(TGT))
    with sqlite3.connect(folder / "review.sqlite") as db:
        assert db.execute("SELECT checkpoint FROM align_pairs WHERE src_name = 'doc0.fr.txt'").fetchone()[0] == 6


def test_the_listening_socket_says_tcp_so_answers_are_not_held_by_nagle():
    """asyncio turns Nagle's algorithm off on accepted connections only when the socket's proto is TCP;
    with proto 0 every answer on a kept-alive connection waited ~40 ms (the client's delayed ACK) for its
    body. An accepted connection must have TCP_NODELAY, as asyncio sets it."""
    import asyncio
    import socket

    from align.cli.review_cmd import _listen

    sock = _listen("127.0.0.1", 0)

    async def accept_one() -> int:
        accepted = asyncio.get_running_loop().create_future()

        def on_connect(reader, writer):
            accepted.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=sock)
        client = socket.create_connection(sock.getsockname())
        try:
            return await asyncio.wait_for(accepted, 10)
        finally:
            client.close()
            server.close()

    try:
        assert asyncio.run(accept_one()) != 0
    finally:
        sock.close()
