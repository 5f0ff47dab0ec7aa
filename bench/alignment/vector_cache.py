"""A small on-disk vector cache for benchmark runs (sqlite, keyed by encoder id + text).

Why: the encoder is >99% of alignment time and the machine is shared, so every benchmark sentence is
embedded once and reused by every ablation. `align.embed.get_encoder(cache=True)` is the product's cache;
this one only serves `bench/alignment` and lives under `bench/out/` (git-ignored).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Sequence

import numpy as np

from align.embed.base import Encoder

DEFAULT_DB = Path(__file__).resolve().parents[1] / "out" / "vectors.sqlite"


class CachedEncoder(Encoder):
    """Wraps an encoder; texts already in the database are not embedded again."""

    def __init__(self, encoder: Encoder, db_path: Path = DEFAULT_DB):
        self.encoder = encoder
        self.id = encoder.id
        self.dim = encoder.dim
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(db_path), timeout=60)
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, v BLOB)")
        self.requested = 0
        self.embedded = 0
        self.embedded_chars = 0

    def _key(self, text: str) -> str:
        return hashlib.sha1(f"{self.id}\x00{text}".encode()).hexdigest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        self.requested += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            rows = self._db.execute(
                f"SELECT key, v FROM vec WHERE key IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            found.update(rows)
        missing = sorted({k: i for i, k in enumerate(keys) if k not in found}.values())
        if missing:
            vectors = self.encoder.encode([texts[i] for i in missing])
            self.embedded += len(missing)
            self.embedded_chars += sum(len(texts[i]) for i in missing)
            self._db.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?)",
                                 [(keys[i], vectors[j].tobytes()) for j, i in enumerate(missing)])
            self._db.commit()
            for j, i in enumerate(missing):
                found[keys[i]] = vectors[j].tobytes()
        for i, k in enumerate(keys):
            out[i] = np.frombuffer(found[k], dtype=np.float32)
        return out
