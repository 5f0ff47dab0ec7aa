"""Sentence-boundary precision/recall/F1 against one-sentence-per-line gold files (Vecalign/Bertalign format).

The gold files of the alignment benchmarks are tokenised (`l' esprit , dit-il .`); they are detokenised,
each line that does not end a sentence (titles such as `COMBRAY`) is kept as a paragraph of its own, and
the other lines are joined into one running paragraph that the segmenter must split again. Only the
boundaries inside running paragraphs count: the others are given away by the paragraph breaks.

    python -m align.segment.evaluate --lang fr BENCH/transread_en-fr/*/fr
    python -m align.segment.evaluate --lang fr --srx other.srx BENCH/transread_en-fr/*/fr
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from align.segment import segment_text

_ENDS_SENTENCE = re.compile(r"[.!?…][\"»”’')\]]*$")


def _attach(out: list[str], token: str) -> None:
    """Glue `token` to the previous word (or start the line with it)."""
    if out:
        out[-1] += token
    else:
        out.append(token)


def detokenise(line: str, lang: str) -> str:
    """Undo the benchmark tokenisation well enough for a segmenter (spaces around punctuation, quotes)."""
    tokens = line.split()
    out: list[str] = []
    open_quote = False
    glue_next = False
    no_space_before = {",", ".", ")", "]", "...", "…", "%"} | ({";", ":", "!", "?"} if lang != "fr" else set())
    for token in tokens:
        if token == '"':
            if open_quote:
                _attach(out, token)
            else:
                out.append(token)
                glue_next = True
            open_quote = not open_quote
            continue
        if glue_next or (out and (token in no_space_before or token.startswith("'") and lang == "en"
                                  or token == "n't")) or (out and out[-1].endswith(("'", "’", "(", "["))):
            _attach(out, token)
        else:
            out.append(token)
        glue_next = False
    return " ".join(out)


def gold_paragraphs(path: Path, lang: str) -> list[list[str]]:
    """Runs of gold sentences to join; a line without final punctuation is a run of its own."""
    runs: list[list[str]] = [[]]
    for raw in path.read_text(encoding="utf-8").splitlines():
        sentence = detokenise(raw, lang)
        if not sentence:
            continue
        if _ENDS_SENTENCE.search(sentence):
            runs[-1].append(sentence)
        else:
            runs.append([sentence])
            runs.append([])
    return [run for run in runs if run]


def boundary_counts(path: Path, lang: str, srx: Path | None) -> tuple[int, int, int]:
    """(true positives, predicted boundaries, gold boundaries) inside the running paragraphs of one file."""
    true_positive = predicted = gold = 0
    for run in gold_paragraphs(path, lang):
        text = " ".join(run)
        gold_ends, offset = set(), 0
        for sentence in run[:-1]:
            offset += len(sentence)
            gold_ends.add(offset)
            offset += 1
        found_ends, cursor = set(), 0
        for segment in segment_text(text, lang, srx=srx)[:-1]:
            cursor = text.index(segment, cursor) + len(segment)
            found_ends.add(cursor)
        true_positive += len(gold_ends & found_ends)
        predicted += len(found_ends)
        gold += len(gold_ends)
    return true_positive, predicted, gold


@click.command()
@click.option("--lang", required=True)
@click.option("--srx", type=click.Path(path_type=Path, dir_okay=False), default=None)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False, exists=True), required=True)
def main(lang: str, srx: Path | None, files: tuple[Path, ...]) -> None:
    """Print boundary P/R/F1 per file and over all files."""
    totals = [0, 0, 0]
    for path in files:
        counts = boundary_counts(path, lang, srx)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        click.echo(f"{path}\t" + _format(*counts))
    click.echo("ALL\t" + _format(*totals))


def _format(true_positive: int, predicted: int, gold: int) -> str:
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P={precision:.3f} R={recall:.3f} F1={f1:.3f} (gold {gold}, found {predicted})"


if __name__ == "__main__":
    sys.exit(main())
