"""Writing the reviewed translation memory: the machine's beads with every human decision applied.

Rejected beads are left out, beads without counterpart have nothing to translate and are left out too,
and every unit says how a person saw it in `x-review`: `confirmed` (accepted as the machine made it),
`edited` (reshaped or its text corrected), `machine` (nobody looked). Who and when travel along
(`x-reviewer`, `x-reviewed`). The TMX/TSV writers of `align.formats` do the writing: streamed, one
document pair in memory at a time, atomic (a crash leaves the previous file as it was).
"""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path
from typing import Iterator

from align.model import TranslationUnit
from align.review.decisions import Corrected, Decisions
from align.signature import Signature

FORMATS = ("tmx", "tsv")


def reviewed_units(decisions: Decisions, counts: Counter) -> Iterator[TranslationUnit]:
    """One unit per kept bead, pair after pair; `counts` tallies units by review state and the left-out."""
    corpus = decisions.corpus
    for number, pair in enumerate(corpus.pairs):
        state = decisions.state(number, cache=False)
        src, tgt = Corrected(pair.src, state.edits, "src"), Corrected(pair.tgt, state.edits, "tgt")
        for bead in state.beads:
            if bead.status == "rejected" or not bead.src or not bead.tgt:
                counts["rejected" if bead.status == "rejected" else "no counterpart"] += 1
                continue
            counts[bead.status] += 1
            props = {"document": pair.src_name, "bead": _bead_text(bead.src, bead.tgt), "origin": "parallel",
                     "review": bead.status}
            if bead.score is not None:
                props["score"] = f"{bead.score:.4f}"
            if bead.by:
                props["reviewer"], props["reviewed"] = bead.by, bead.at or ""
            yield TranslationUnit(" ".join(src[i] for i in bead.src), " ".join(tgt[j] for j in bead.tgt),
                                  pair.src_lang, pair.tgt_lang, props=props, score=bead.score)


def mined_units(decisions: Decisions, counts: Counter) -> Iterator[TranslationUnit]:
    """The build's mined pairs as it wrote them (they are not reviewed here): `x-review` machine."""
    corpus = decisions.corpus
    for record in corpus.mined:
        counts["machine"] += 1
        props = {"document": record["src"][0][0], "tgt-document": record["tgt"][0][0], "origin": "mined",
                 "margin": f"{record['margin']:.4f}", "review": "machine"}
        yield TranslationUnit(record["source"], record["target"], corpus.src_lang, corpus.tgt_lang, props=props)


def _bead_text(src, tgt) -> str:
    return "[{}]:[{}]".format(", ".join(map(str, src)), ", ".join(map(str, tgt)))


def export(decisions: Decisions, formats: tuple[str, ...] = FORMATS) -> dict:
    """Write `<stem>.tmx` / `<stem>.tsv` into the TM folder; return the files and the unit counts."""
    from align.formats import write_units

    corpus = decisions.corpus
    # the build's settings, under this align's version (Signature adds its own `align` key)
    signature = Signature({**{k: v for k, v in corpus.signature.items() if k != "align"}, "review": "applied"})
    written = {}
    counts: Counter = Counter()
    for name in formats:
        counts = Counter()
        path = Path(corpus.folder) / f"{corpus.export_stem}.{name}"
        units = itertools.chain(reviewed_units(decisions, counts), mined_units(decisions, counts))
        report = write_units(path, units, src_lang=corpus.src_lang, tgt_lang=corpus.tgt_lang,
                             signature=signature, **corpus.write_options)
        written[name] = {"file": path.name, "units": report.written}
    return {"files": written, "counts": dict(counts)}
