"""The folders of a build: checks made before anything is written, and the staging folder that makes
the outputs appear together.

Refused up front, leaving a previous output untouched: a missing folder, the same folder on both sides,
an output folder equal to or inside a source folder (the next build would read its own TMX and reports
as documents) or a source folder inside the output folder, and French and English folders given the
wrong way round (every document would be refused by the language check and the TM would be empty).

Outputs are written into a hidden staging folder inside the output folder and moved in only when all of
them are complete, so that a reader never sees a new TMX beside an old report. A killed build leaves its
staging folder behind; the next build removes it (or finishes moving it in, if it was complete).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from align.errors import InputError

STAGING_PREFIX = ".align-build-"
COMPLETE_MARK = ".complete"
#: Documents per side read to tell whether the folders are swapped (cheap: no segmentation, no model).
SWAP_SAMPLE = 5


def check_folders(src_dir: Path, tgt_dir: Path, out_dir: Path) -> None:
    """Raise InputError for folders that cannot make a build (see the module docstring)."""
    for folder, role in ((src_dir, "source"), (tgt_dir, "target")):
        if not folder.exists():
            raise InputError(f"{folder}: the {role} folder does not exist")
        if not folder.is_dir():
            raise InputError(f"{folder}: the {role} folder is not a folder")
    src, tgt, out = (Path(os.path.realpath(p)) for p in (src_dir, tgt_dir, out_dir))
    if src == tgt:
        raise InputError(f"{src_dir}: the source and target folders are the same folder")
    if out.exists() and not out.is_dir():
        raise InputError(f"{out_dir}: the output exists and is not a folder")
    for folder, role in ((src, "source"), (tgt, "target")):
        if out == folder or folder in out.parents:
            raise InputError(f"{out_dir}: the output folder is inside the {role} folder {folder}; "
                             "choose an output folder outside the documents")
        if out in folder.parents:
            raise InputError(f"{out_dir}: the output folder contains the {role} folder {folder}; "
                             "choose an output folder outside the documents")


def check_not_swapped(src_paths: list[Path], tgt_paths: list[Path], src_lang: str, tgt_lang: str) -> None:
    """Raise InputError when the source documents read as the target language and the target documents
    as the source language (a few documents per side, function-word profiles of `align.ingest.language`)."""
    if _majority_language(src_paths, src_lang, tgt_lang) == tgt_lang and \
            _majority_language(tgt_paths, src_lang, tgt_lang) == src_lang:
        raise InputError(f"the folders look swapped: the {src_lang} folder holds {tgt_lang} documents and the "
                         f"{tgt_lang} folder {src_lang} ones; give the {src_lang} folder first "
                         f"(or set --src-lang/--tgt-lang)")


def _majority_language(paths: list[Path], *languages: str) -> str | None:
    """The language (of `languages`) most of the sampled documents read as, or None."""
    from align.ingest import read_document
    from align.ingest.language import guess_language

    primaries = {lang.lower().replace("_", "-").split("-")[0]: lang for lang in languages}
    votes: dict[str, int] = {}
    for path in paths[:SWAP_SAMPLE]:
        try:
            guess = guess_language(read_document(path).text)
        except Exception:  # noqa: BLE001 - an unreadable file is reported later, as a skipped row
            continue
        if guess in primaries:
            votes[primaries[guess]] = votes.get(primaries[guess], 0) + 1
    if not votes:
        return None
    best = max(votes, key=votes.get)
    return best if votes[best] * 2 > sum(votes.values()) else None


def clean_leftovers(out_dir: Path, names: list[str]) -> None:
    """Finish or remove what killed builds left: complete staging folders are moved in, others removed,
    and hidden `.part` files of interrupted atomic writes are deleted."""
    if not out_dir.is_dir():
        return
    for staging in sorted(out_dir.glob(f"{STAGING_PREFIX}*")):
        if (staging / COMPLETE_MARK).is_file():
            publish(staging, out_dir, names)
        shutil.rmtree(staging, ignore_errors=True)
    for leftover in out_dir.glob(".*.part"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def new_staging(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))


def publish(staging: Path, out_dir: Path, names: list[str]) -> None:
    """Mark the staging folder complete, then move its outputs into `out_dir` (renames, same file system)."""
    (staging / COMPLETE_MARK).touch()
    for name in names:
        if (staging / name).exists():
            os.replace(staging / name, out_dir / name)
    shutil.rmtree(staging, ignore_errors=True)
