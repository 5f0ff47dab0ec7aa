"""The review database: one SQLite file in the TM folder, written at once on every action.

Why SQLite in WAL mode: every committed transaction is in the write-ahead log before the request
answers, so a killed server or a closed tab loses nothing; readers never block the writer; and the file
travels with the TM folder. `synchronous=NORMAL` in WAL mode survives a killed process (what we promise);
only a power cut may lose the last transactions, never corrupt the file.

Optimistic versioning: a row that several tabs may change has a `version` column; a change names the
version it was made against and `bump_version` refuses it (VersionConflict) when another tab got there
first, so nobody overwrites anybody silently.

Each feature declares its own tables with `ensure_schema` (CREATE ... IF NOT EXISTS), so the review of
alignments and the review of terms live in the same file without knowing about each other.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from align.errors import AlignError, InputError

DB_NAME = "review.sqlite"


class VersionConflict(AlignError):
    """The row changed since the client read it (another tab or script); `current` is its version now."""

    def __init__(self, what: str, expected: int, current: int | None) -> None:
        super().__init__(f"{what} changed elsewhere (version {current}, you had {expected}); reload it")
        self.expected = expected
        self.current = current


def now() -> str:
    """UTC time stamp of a decision, ISO 8601 to the second: `2026-11-30T22:15:24Z`."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    """One connection to the review database, shared by the server's worker threads under `lock` (which
    also guards what a feature keeps in memory from the database while it reads or changes it).

    SQLite serialises writers anyway; one connection and a lock keep transactions simple and fast
    (no "database is locked" retries) for a single-user local server.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as error:
            raise InputError(f"{self.path}: not a usable review database ({error})") from None
        if mode.lower() != "wal":
            raise InputError(f"{self.path}: SQLite refused WAL mode ({mode}); is the folder on a network share?")
        self.lock = threading.RLock()

    def ensure_schema(self, ddl: str) -> None:
        """Create a feature's tables and indexes if they are missing (statements with IF NOT EXISTS)."""
        with self.lock:
            self._db.executescript(ddl)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on any exception): all of an action or none of it."""
        with self.lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self._db.execute(sql, params).fetchall()

    def close(self) -> None:
        with self.lock:
            self._db.close()


def bump_version(db: sqlite3.Connection, table: str, key: int, expected: int, what: str) -> int:
    """Inside a transaction: move row `key` of `table` from `expected` to the next version, or raise.

    `table` is a name from our own code, never from a request.
    """
    changed = db.execute(f"UPDATE {table} SET version = version + 1 WHERE id = ? AND version = ?",
                         (key, expected)).rowcount
    if not changed:
        row = db.execute(f"SELECT version FROM {table} WHERE id = ?", (key,)).fetchone()
        raise VersionConflict(what, expected, row[0] if row else None)
    return expected + 1
