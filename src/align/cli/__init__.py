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

import csv
import sys
import warnings
import zipfile
import zlib

import click
from lxml import etree

from align import __version__
from align.cli import build_cmd, convert_cmd, glossary_cmd, pair_cmd, qa_cmd, review_cmd, search_cmd, segment_cmd
from align.errors import AlignError, AlignWarning


class _AlignGroup(click.Group):
    """The one error boundary: a user-facing error, an OS error (unreadable file, read-only folder, full
    disk) or a parser/encoding/resource failure that slipped past a reader becomes one line
    `align: error: ...` and exit 2, never a traceback. `AlignWarning`s print as `align: warning: ...`."""

    def invoke(self, ctx: click.Context):
        with warnings.catch_warnings():
            warnings.simplefilter("always", AlignWarning)
            warnings.showwarning = _show_warning
            try:
                return super().invoke(ctx)
            except AlignError as error:
                _fail(str(error), error.exit_code)
            except OSError as error:
                _fail(_os_error_text(error), 2)
            except (UnicodeError, MemoryError, RecursionError, zipfile.BadZipFile, zlib.error, csv.Error,
                    etree.LxmlError) as error:
                _fail(f"cannot process the input ({type(error).__name__}: {_first_line(error)})", 2)


def _fail(message: str, code: int) -> None:
    click.echo(f"align: error: {message}", err=True)
    sys.exit(code)


def _os_error_text(error: OSError) -> str:
    reason = error.strerror or _first_line(error) or type(error).__name__
    return f"{error.filename}: {reason}" if error.filename else reason


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else ""


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    if issubclass(category, AlignWarning):
        click.echo(f"align: warning: {message}", err=True)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


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
