"""Part files: one aligned document pair each, kept in the output folder between runs.

A part file is named by a content key: the SHA-256 of both documents' bytes and of every setting that
changes a pair's alignment (encoder id, languages, segmentation rules, aligner settings, align version).
So a build that was killed (Ctrl-C, `kill -9`, a lost worker) finds the pairs it had finished, and a
re-run after adding, changing or removing a few documents aligns only the pairs whose key is new; renaming
a file changes nothing. Each part is written atomically (temporary file, then rename), so a part file
that exists is complete. Parts no longer used by a successful build are removed (`prune`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from align.fileio import atomic_write

PARTS_FOLDER = ".align-parts"
#: What a part file holds; raised when that changes (2: per-bead hesitations for the review), so that
#: parts written by an older align are redone rather than reused.
PART_FORMAT = 2


def file_hash(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes (documents are identified by content, not by name or date)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def alignment_settings(encoder_id: str, src_lang: str, tgt_lang: str, presegmented: bool) -> dict:
    """Every setting that changes the alignment of one pair (the part key's settings half)."""
    from align import __version__
    from align.aligner import AlignParams
    from align.segment import segmentation_settings

    return {"align": __version__, "parts": PART_FORMAT, "encoder": encoder_id, "src_lang": src_lang,
            "tgt_lang": tgt_lang, "aligner": AlignParams().signature_settings(),
            **segmentation_settings(presegmented, src_lang, tgt_lang)}


def part_key(src_hash: str, tgt_hash: str, settings: dict) -> str:
    text = json.dumps({"src": src_hash, "tgt": tgt_hash, "settings": settings}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


class PartStore:
    """The folder of part files of one output folder (`OUT/.align-parts`)."""

    def __init__(self, out_dir: Path):
        self.folder = Path(out_dir) / PARTS_FOLDER

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def save(self, key: str, part: dict) -> None:
        with atomic_write(self.path(key)) as out:
            json.dump(part, out, ensure_ascii=False)

    def load(self, key: str) -> dict:
        with open(self.path(key), encoding="utf-8") as handle:
            return json.load(handle)

    def clean_leftovers(self) -> None:
        """Remove the temporary files of writes a killed run left half done."""
        if self.folder.is_dir():
            for leftover in self.folder.glob(".*.part"):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()

    def prune(self, keep: set[str]) -> int:
        """Remove part files whose key is not in `keep` (documents removed or changed); how many."""
        removed = 0
        for path in self.folder.glob("*.json") if self.folder.is_dir() else ():
            if path.stem not in keep:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
        return removed
