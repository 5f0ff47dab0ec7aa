"""The `align` command line: a thin layer over the library (everything it does can be done from Python).

Each concern has its own module that exports `commands`, a list of click commands:
    segment_cmd  `align segment`            (ingest + segmentation)
    pair_cmd     `align pair`, `align eval` (sentence alignment and its scorer)
    convert_cmd  `align convert`            (TMX / TSV / XLIFF)
    build_cmd    `align build`, `align mine` (the corpus job)
    glossary_cmd `align glossary`
    qa_cmd       `align qa`
    search_cmd   `align search`             (concordance)
    review_cmd   `align review`             (the browser review workbench)
"""

from __future__ import annotations

import sys

import click

from align import __version__
from align.cli import build_cmd, convert_cmd, glossary_cmd, pair_cmd, qa_cmd, review_cmd, search_cmd, segment_cmd
from align.errors import AlignError


class _AlignGroup(click.Group):
    """Turns the library's user-facing errors into one clear line and an exit code, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AlignError as error:
            click.echo(f"align: error: {error}", err=True)
            sys.exit(error.exit_code)


@click.group(cls=_AlignGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="align")
def cli() -> None:
    """Turn French documents and their English translations into an aligned translation memory.

    \b
    Typical use:
      align build corpora/fr corpora/en -o tm/     folders of documents -> TMX + report
      align pair doc.fr.txt doc.en.txt -o doc.tmx  one document pair
      align segment doc.txt --lang fr              see the sentences align will use
      align glossary tm/corpus.tmx -o terms.csv    bilingual term candidates
      align qa delivery.tmx --glossary terms.csv   check a translation (exit 1 on errors)

    Run `align COMMAND --help` for the options of each command.
    """


for _module in (segment_cmd, pair_cmd, convert_cmd, build_cmd, glossary_cmd, qa_cmd, review_cmd, search_cmd):
    for _command in _module.commands:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="align")
