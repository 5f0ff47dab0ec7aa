"""`align qa` command(s). Exports `commands`, a list of click commands registered by align.cli."""

from __future__ import annotations

import sys

import click

from align.qa.reports import FORMATS


@click.command("qa")
@click.argument("input_path", metavar="IN", type=click.Path(dir_okay=False, path_type=str))
@click.option("--glossary", "glossary_path", type=click.Path(dir_okay=False), default=None,
              help="Glossary (.csv or .tbx): required and forbidden renderings of source terms.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file (default: standard output).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="TOML file: per-check severity, `enabled = false`, options ([checks.ID] tables).")
@click.option("--accept", "accept_path", type=click.Path(dir_okay=False), default=None,
              help="Accepted findings: TSV `unit<TAB>check[<TAB>target_hash]` lines, or a JSON report.")
@click.option("--src-lang", default=None,
              help="Source language when the file names none (TSV/CSV default fr, PO default en), or to pick a TMX pair.")
@click.option("--tgt-lang", default=None, help="Target language when the file names none (TSV/CSV default en).")
@click.option("--extract-terms", is_flag=True,
              help="Kept for old scripts: term consistency by word alignment is now on by default "
                   "(turn it off with `word_alignment = false` for term-inconsistency in the config).")
def qa(input_path, glossary_path, fmt, output, config_path, accept_path, src_lang, tgt_lang, extract_terms):
    """Check every unit of a bilingual file for translation errors.

    Files: PO/POT (gettext), XLIFF 1.2 (also .sdlxliff, .mqxliff) and 2.x, TMX, TSV, CSV. Findings name
    the file's own unit id (PO msgctxt|msgid, XLIFF trans-unit id, TMX tuid) and line.

    \b
    Exit status: 0 no error-severity finding, 1 errors found, 2 unusable input.
    Errors (measured as nearly always real): placeholders, lost tags, changed URLs and e-mails, numbers
    written in digits on both sides that differ, unbalanced brackets, untranslated sentences, empty
    targets, glossary terms. Warnings: typography (French spacing by variety), whitespace, code and paths,
    accelerators, line breaks, repeated words, term consistency. Info: the rest. `[[rules]]` in the
    config add regular-expression checks of your own. A glossary written the other way round is inverted.
    """
    from pathlib import Path

    from align.errors import InputError
    from align.fileio import atomic_write, check_outputs
    from align.qa.sources import read_qa_units
    from align.qa.config import load_config
    from align.qa.reports import render
    from align.qa.runner import run_qa
    from align.qa.suppress import load_accepted

    check_outputs([input_path, glossary_path, config_path, accept_path], [output])
    config = load_config(config_path)
    accepted = load_accepted(accept_path)
    if not Path(input_path).is_file():
        raise InputError(f"{input_path}: no such file")
    units = read_qa_units(input_path, src_lang=src_lang, tgt_lang=tgt_lang)
    if not units:
        raise InputError(f"{input_path}: no translation units found")
    glossary = None
    if glossary_path is not None:
        from align.glossary import read_glossary
        from align.qa.glossary_direction import orient

        glossary, notice = orient(read_glossary(glossary_path), units, glossary_path,
                                  languages_known=not glossary_path.lower().endswith(".csv"))
        if notice:
            click.echo(f"align: notice: {notice}", err=True)
    result = run_qa(units, glossary=glossary, config=config, accepted=accepted,
                    use_extractor=extract_terms, source_name=Path(input_path).name)
    if output:
        with atomic_write(output, "w", encoding="utf-8") as handle:
            handle.write(render(result, fmt))
    else:
        click.echo(render(result, fmt, color=fmt == "text" and sys.stdout.isatty()), nl=False)
    sys.exit(1 if result.has_errors else 0)


commands: list[click.Command] = [qa]
