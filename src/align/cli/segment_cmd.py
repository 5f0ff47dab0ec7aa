"""`align segment`: show the sentences align will use for a document. Exports `commands`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from align.fileio import atomic_write, check_outputs
from align.segment import load_document


@click.command("segment")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", "-l", required=True, metavar="LANG",
              help="Language of the document (fr, en, de, pt-BR, zh_CN...): the project's rules for fr/en, "
                   "LanguageTool's for the others.")
@click.option("--srx", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="FILE",
              help="Your own SRX 2.0 segmentation rules instead of the built-in ones.")
@click.option("--presegmented", is_flag=True,
              help="The file is already split: one sentence per line, kept exactly as it is.")
@click.option("--format", "-f", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one sentence per line. json: sentences with paragraph, "
                                      "list number and character offsets.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="FILE",
              help="Write to FILE instead of the screen.")
def segment_command(file: Path, lang: str, srx: Path | None, presegmented: bool, output_format: str,
                    output: Path | None) -> None:
    """Split FILE into the sentences that align will pair with their translations.

    FILE can be .txt (any common encoding; text copied from a PDF is re-joined into paragraphs),
    .docx, .html (the article only: no menus, banners or footers) or .pdf (with a text layer; running
    headers, footers and page numbers dropped, columns and hyphenated words repaired). List numbers such
    as "1.", "iv." or "-" stay with their paragraph and are not sentences; headings are sentences of
    their own.

    \b
    Examples:
      align segment communique.fr.txt --lang fr
      align segment communique.fr.pdf --lang fr
      align segment report.docx --lang en --format json -o report.json
      align segment doc.txt --lang fr --srx my-rules.srx
    """
    check_outputs([file, srx], [output])
    doc = load_document(file, lang, presegmented=presegmented, srx=srx)
    if output_format == "json":
        records = []
        for index, segment in enumerate(doc.segments):
            paragraph = doc.paragraphs[segment.paragraph]
            records.append({"index": index, "text": segment.text, "paragraph": segment.paragraph,
                            "kind": paragraph.kind, "marker": paragraph.marker,
                            "start": segment.start, "end": segment.end})
        payload = {"file": str(file), "lang": lang, "format": doc.format, "meta": doc.meta,
                   "paragraphs": len(doc.paragraphs), "segments": records}
        rendered = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    else:
        rendered = "".join(" ".join(segment.text.split("\n")) + "\n" for segment in doc.segments)
    if output is None:
        click.echo(rendered, nl=False)
    else:
        with atomic_write(output) as handle:
            handle.write(rendered)


commands: list[click.Command] = [segment_command]
