"""The on-disk embedding cache: one SQLite file, key -> float32 vector.

Why SQLite: it is in the standard library, it is safe with several processes reading and writing the
same file at once (the corpus job aligns document pairs in parallel processes), and with WAL journaling
readers never wait for writers. Lookups and inserts are batched (hundreds of keys per statement, one
transaction per batch), which keeps 100k+ vectors fast (see `bench/embed_cache.py`).

The key is the SHA-1 of the encoder id and the text, so a new model or model version never reads
another's vectors, and a sentence repeated across documents or runs is embedded once. A cache is only
an accelerator: if the file is corrupt it is moved aside and rebuilt, and if it cannot be used at all
(read-only folder, disk full) the run goes on without it, with a warning, never an error.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
import warnings
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

#: Bump when the table layout or the key recipe changes: an old file is then simply ignored.
CACHE_FILE_NAME = "embeddings-v1.sqlite3"
#: Keys per SELECT ... IN (...) statement; well under SQLite's limit on bound parameters.
_LOOKUP_CHUNK = 500
#: How long a writer waits for another process's lock before giving up on that batch (seconds).
_BUSY_TIMEOUT_S = 60.0


def default_cache_dir() -> Path:
    """`$ALIGN_CACHE_DIR` if set, else the platform's user cache folder (e.g. ~/.cache/align)."""
    configured = os.environ.get("ALIGN_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("align"))


def cache_key(encoder_id: str, text: str) -> bytes:
    """20-byte key of one (encoder, text); the NUL separator keeps id and text from running together."""
    return hashlib.sha1(f"{encoder_id}\0{text}".encode("utf-8", "surrogatepass")).digest()


class EmbeddingCache:
    """A process-safe key -> float32 vector store in `folder/embeddings-v1.sqlite3`.

    Each process (and each fork) opens its own connection lazily. Every method swallows database
    failures: a broken cache turns into misses and a warning, never into a failed alignment.
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.path = self.folder / CACHE_FILE_NAME
        self._connection: sqlite3.Connection | None = None
        self._owner_pid: int | None = None
        self._lock = threading.Lock()
        self._disabled = False

    # -- public ------------------------------------------------------------------------------------

    def get_many(self, keys: Sequence[bytes], dim: int | None = None,
                 unit_norm: bool = False) -> dict[bytes, np.ndarray]:
        """Vectors found for `keys` (missing keys are absent). Damaged rows are ignored (with a warning):
        the wrong size, a NaN or infinity, or with `unit_norm` not of unit length (what encoders return).

        `dim`, when known, rejects rows whose length does not match (a damaged row is then recomputed
        and overwritten); when unknown, rows must agree with each other.
        """
        found: dict[bytes, np.ndarray] = {}
        if not keys:
            return found
        rows = self._run(self._select, list(keys))
        if rows is None:
            return found
        expected_bytes = dim * 4 if dim else None
        damaged = 0
        for key, blob in rows:
            if not isinstance(blob, bytes) or len(blob) == 0 or len(blob) % 4:
                damaged += 1
                continue
            if expected_bytes is None:
                expected_bytes = len(blob)
            vector = np.frombuffer(blob, dtype=np.float32) if len(blob) == expected_bytes else None
            if vector is None or not _sound(vector, unit_norm):
                damaged += 1
                continue
            found[key] = vector
        if damaged:
            warnings.warn(f"embedding cache {self.path}: {damaged} damaged vector(s) (wrong size, NaN or not "
                          "unit length) ignored; they are embedded again and replaced", RuntimeWarning, stacklevel=2)
        return found

    def put_many(self, keys: Sequence[bytes], vectors: np.ndarray) -> None:
        """Store one float32 row per key, in one transaction (existing rows are replaced)."""
        if len(keys) == 0:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        rows = [(key, vectors[i].tobytes()) for i, key in enumerate(keys)]
        self._run(self._insert, rows)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None and self._owner_pid == os.getpid():
                self._connection.close()
            self._connection = None

    def __len__(self) -> int:
        count = self._run(lambda connection, _: connection.execute("SELECT COUNT(*) FROM vectors").fetchone()[0],
                          None)
        return int(count or 0)

    # -- internals ---------------------------------------------------------------------------------

    @staticmethod
    def _select(connection: sqlite3.Connection, keys: list[bytes]) -> list[tuple[bytes, bytes]]:
        rows: list[tuple[bytes, bytes]] = []
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[start:start + _LOOKUP_CHUNK]
            placeholders = ",".join("?" * len(chunk))
            rows.extend(connection.execute(f"SELECT key, vec FROM vectors WHERE key IN ({placeholders})", chunk))
        return rows

    @staticmethod
    def _insert(connection: sqlite3.Connection, rows: Iterable[tuple[bytes, bytes]]) -> None:
        with connection:  # one transaction: other processes see all of the batch or none of it
            connection.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)

    def _connect(self) -> sqlite3.Connection:
        # A connection must not cross a fork: reopen in a child process.
        if self._connection is not None and self._owner_pid == os.getpid():
            return self._connection
        self.folder.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, check_same_thread=False)
        try:
            _set_up(connection)
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        self._owner_pid = os.getpid()
        return connection

    def _run(self, operation, argument):
        """Run one database operation; on a corrupt file rebuild once, on any other failure go without."""
        if self._disabled:
            return None
        with self._lock:
            for attempt in (1, 2):
                try:
                    return operation(self._connect(), argument)
                except sqlite3.DatabaseError as error:
                    if attempt == 1 and _is_corruption(error):
                        self._move_aside_corrupt_file(error)
                        continue
                    self._give_up(error)
                    return None
                except OSError as error:
                    self._give_up(error)
                    return None
        return None

    def _move_aside_corrupt_file(self, error: Exception) -> None:
        warnings.warn(f"embedding cache {self.path} is corrupt ({error}); moving it aside and rebuilding it",
                      RuntimeWarning, stacklevel=4)
        if self._connection is not None:
            try:
                self._connection.close()
            except sqlite3.Error:
                pass
        self._connection = None
        # Renaming (not deleting) keeps the evidence; another process may have done it already.
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            try:
                os.replace(source, Path(f"{self.path}.corrupt-{os.getpid()}{suffix}"))
            except OSError:
                pass

    def _give_up(self, error: Exception) -> None:
        warnings.warn(f"embedding cache {self.path} cannot be used ({error}); going on without it",
                      RuntimeWarning, stacklevel=4)
        self._disabled = True
        if self._connection is not None and self._owner_pid == os.getpid():
            try:
                self._connection.close()
            except sqlite3.Error:
                pass
        self._connection = None


def _sound(vector: np.ndarray, unit_norm: bool) -> bool:
    """A usable cached vector: all finite, and of unit length (within float32 rounding) when required."""
    if not np.isfinite(vector).all():
        return False
    return not unit_norm or abs(float(np.dot(vector, vector)) - 1.0) < 1e-3


def _set_up(connection: sqlite3.Connection) -> None:
    """Switch to WAL and create the table, retrying while another process does the same.

    SQLite does not apply the busy timeout to the journal-mode switch: two processes opening a new cache
    at the same moment (parallel document pairs of `align build`) get "database is locked" at once, and
    giving up there would silently run that worker without a cache. So the set-up is retried for a while.
    """
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            # WAL: readers do not block writers and writers do not block readers; NORMAL sync is
            # durable enough for a cache (a power cut can lose the last batches, never corrupt the file).
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            # A plain rowid table with an index on the key, not WITHOUT ROWID: rows of 1.5 kB are too big
            # for a WITHOUT ROWID b-tree (measured: 5x slower inserts, 2x the file size).
            connection.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL)")
            return
        except sqlite3.OperationalError as error:
            message = str(error).lower()
            if ("locked" not in message and "busy" not in message) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    """True for a damaged or foreign file, as opposed to a lock timeout or a full disk."""
    message = str(error).lower()
    return "malformed" in message or "not a database" in message or "corrupt" in message
