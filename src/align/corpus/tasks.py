"""The per-document and per-pair work of the corpus job, run in worker processes (local or Dask).

Tasks take plain data and return plain data (dicts, lists, strings, numpy arrays), so that they cross
process and machine boundaries unchanged: a document that cannot be read comes back as a `Skipped`
reason string, never as the reader's exception (an lxml error, for one, cannot be pickled and would
abort the whole pool). Each worker process loads an encoder once per setting and keeps it (`_ENCODERS`).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from align.errors import AlignError
from align.threads import limit_process_threads

#: Encoders loaded in this process, by (model, cache, cache_dir, threads); a Dask worker runs tasks on
#: threads, hence the lock.
_ENCODERS: dict[tuple, object] = {}
_LOCK = threading.Lock()
#: How many encoders this process has loaded (the Dask tests check that each worker loads one).
LOADS = {"count": 0}
#: Model threads of this worker process when the build does not set them: its share of the machine's
#: cores, set on each Dask worker by `runners.share_cores` (None: the libraries' own default, all cores).
SHARE = {"threads": None}


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker needs to read, segment, embed and align; the same for every task of a build."""

    model: str
    src_lang: str
    tgt_lang: str
    presegmented: bool
    cache: bool = True
    cache_dir: str | None = None
    threads: int | None = None  # encoder threads per worker process


@dataclass
class PairTask:
    """One document pair to align: relative names (as in the report), paths, how it was paired."""

    src: str
    tgt: str
    src_path: str
    tgt_path: str
    method: str  # "name" | "content"
    confidence: float
    detail: dict = field(default_factory=dict)
    key: str = ""  # content key of its part file (`parts.part_key`)


@dataclass(frozen=True)
class Skipped:
    """A document (or pair) that could not be read, and why: a plain string, safe to pickle."""

    reason: str


def init_process(settings: WorkerSettings) -> None:
    """Process-pool initializer: N worker processes share the cores, so each encoder gets cores / N threads
    (set before torch/faiss are imported in this fresh process, so OpenMP reads it)."""
    if settings.threads:
        limit_process_threads(settings.threads)


def set_share(shares: dict[str, int], dask_worker=None) -> int:
    """Run on each Dask worker (`Client.run` passes `dask_worker`): take this process's share of the
    cores for the model, BLAS and OpenMP (for the libraries loaded later too, through the environment)."""
    threads = shares.get(dask_worker.address) or SHARE["threads"]
    SHARE["threads"] = threads
    limit_process_threads(threads)
    return threads


def encoder_for(settings: WorkerSettings):
    """This process's encoder for `settings`, loaded on first use and kept for the following tasks."""
    threads = settings.threads or SHARE["threads"]
    key = (settings.model, settings.cache, settings.cache_dir, threads)
    with _LOCK:
        if key not in _ENCODERS:
            from align.embed import get_encoder

            _ENCODERS[key] = get_encoder(settings.model, cache=settings.cache, cache_dir=settings.cache_dir,
                                         progress=False, threads=threads)
            LOADS["count"] += 1
        return _ENCODERS[key]


def load_segments(path: str, lang: str, presegmented: bool) -> list[str]:
    """The segment texts of one document (ingest + segmentation); InputError names the file."""
    from pathlib import Path

    from align.segment import load_document

    document = load_document(Path(path), lang, presegmented=presegmented)
    return [segment.text for segment in document.segments]


def read_or_skip(path: str, lang: str, presegmented: bool) -> list[str] | Skipped:
    """`load_segments`, with any failure to read the file turned into a `Skipped` reason.

    Not only InputError: a reader library can fail in its own way on a damaged file (a DOCX whose XML
    is broken raises lxml's XMLSyntaxError), and one bad file must not stop a corpus.
    """
    try:
        return load_segments(path, lang, presegmented)
    except AlignError as error:
        return Skipped(str(error))
    except Exception as error:  # noqa: BLE001 - lxml and zipfile errors have no common base
        return Skipped(f"{os.path.basename(path)}: cannot be read ({type(error).__name__}: {error})")


def embed_document(settings: WorkerSettings, name: str, path: str, lang: str):
    """(name, texts, vectors) of one unpaired document, or `Skipped`."""
    texts = read_or_skip(path, lang, settings.presegmented)
    if isinstance(texts, Skipped):
        return texts
    return name, texts, encoder_for(settings).encode(texts)


def align_pair(settings: WorkerSettings, task: PairTask) -> dict | Skipped:
    """Align one document pair: the content of its part file (segments, beads, the aligner's signature),
    plus `pid` and `loads` (which process did it and how many encoders that process has loaded)."""
    from align.aligner import AlignParams, align_texts

    src = read_or_skip(task.src_path, settings.src_lang, settings.presegmented)
    if isinstance(src, Skipped):
        return src
    tgt = read_or_skip(task.tgt_path, settings.tgt_lang, settings.presegmented)
    if isinstance(tgt, Skipped):
        return tgt
    alignment = align_texts(src, tgt, encoder_for(settings), AlignParams())
    return {"src_segments": src, "tgt_segments": tgt,
            "beads": [[list(b.src), list(b.tgt), round(b.score, 4)] for b in alignment.beads],
            "hesitations": alignment.hesitations,  # per bead, for `align review`'s "needs review" ranking
            "signature": alignment.signature.as_dict(), "pid": os.getpid(), "loads": LOADS["count"]}
