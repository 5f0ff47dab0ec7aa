"""`align search`: a concordance of a translation memory for scripts and terminologists.

Exports `commands`, a list of click commands registered by align.cli.
"""

from __future__ import annotations

import json
import sys

import click

commands: list[click.Command] = []


@click.command("search")
@click.argument("input_path", metavar="TM", type=click.Path(dir_okay=False))
@click.argument("query")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Search only the side in this language (default: both).")
@click.option("--fuzzy", is_flag=True, help="Also find approximate matches (rapidfuzz partial ratio).")
@click.option("--min-score", type=click.FloatRange(0, 100), default=85.0, show_default=True,
              help="Lowest fuzzy score (0-100) kept with --fuzzy.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--src-lang", help="Source language (default: the file's; TSV: fr).")
@click.option("--tgt-lang", help="Target language (default: the file's; TSV: en).")
def search(input_path, query, lang, fuzzy, min_score, fmt, src_lang, tgt_lang) -> None:
    """Every unit whose source or target contains QUERY, matches highlighted.

    Matching ignores case and diacritics (`etat` finds `État`); --fuzzy also finds spellings close to
    the query (`Jammu & Kashmir` for `Jammu and Kashmir`). JSON gives the match offsets per side.

    \b
    Examples:
      align search tm/corpus.tmx "Groupe de contact"
      align search tm/corpus.tmx kashmir --lang en --format json
      align search tm/corpus.tmx "Jamu and Kashmir" --fuzzy
    """
    from align.errors import ConfigError
    from align.formats import read_store
    from align.glossary.search import search_units

    if not query.strip():
        raise ConfigError("the query is empty")
    store = read_store(input_path, src_lang=src_lang, tgt_lang=tgt_lang)
    sides = None if lang is None else [side for side, code in (("source", store.src_lang), ("target", store.tgt_lang))
                                       if code.split("-")[0].lower() == lang]
    if sides == []:
        raise ConfigError(f"--lang {lang}: {input_path} is {store.src_lang} -> {store.tgt_lang}")
    hits = search_units(store.units, query, sides=sides, fuzzy=fuzzy, min_score=min_score)
    if fmt == "json":
        click.echo(json.dumps([hit.as_dict() for hit in hits], ensure_ascii=False, indent=1))
    else:
        color = sys.stdout.isatty()
        for hit in hits:
            click.echo(f"[{hit.position}] {hit.highlighted('source', color)}")
            click.echo(f"{' ' * (len(str(hit.position)) + 3)}{hit.highlighted('target', color)}")
    click.echo(f"{len(hits)} units match", err=True)


commands.append(search)
