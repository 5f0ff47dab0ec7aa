"""The document pairs to review, read from what `align build` or `align pair` wrote.

- A TM folder: `corpus-report.json` holds every document pair with all its beads (null beads too), the
  bead texts and scores, the languages and the signature. Each bead's text is its sentences joined by one
  space; a pair record with `src_segments` / `tgt_segments` (lists of sentence texts) is used as is,
  otherwise the sentences of an m:n bead are recovered by re-splitting the joined text (`split_joined`).
- A `.beads` file from `align pair -o x.beads` with the two documents it aligned (`--src`, `--tgt`): the
  documents are segmented again with the same rules, so sentences and indices are exact.

A pair's identity across rebuilds is its two document names plus a hash of each side's sentences, so
decisions survive a rebuild of unchanged documents and go stale, visibly, for changed ones.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import InputError
from align.fileio import read_utf8_text
from align.review.beads import ReviewBead, check_cover

REPORT = "corpus-report.json"


@dataclass
class PairSource:
    """One document pair as the machine aligned it."""

    number: int
    src_name: str
    tgt_name: str
    src: list[str]
    tgt: list[str]
    beads: list[ReviewBead]
    src_lang: str = "fr"
    tgt_lang: str = "en"
    method: str = "pair"
    recovered: int = 0  # m:n beads whose sentences were recovered by re-splitting their joined text
    hesitations: dict = field(default_factory=dict)  # (src, tgt) -> the aligner's {"gap", "fit"} (build only)

    @property
    def src_hash(self) -> str:
        return text_hash(self.src)

    @property
    def tgt_hash(self) -> str:
        return text_hash(self.tgt)


@dataclass
class Corpus:
    """Everything `align review` opened: the pairs, the languages, the build signature, where to export."""

    folder: Path
    pairs: list[PairSource]
    src_lang: str
    tgt_lang: str
    signature: dict = field(default_factory=dict)
    export_stem: str = "corpus.reviewed"
    mined: list[dict] = field(default_factory=list)  # the build's mined pairs (not reviewed here), kept in the TM
    write_options: dict = field(default_factory=dict)  # the build's lang_style, min_score and creation date


def text_hash(sentences: list[str]) -> str:
    return hashlib.sha256("\n".join(sentences).encode("utf-8")).hexdigest()[:16]


_CUT_AFTER = re.compile(r"[.!?…]['\"”»)\]]*$")


def split_joined(text: str, count: int, lang: str) -> list[str]:
    """Recover `count` sentences from their texts joined by single spaces.

    The SRX rules that made them usually cut them again; when they find too few cuts (a heading without a
    full stop), the missing ones are the spaces most likely to be boundaries: where SRX cut, then after end
    punctuation, then before a capital letter, earliest first.
    """
    if count <= 1:
        return [text]
    from align.segment import segment_text

    pieces = segment_text(text, lang)
    if len(pieces) == count and " ".join(pieces) == text:
        return pieces
    srx_cuts, at = set(), -1
    for piece in pieces[:-1]:
        at = text.find(piece, at + 1) + len(piece)
        srx_cuts.add(at)

    def strength(i: int) -> tuple:
        return (-(4 * (i in srx_cuts) + 2 * bool(_CUT_AFTER.search(text[:i]))
                  + (i + 1 < len(text) and text[i + 1].isupper())), i)

    cuts = sorted(sorted((i for i, char in enumerate(text) if char == " "), key=strength)[:count - 1])
    bounds = [-1, *cuts, len(text)]
    parts = [text[a + 1:b] for a, b in zip(bounds, bounds[1:])]
    return parts + [""] * (count - len(parts))


def _side_texts(record: dict, side: str, lang: str) -> tuple[list[str], int]:
    """The sentences of one side of a report pair record, and how many beads needed re-splitting."""
    given = record.get(f"{side}_segments")
    if isinstance(given, list):
        return [str(t) for t in given], 0
    texts, recovered = [], 0
    text_key = "source" if side == "src" else "target"
    for bead in record["beads"]:
        indices = bead[side]
        if len(indices) > 1:
            recovered += 1
        texts.extend(split_joined(bead[text_key], len(indices), lang) if indices else [])
    return texts, recovered


def pair_from_record(number: int, record: dict, src_lang: str, tgt_lang: str) -> PairSource:
    try:
        src, src_recovered = _side_texts(record, "src", src_lang)
        tgt, tgt_recovered = _side_texts(record, "tgt", tgt_lang)
        beads = [ReviewBead(tuple(b["src"]), tuple(b["tgt"]), "machine", float(b["score"])) for b in record["beads"]]
        check_cover(beads, len(src), len(tgt))
        hesitations = {(b.src, b.tgt): {"gap": float(r["gap"]), "fit": float(r["fit"])}
                       for b, r in zip(beads, record["beads"]) if "gap" in r and "fit" in r}
    except (KeyError, TypeError, ValueError, AssertionError) as error:
        raise InputError(f"{REPORT}: document pair {number} ({record.get('src')}) is not usable: {error}") from None
    return PairSource(number, record["src"], record["tgt"], src, tgt, beads, src_lang, tgt_lang,
                      record.get("method", "pair"), src_recovered + tgt_recovered, hesitations)


def open_folder(folder: Path) -> Corpus:
    """The document pairs of a TM folder written by `align build`."""
    path = folder / REPORT
    if not path.is_file():
        raise InputError(f"{folder}: no {REPORT} here; give the folder `align build -o` wrote "
                         "(or a .beads file from `align pair` with --src and --tgt)")
    try:
        report = json.loads(read_utf8_text(path, "build report"))
        src_lang, tgt_lang = report["src_lang"], report["tgt_lang"]
        records = report["pairs"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise InputError(f"{path}: not a build report ({error})") from None
    pairs = [pair_from_record(n, r, src_lang, tgt_lang) for n, r in enumerate(records)]
    write_options = {**(report.get("write") or {}), "creation_date": report.get("date")}
    return Corpus(folder, pairs, src_lang, tgt_lang, report.get("signature") or {}, mined=report.get("mined") or [],
                  write_options={k: v for k, v in write_options.items() if v is not None})


def open_beads(beads_path: Path, src: Path, tgt: Path, src_lang: str, tgt_lang: str,
               presegmented: bool = False, srx: Path | None = None) -> Corpus:
    """One pair from `align pair -o x.beads`, with the two documents it aligned, segmented again as `align
    pair` did (same `presegmented`, same `srx` rules)."""
    from align.formats.beads import read_beads
    from align.segment import load_document

    src_texts = load_document(src, src_lang, presegmented=presegmented, srx=srx).segment_texts()
    tgt_texts = load_document(tgt, tgt_lang, presegmented=presegmented, srx=srx).segment_texts()
    beads = [ReviewBead(b.src, b.tgt, "machine", b.score) for b in read_beads(beads_path)]
    try:
        check_cover(beads, len(src_texts), len(tgt_texts))
    except AssertionError as error:
        raise InputError(f"{beads_path}: does not match {src.name} ({len(src_texts)} sentences) and "
                         f"{tgt.name} ({len(tgt_texts)} sentences): {error}") from None
    pair = PairSource(0, src.name, tgt.name, src_texts, tgt_texts, beads, src_lang, tgt_lang)
    return Corpus(beads_path.parent, [pair], src_lang, tgt_lang, {}, export_stem=f"{beads_path.stem}.reviewed")
