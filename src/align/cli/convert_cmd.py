"""`align convert` command(s). Exports `commands`, a list of click commands registered by align.cli."""

from __future__ import annotations

import click

commands: list[click.Command] = []


@click.command("convert")
@click.argument("input_path", metavar="IN", type=click.Path(dir_okay=False))
@click.argument("output_path", metavar="OUT", type=click.Path(dir_okay=False, writable=True))
@click.option("--src-lang", help="Source language to read (picks the pair in a multilingual TMX, reverses a "
                                 "file's direction, or declares a TSV's languages; default: the file's).")
@click.option("--tgt-lang", help="Target language to read (default: the file's; TSV: en).")
@click.option("--lang-style", type=click.Choice(["region", "bare"]), default="region", show_default=True,
              help="Language codes written: fr-FR/en-GB (region) or fr/en (bare).")
@click.option("--keep-null", is_flag=True, help="Keep units with an empty side (skipped by default).")
@click.option("--min-score", type=float, help="Skip units whose alignment score is below this.")
@click.option("--dedupe", is_flag=True, help="Write identical source+target pairs once.")
def convert(input_path, output_path, src_lang, tgt_lang, lang_style, keep_null, min_score, dedupe) -> None:
    """Convert a bilingual file between TMX, TSV and XLIFF 1.2 (format from each file's extension).

    XLIFF 2.x, Trados .sdlxliff and memoQ .mqxliff are read too (never written); inline codes become
    plain text, and unit ids are those the CAT tool shows (`id/mid` for a segment, the `mid` in Trados).

    \b
    Examples:
      align convert corpus.tmx corpus.tsv
      align convert corpus.tmx for-review.xlf --min-score 0.6
      align convert omegat-export.tmx clean.tmx --dedupe --lang-style bare
      align convert pairs.tsv pairs.tmx --src-lang fr --tgt-lang en
      align convert project.docx.sdlxliff project.tmx
    """
    from align.fileio import check_outputs
    from align.formats import read_store, write_units

    check_outputs([input_path], [output_path])
    store = read_store(input_path, src_lang=src_lang, tgt_lang=tgt_lang)
    report = write_units(output_path, store.units, src_lang=store.src_lang, tgt_lang=store.tgt_lang,
                         lang_style=lang_style, keep_null=keep_null, min_score=min_score, dedupe=dedupe)
    click.echo(report.summary(), err=True)
    if store.skipped:
        unread = ", ".join(f"{n} {reason}" for reason, n in sorted(store.skipped.items()))
        click.echo(f"warning: units of {input_path} not read: {unread}", err=True)
    for line in report.warnings():
        click.echo(f"warning: {line}", err=True)


commands.append(convert)
