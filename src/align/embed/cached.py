"""What every encoder returned by `get_encoder` goes through: dedupe, cache, batches, progress, stats.

The aligner embeds the same strings many times (a sentence, and every run of consecutive sentences it
belongs to; boilerplate repeated across a corpus; the same documents on a re-run). `CachedEncoder`
embeds each distinct text once per call, reads earlier vectors from the `EmbeddingCache`, embeds the
rest in batches (each batch is written to the cache as soon as it is done, so an interrupted run keeps
its work), and shows progress on stderr when there is a lot left to embed (`align.progress`). Texts longer than
`align.limits.ENCODE_CHARS` are cut to it first (with a warning), for every encoder.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from align.embed.base import Encoder
from align.embed.cache import EmbeddingCache, cache_key
from align.embed.text import bounded_texts
from align.errors import AlignWarning
from align.limits import ENCODE_CHARS
from align.progress import Progress

#: Texts per call to the underlying model; also the unit of cache writes and progress updates.
BATCH_SIZE = 256
#: Show progress only when more than this many texts must actually be embedded.
PROGRESS_THRESHOLD = 256


@dataclass
class EncodeStats:
    """Counters over the life of one encoder, so callers can report cache effectiveness.

    `requested` counts every text passed to `encode`; `cache_hits` and `embedded` count distinct texts
    per call, so `requested - cache_hits - embedded` texts were duplicates within a call.
    """

    requested: int = 0
    cache_hits: int = 0
    embedded: int = 0

    @property
    def embedded_fraction(self) -> float:
        """Texts actually embedded per text requested (0.0 when nothing was requested)."""
        return self.embedded / self.requested if self.requested else 0.0


class CachedEncoder(Encoder):
    """Wraps an encoder; same `id`, same vectors, fewer model calls. `cache=None` keeps all but the cache."""

    def __init__(self, inner: Encoder, cache: EmbeddingCache | None = None, progress: bool = True,
                 batch_size: int = BATCH_SIZE):
        self.inner = inner
        self.cache = cache
        self.progress = progress
        self.batch_size = batch_size
        self.stats = EncodeStats()

    @property
    def id(self) -> str:  # type: ignore[override]
        """The model's id; with a non-default text length limit, the limit too (it changes the vectors
        of long texts, so it belongs in every output signature and cache key)."""
        limit = ENCODE_CHARS.value()
        return self.inner.id if limit == ENCODE_CHARS.default else f"{self.inner.id}:max-chars-{limit}"

    @property
    def dim(self) -> int:  # type: ignore[override]
        return self.inner.dim

    @property
    def score_scale(self) -> float:  # type: ignore[override]
        return self.inner.score_scale

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts, shortened = bounded_texts(list(texts))
        if shortened:
            warnings.warn(f"{shortened} text(s) longer than {ENCODE_CHARS.value()} characters were embedded from "
                          f"their first {ENCODE_CHARS.value()} characters (the outputs keep the whole text); "
                          f"raise the limit with the environment variable {ENCODE_CHARS.env}", AlignWarning,
                          stacklevel=2)
        self.stats.requested += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)

        # Distinct texts in first-seen order; `rows` maps every input position to its distinct text.
        index_of: dict[str, int] = {}
        rows = np.fromiter((index_of.setdefault(text, len(index_of)) for text in texts), dtype=np.int64,
                           count=len(texts))
        unique = list(index_of)
        vectors: list[np.ndarray | None] = [None] * len(unique)

        keys = [cache_key(self.id, text) for text in unique] if self.cache is not None else []
        if self.cache is not None:
            found = self.cache.get_many(keys, dim=self.dim, unit_norm=True)
            for i, key in enumerate(keys):
                vector = found.get(key)
                if vector is not None:
                    vectors[i] = vector
            self.stats.cache_hits += len(found)

        missing = [i for i, vector in enumerate(vectors) if vector is None]
        if missing:
            self._embed_missing(unique, keys, missing, vectors)

        table = np.vstack(vectors).astype(np.float32, copy=False)
        return table[rows]

    def _embed_missing(self, unique: list[str], keys: list[bytes], missing: list[int],
                       vectors: list[np.ndarray | None]) -> None:
        shown = Progress(len(missing), f"embedding ({self.id})", "text") if self._shows_progress(len(missing)) else None
        try:
            for start in range(0, len(missing), self.batch_size):
                batch = missing[start:start + self.batch_size]
                embedded = np.asarray(self.inner.encode([unique[i] for i in batch]), dtype=np.float32)
                for row, i in enumerate(batch):
                    vectors[i] = embedded[row]
                if self.cache is not None:
                    self.cache.put_many([keys[i] for i in batch], embedded)
                self.stats.embedded += len(batch)
                if shown is not None:
                    shown.update(len(batch))
        finally:
            if shown is not None:
                shown.close()

    def _shows_progress(self, to_embed: int) -> bool:
        """Progress (a bar on a terminal, plain lines elsewhere) only for long encodes, when wanted."""
        return self.progress and to_embed > PROGRESS_THRESHOLD
