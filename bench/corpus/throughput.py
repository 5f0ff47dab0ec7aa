"""Throughput and peak memory of `align build` on a synthetic corpus, against the sum of single-pair runs.

The corpus: the TransRead novels (`../shared/benchmarks/transread_en-fr/BOOK/en|fr` and the gold beads)
cut into small document pairs of `--size` gold beads each, written as .txt files one sentence per line
(hence `--presegmented`): `fr/BOOK-NNN.txt` and `en/BOOK-NNN.txt`, paired by name.

Measured in the same run, on the same machine, with the same embedding cache policy:
  baseline  `align_texts` on each pair in turn (one process, model loaded once): what a user gets by
            looping over the pairs; the sum of the single-pair times.
  build     `align build --jobs N` on the whole corpus (pairing, parallel alignment, mining, TMX, report).
Both start with an empty embedding cache of their own, so both embed every sentence once. Reported:
pairs/s, sentences/s, the ratio build/baseline, and the peak resident memory (ru_maxrss) of each.

    python -m bench.corpus.throughput --pairs 300 --size 12 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import shared_dir

TRANSREAD = shared_dir() / "benchmarks" / "transread_en-fr"


def make_corpus(root: Path, pairs: int, size: int) -> tuple[int, int]:
    """Write `pairs` document pairs of `size` gold beads each; returns (pairs, sentences) written."""
    (root / "fr").mkdir(parents=True)
    (root / "en").mkdir(parents=True)
    written = sentences = 0
    books = sorted(p.name for p in TRANSREAD.iterdir() if p.is_dir())
    cursor = {book: 0 for book in books}
    data = {}
    for book in books:
        en = (TRANSREAD / book / "en").read_text(encoding="utf-8").splitlines()
        fr = (TRANSREAD / book / "fr").read_text(encoding="utf-8").splitlines()
        beads = []
        for line in (TRANSREAD / book / "gold.en-fr").read_text().splitlines():
            left, right = line.split(":")
            beads.append((json.loads(left), json.loads(right)))
        data[book] = (en, fr, beads)
    while written < pairs:
        progressed = False
        for book in books:
            en, fr, beads = data[book]
            start = cursor[book]
            chunk = beads[start:start + size]
            if len(chunk) < size or written >= pairs:
                continue
            cursor[book] = start + size
            en_lines = [en[i] for s, _ in chunk for i in s]
            fr_lines = [fr[j] for _, t in chunk for j in t]
            if not en_lines or not fr_lines:
                continue
            name = f"{book}-{start // size:03d}.txt"
            (root / "fr" / name).write_text("\n".join(fr_lines) + "\n", encoding="utf-8")
            (root / "en" / name).write_text("\n".join(en_lines) + "\n", encoding="utf-8")
            written += 1
            sentences += len(en_lines) + len(fr_lines)
            progressed = True
        if not progressed:
            break
    return written, sentences


BASELINE = r"""
import sys, time, resource
from pathlib import Path
from align.aligner import align_texts
from align.embed import get_encoder
root = Path(sys.argv[1])
encoder = get_encoder(progress=False)
start = time.perf_counter()
for path in sorted((root / "fr").iterdir()):
    src = path.read_text(encoding="utf-8").splitlines()
    tgt = (root / "en" / path.name).read_text(encoding="utf-8").splitlines()
    align_texts(src, tgt, encoder)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(command: list[str], cache: Path) -> tuple[float, str]:
    env = {**os.environ, "ALIGN_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, output


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--size", type=int, default=12, help="gold beads per document pair")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="align-bench-corpus-") as tmp:
        root = Path(tmp)
        pairs, sentences = make_corpus(root / "corpus", args.pairs, args.size)
        # the build first, so that the children's peak RSS (largest process: main or a worker) is its own
        build_s, _ = run([sys.executable, "-m", "align", "build", str(root / "corpus" / "fr"),
                          str(root / "corpus" / "en"), "-o", str(root / "tm"), "--presegmented",
                          "--jobs", str(args.jobs), "--quiet", "--date", "2024-01-01"], root / "cache-build")
        build_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        base_s, base_out = run([sys.executable, "-c", BASELINE, str(root / "corpus")], root / "cache-baseline")
        base_loop_s, base_rss = (float(x) for x in base_out.split())
        units = json.loads((root / "tm" / "corpus-report.json").read_text())["tm"]["tmx"]["units"]
    print(f"corpus: {pairs} document pairs, {sentences} sentences (TransRead, {args.size} gold beads each); "
          f"{os.cpu_count()} cores; --jobs {args.jobs}")
    print("| run | wall s | pairs/s | sentences/s | peak RSS MiB |")
    print("|---|---|---|---|---|")
    print(f"| sum of single-pair runs (align_texts loop, 1 process) | {base_s:.1f} | {pairs / base_s:.2f} "
          f"| {sentences / base_s:.0f} | {base_rss / 1024:.0f} |")
    print(f"| align build --jobs {args.jobs} ({units} units written) | {build_s:.1f} | {pairs / build_s:.2f} "
          f"| {sentences / build_s:.0f} | {build_rss / 1024:.0f} (largest process) |")
    print(f"speed-up build / baseline: {base_s / build_s:.2f}x")


if __name__ == "__main__":
    main()
