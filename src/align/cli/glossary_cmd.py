"""`align glossary` command(s). Exports `commands`, a list of click commands registered by align.cli."""

from __future__ import annotations

from collections import Counter

import click

commands: list[click.Command] = []


@click.command("glossary")
@click.argument("input_path", metavar="IN", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output_path", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Glossary to write: .csv (source,target,status,frequency,score,example) or .tbx.")
@click.option("--min-frequency", type=click.IntRange(min=1), default=2, show_default=True,
              help="Units in which a term pair must be found.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.3, show_default=True,
              help="Lowest association score (Dice over units) kept.")
@click.option("--tbx-version", type=click.Choice(["2", "3"]), default="3", show_default=True,
              help="TBX flavour: 3 = ISO 30042:2019 TBX-Basic <tbx>, 2 = <martif> (older CAT tools).")
@click.option("--category", "categories", multiple=True, type=click.Choice(["term", "name", "copy"]),
              help="Write only these categories (repeatable): `term` gives the domain terms a terminologist "
                   "reviews, without proper names and copies. Default: all three.")
@click.option("--src-lang", help="Source language (default: the file's; TSV: fr).")
@click.option("--tgt-lang", help="Target language (default: the file's; TSV: en).")
def glossary(input_path, output_path, min_frequency, min_score, tbx_version, categories, src_lang, tgt_lang) -> None:
    """Propose bilingual term pairs from a TMX, TSV or XLIFF file.

    Acronym pairs (JCIOI -> IIOJK) with their expansions, multi-word terms (Groupe de contact -> Contact
    Group) and single words the file uses far more than general language does (fichier -> file), each
    with its frequency (distinct units), an association score, a category (term, name, copy) and an
    example unit. Every row is a `candidate`: `align qa --glossary` ignores it until a
    person sets its status (preferred, admitted, forbidden). Rows are ranked for review: domain terms
    first, then proper names, then copies. The same input always gives the same file.

    \b
    Examples:
      align glossary tm/corpus.tmx -o terms.csv
      align glossary tm/corpus.tmx -o terms.tbx --min-frequency 3
      align glossary pairs.tsv -o terms.tbx --tbx-version 2
      align glossary tm/corpus.tmx -o domain.csv --category term
    """
    from align.errors import InputError
    from align.fileio import check_outputs
    from align.formats import read_store
    from align.glossary import extract_terms, write_glossary
    from align.glossary.extract import TermSettings
    from align.glossary.io import check_glossary_path

    check_outputs([input_path], [output_path])
    check_glossary_path(output_path)  # before the work, not after
    store = read_store(input_path, src_lang=src_lang, tgt_lang=tgt_lang)
    units = [unit for unit in store.units if unit.source.strip() and unit.target.strip()]
    if not units:
        raise InputError(f"{input_path}: no translation unit with both a source and a target")
    click.echo(f"extracting terms from {len(units)} units (word alignment)...", err=True)
    result = extract_terms(units, TermSettings(store.src_lang, store.tgt_lang, min_frequency=min_frequency,
                                               min_score=min_score))
    counts = Counter(pair.category or "term" for pair in result.pairs)
    if categories:
        result.pairs = [pair for pair in result.pairs if (pair.category or "term") in categories]
    cleaned = write_glossary(output_path, result, tbx_version=int(tbx_version))
    if cleaned:
        click.echo(f"align: warning: {cleaned} texts held characters XML cannot hold (control characters "
                   f"such as U+0001); they were left out of {output_path}", err=True)
    written = f" ({len(result.pairs)} written: {', '.join(categories)})" if categories else ""
    click.echo(f"{sum(counts.values())} candidate term pairs ({counts['term']} terms, {counts['name']} names, "
               f"{counts['copy']} copies) from {len(units)} units{written} -> {output_path}", err=True)


commands.append(glossary)
