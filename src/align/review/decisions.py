"""Human decisions on the beads of each document pair, kept in the review database.

Each correction is one transaction that checks the version the page saw (optimistic versioning) and
logs the action (its bead splice and text changes, who, when): a write as small as the change, so a
correction answers fast even in a pair of 5,000 sentences. A pair's row holds a checkpoint of its beads
and corrected texts, rewritten every CHECKPOINT_EVERY actions; its state is the checkpoint plus the
actions after it, kept in memory while the server runs. Undo plays the inverse of the last action not yet
undone, as a new action (so another tab sees that the pair changed).

Rows are keyed by document names plus a hash of each side's sentences: a rebuild of unchanged documents
finds its decisions again; a changed document gets a fresh row and the old one is listed as stale.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from align.errors import InputError
from align.review import beads as ops
from align.review.beads import ReviewBead, Splice
from align.review.source import Corpus, PairSource
from align.review.store import Store, VersionConflict, bump_version, now

SCHEMA = """
CREATE TABLE IF NOT EXISTS align_pairs (
    id INTEGER PRIMARY KEY,
    src_name TEXT NOT NULL, tgt_name TEXT NOT NULL, src_hash TEXT NOT NULL, tgt_hash TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    checkpoint INTEGER NOT NULL DEFAULT 0, -- the version `beads` and `edits` hold; later actions replay on them
    beads TEXT NOT NULL,             -- JSON list of ReviewBead
    src_texts TEXT NOT NULL, tgt_texts TEXT NOT NULL,  -- JSON lists: the sentences these decisions were made on
    edits TEXT NOT NULL DEFAULT '{}', -- JSON {"src:12": "corrected text", ...}
    created_at TEXT NOT NULL,
    UNIQUE (src_name, tgt_name, src_hash, tgt_hash)
);
CREATE TABLE IF NOT EXISTS align_actions (
    id INTEGER PRIMARY KEY,
    pair_id INTEGER NOT NULL REFERENCES align_pairs(id),
    version INTEGER NOT NULL,        -- the pair's version after this action
    op TEXT NOT NULL, args TEXT NOT NULL, changes TEXT NOT NULL,
    by TEXT NOT NULL, at TEXT NOT NULL,
    undone_by INTEGER                -- the undo action that reverted this one
);
CREATE INDEX IF NOT EXISTS align_actions_pair ON align_actions (pair_id, id);
"""
CHECKPOINT_EVERY = 200


class Corrected(Sequence):
    """A document's sentences with the reviewer's corrections on top, without copying the list (a
    correction in a pair of 5,000 sentences must not rebuild 10,000 strings)."""

    def __init__(self, machine: list[str], edits: dict[str, str], side: str) -> None:
        self.machine, self.edits, self.side = machine, edits, side

    def __len__(self) -> int:
        return len(self.machine)

    def __getitem__(self, index):
        return self.edits.get(f"{self.side}:{index}", self.machine[index])


@dataclass
class PairState:
    """A pair's beads and corrected texts at one version."""

    pair_id: int
    version: int
    beads: list[ReviewBead]
    edits: dict[str, str]


@dataclass
class Change:
    """What an action did: bead splices and text corrections, in order (undo reverts them backwards)."""

    splices: list[Splice]
    texts: list[tuple[str, str | None, str | None]]  # (key "src:12", old, new); None = the machine text

    def to_json(self) -> dict:
        return {"splices": [s.to_json() for s in self.splices], "texts": [list(t) for t in self.texts]}

    @classmethod
    def from_json(cls, data: dict) -> "Change":
        return cls([Splice.from_json(s) for s in data["splices"]], [tuple(t) for t in data["texts"]])

    def inverse(self) -> "Change":
        return Change([s.inverse() for s in reversed(self.splices)],
                      [(key, new, old) for key, old, new in reversed(self.texts)])


