"""The terminologist's decisions on glossary candidates, in the review database (SQLite, WAL).

Why a table of entries and not a file: a decision (accept, reject, edit, merge, status) is written in its
own transaction the moment it is made, like the alignment decisions, and survives a killed server.
Candidates come from the term engine run on the TM of the folder (`align.glossary.extract.analyse_terms`);
a later run adds new candidates and keeps every decision made on the old ones (same source and target
lemma keys). Export writes the glossary as TBX and CSV into the TM folder: person-set statuses as TBX
`administrativeStatus`, undecided rows as `candidate`, rejected rows left out, a merged variant as an
admitted rendering in the concept of the entry it was merged into.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.errors import InputError
from align.glossary.model import Glossary, TermPair
from align.review.store import Store, bump_version, now

DECIDED = ("preferred", "admitted", "forbidden", "rejected", "candidate")
SCHEMA = """
CREATE TABLE IF NOT EXISTS term_entries (
    id INTEGER PRIMARY KEY,
    rank INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_key TEXT NOT NULL,
    target_key TEXT NOT NULL,
    category TEXT NOT NULL,
    kind TEXT NOT NULL,
    frequency INTEGER NOT NULL,
    score REAL NOT NULL,
    example TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'candidate',
    edited_target TEXT,
    merged_into INTEGER REFERENCES term_entries(id),
    decided_by TEXT,
    decided_at TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    UNIQUE (source_key, target_key)
);
"""


@dataclass
class TermDecisions:
    store: Store
    src_lang: str = "fr"
    tgt_lang: str = "en"

    def __post_init__(self) -> None:
        self.store.ensure_schema(SCHEMA)

    def load(self, rows: list[tuple[TermPair, str, str]]) -> None:
        """Add the engine's candidates (ranked); entries already in the database keep their decisions."""
        with self.store.transaction() as db:
            for rank, (pair, source_key, target_key) in enumerate(rows):
                db.execute("""INSERT INTO term_entries (rank, source, target, source_key, target_key, category, kind,
                                  frequency, score, example) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                              ON CONFLICT (source_key, target_key) DO UPDATE SET rank = excluded.rank,
                                  frequency = excluded.frequency, score = excluded.score""",
                           (rank, pair.source, pair.target, source_key, target_key or pair.target.lower(),
                            pair.category or "term", pair.kind, pair.frequency, pair.score, pair.example))

    def entries(self) -> list[dict]:
        return [self._public(row) for row in self.store.query("SELECT * FROM term_entries ORDER BY rank, id")]

    def entry(self, entry_id: int) -> dict:
        rows = self.store.query("SELECT * FROM term_entries WHERE id = ?", (entry_id,))
        if not rows:
            raise InputError(f"no term entry {entry_id}")
        return self._public(rows[0])

    @staticmethod
    def _public(row) -> dict:
        data = dict(row)
        data["shown_target"] = data["edited_target"] or data["target"]
        return data

    def apply(self, entry_id: int, version: int, op: str, by: str, status: str | None = None,
              target: str | None = None, into: int | None = None) -> dict:
        """One decision, made against the entry's `version` (VersionConflict when another tab changed it)."""
        with self.store.transaction() as db:
            bump_version(db, "term_entries", entry_id, version, f"term entry {entry_id}")
            if op == "accept":
                status = "preferred"
            elif op == "reject":
                status = "rejected"
            if op in ("accept", "reject", "status"):
                if status not in DECIDED:
                    raise InputError(f"unknown status {status!r} (use {', '.join(DECIDED)})")
                db.execute("UPDATE term_entries SET status = ? WHERE id = ?", (status, entry_id))
            elif op == "edit":
                text = " ".join((target or "").split())
                if not text:
                    raise InputError("an edited rendering cannot be empty")
                db.execute("UPDATE term_entries SET edited_target = ? WHERE id = ?", (text, entry_id))
            elif op == "merge":
                self._merge(db, entry_id, into)
            elif op == "unmerge":
                db.execute("UPDATE term_entries SET merged_into = NULL WHERE id = ?", (entry_id,))
            else:
                raise InputError(f"unknown action {op!r}")
            db.execute("UPDATE term_entries SET decided_by = ?, decided_at = ? WHERE id = ?", (by, now(), entry_id))
        return self.entry(entry_id)

    @staticmethod
    def _merge(db, entry_id: int, into: int | None) -> None:
        """`entry_id` becomes a variant in the concept of `into` (followed to the entry it is merged into)."""
        if into is None or into == entry_id:
            raise InputError("merge needs another entry to merge into")
        seen = {entry_id}
        while True:
            row = db.execute("SELECT merged_into FROM term_entries WHERE id = ?", (into,)).fetchone()
            if row is None:
                raise InputError(f"no term entry {into}")
            if row[0] is None:
                break
            if row[0] in seen:
                raise InputError("merging these entries would make a cycle")
            seen.add(into)
            into = row[0]
        db.execute("UPDATE term_entries SET merged_into = ? WHERE id = ?", (into, entry_id))
        db.execute("UPDATE term_entries SET merged_into = ? WHERE merged_into = ?", (into, entry_id))

    def glossary(self, signature: str = "") -> Glossary:
        """The reviewed glossary: rejected entries left out, merged variants in their head's concept."""
        entries = {e["id"]: e for e in self.entries()}
        pairs = []
        for entry in entries.values():
            if entry["status"] == "rejected":
                continue
            head = entries.get(entry["merged_into"]) if entry["merged_into"] else None
            if head is not None and head["status"] == "rejected":
                continue
            status = entry["status"]
            if head is not None and status == "candidate" and head["status"] != "candidate":
                status = "admitted"  # a variant merged into a decided entry is one of its renderings
            owner = head or entry
            pairs.append(TermPair(owner["source"], entry["shown_target"], status, entry["frequency"],
                                  entry["score"], entry["example"], entry["kind"], f"e{owner['id']}",
                                  entry["category"]))
        return Glossary(pairs, self.src_lang, self.tgt_lang, signature)