class Decisions:
    """The review state of every pair of a corpus (one row each), and the corrections on them."""

    def __init__(self, store: Store, corpus: Corpus) -> None:
        self.store = store
        self.corpus = corpus
        store.ensure_schema(SCHEMA)
        self.ids = [self._row_for(pair) for pair in corpus.pairs]
        self._cache: dict[int, PairState] = {}

    def _row_for(self, pair: PairSource) -> int:
        key = (pair.src_name, pair.tgt_name, pair.src_hash, pair.tgt_hash)
        with self.store.transaction() as db:
            row = db.execute("SELECT id FROM align_pairs WHERE src_name=? AND tgt_name=? AND src_hash=? "
                             "AND tgt_hash=?", key).fetchone()
            if row:
                return row[0]
            beads = json.dumps([b.to_json() for b in pair.beads])
            texts = (json.dumps(pair.src, ensure_ascii=False), json.dumps(pair.tgt, ensure_ascii=False))
            return db.execute("INSERT INTO align_pairs (src_name, tgt_name, src_hash, tgt_hash, beads, src_texts, "
                              "tgt_texts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              (*key, beads, *texts, now())).lastrowid

    def pair(self, number: int) -> PairSource:
        if not 0 <= number < len(self.corpus.pairs):
            raise InputError(f"no document pair {number} (there are {len(self.corpus.pairs)})")
        return self.corpus.pairs[number]

    def state(self, number: int, cache: bool = True) -> PairState:
        """The pair's current state (kept in memory when `cache`; export reads pairs one at a time without)."""
        self.pair(number)
        if number in self._cache:
            return self._cache[number]
        with self.store.transaction() as db:
            state = self._load(db, self.ids[number])
        if cache:
            self._cache[number] = state
        return state

    @staticmethod
    def _load(db, pair_id: int) -> PairState:
        row = db.execute("SELECT version, checkpoint, beads, edits FROM align_pairs WHERE id = ?", (pair_id,)).fetchone()
        state = PairState(pair_id, row["checkpoint"], [ReviewBead.from_json(b) for b in json.loads(row["beads"])],
                          json.loads(row["edits"]))
        for action in db.execute("SELECT version, changes FROM align_actions WHERE pair_id = ? AND version > ? "
                                 "ORDER BY id", (pair_id, row["checkpoint"])):
            Decisions._play(state, Change.from_json(json.loads(action["changes"])))
            state.version = action["version"]
        assert state.version == row["version"], "the action log does not reach the pair's version"
        return state

    def apply(self, number: int, version: int, op: str, args: dict, by: str) -> tuple[PairState, Change]:
        """Make correction `op` on pair `number` as seen at `version`; VersionConflict if it moved on."""
        state = self.state(number)
        try:
            with self.store.transaction() as db:
                bump_version(db, "align_pairs", state.pair_id, version, f"document pair {number}")
                if state.version != version:  # another process changed the database under our cache
                    raise VersionConflict(f"document pair {number}", version, state.version)
                at = now()
                if op == "undo":
                    change, undone = self._last_action(db, state.pair_id)
                else:
                    change, undone = self._checked_change(number, state, op, args, by, at), None
                self._play(state, change)
                state.version = version + 1
                action = db.execute(
                    "INSERT INTO align_actions (pair_id, version, op, args, changes, by, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (state.pair_id, state.version, op, json.dumps(args), json.dumps(change.to_json()), by, at)).lastrowid
                if undone is not None:
                    db.execute("UPDATE align_actions SET undone_by = ? WHERE id = ?", (action, undone))
                if state.version % CHECKPOINT_EVERY == 0:
                    self._checkpoint(db, state)
        except BaseException:
            self._cache.pop(number, None)  # reload from the database, which rolled back
            raise
        return state, change

    @staticmethod
    def _checkpoint(db, state: PairState) -> None:
        db.execute("UPDATE align_pairs SET beads = ?, edits = ?, checkpoint = ? WHERE id = ?",
                   (json.dumps([b.to_json() for b in state.beads]), json.dumps(state.edits), state.version,
                    state.pair_id))

    def _checked_change(self, number: int, state: PairState, op: str, args: dict, by: str, at: str) -> Change:
        try:
            return self._change(number, state, op, args, by, at)
        except (KeyError, TypeError, ValueError) as error:
            raise ops.CorrectionError(f"{op}: a needed argument is missing or wrong ({error})") from None

    def _change(self, number: int, state: PairState, op: str, args: dict, by: str, at: str) -> Change:
        beads, index = state.beads, int(args.get("bead", -1))
        if op in ("accept", "reject", "machine"):
            return Change([ops.decide(beads, index, op, by, at)], [])
        if op == "merge":
            return Change([ops.merge(beads, index, by, at)], [])
        if op == "split":
            return Change([ops.split(beads, index, int(args["src_at"]), int(args["tgt_at"]), by, at)], [])
        if op == "move":
            return Change([ops.move(beads, index, args["side"], args["direction"], by, at)], [])
        if op == "detach":
            return Change([ops.detach(beads, index, args["side"], int(args["sentence"]), by, at)], [])
        if op == "edit":
            return self._edit(number, state, args, by, at)
        raise ops.CorrectionError(f"unknown correction {op!r}")

    def _edit(self, number: int, state: PairState, args: dict, by: str, at: str) -> Change:
        side, sentence, text = args["side"], int(args["sentence"]), " ".join(str(args["text"]).splitlines()).strip()
        pair = self.pair(number)
        machine = (pair.src if side == "src" else pair.tgt)
        if side not in ("src", "tgt") or not 0 <= sentence < len(machine):
            raise ops.CorrectionError(f"no {side} sentence {sentence}")
        if not text.strip():
            raise ops.CorrectionError("a sentence cannot be emptied; mark it as having no counterpart instead")
        key = f"{side}:{sentence}"
        new = None if text == machine[sentence] else text
        touched = ops.touch(state.beads, ops.bead_of(state.beads, side, sentence), by, at)
        return Change([touched], [(key, state.edits.get(key), new)])

    def _last_action(self, db, pair_id: int) -> tuple[Change, int]:
        row = db.execute("SELECT id, changes FROM align_actions WHERE pair_id = ? AND op != 'undo' "
                         "AND undone_by IS NULL ORDER BY id DESC LIMIT 1", (pair_id,)).fetchone()
        if row is None:
            raise ops.CorrectionError("nothing to undo on this pair")
        return Change.from_json(json.loads(row["changes"])).inverse(), row["id"]

    @staticmethod
    def _play(state: PairState, change: Change) -> None:
        for splice in change.splices:
            splice.apply(state.beads)
        for key, _old, new in change.texts:
            if new is None:
                state.edits.pop(key, None)
            else:
                state.edits[key] = new

    def stale(self, number: int) -> list[dict]:
        """Decisions stored for an earlier text of this pair's documents (a document changed since)."""
        pair = self.pair(number)
        rows = self.store.query(
            "SELECT p.id, p.src_hash, p.tgt_hash, COUNT(a.id) AS actions, MAX(a.at) AS last FROM align_pairs p "
            "JOIN align_actions a ON a.pair_id = p.id WHERE p.src_name = ? AND p.tgt_name = ? AND p.id != ? "
            "GROUP BY p.id ORDER BY p.id", (pair.src_name, pair.tgt_name, self.ids[number]))
        return [{"row": r["id"], "actions": r["actions"], "last": r["last"],
                 "changed": [side for side, h in (("source", r["src_hash"]), ("target", r["tgt_hash"]))
                             if h != (pair.src_hash if side == "source" else pair.tgt_hash)]} for r in rows]

    def stale_beads(self, number: int, row: int) -> list[dict]:
        """The beads a person decided on in stale row `row` of this pair, with the texts they saw then."""
        if row not in {s["row"] for s in self.stale(number)}:
            raise InputError(f"no stale decisions {row} for document pair {number}")
        with self.store.transaction() as db:
            old = self._load(db, row)
            found = db.execute("SELECT src_texts, tgt_texts FROM align_pairs WHERE id = ?", (row,)).fetchone()
        src, tgt, edits = json.loads(found["src_texts"]), json.loads(found["tgt_texts"]), old.edits
        decided = old.beads
        return [{"status": b.status, "by": b.by, "at": b.at,
                 "source": " ".join(edits.get(f"src:{i}", src[i]) for i in b.src),
                 "target": " ".join(edits.get(f"tgt:{j}", tgt[j]) for j in b.tgt)}
                for b in decided if b.status != "machine"]

    def history(self, number: int, limit: int = 50) -> list[dict]:
        rows = self.store.query("SELECT op, args, by, at, undone_by FROM align_actions WHERE pair_id = ? "
                                "ORDER BY id DESC LIMIT ?", (self.ids[number], limit))
        return [{"op": r["op"], "args": json.loads(r["args"]), "by": r["by"], "at": r["at"],
                 "undone": r["undone_by"] is not None} for r in rows]
