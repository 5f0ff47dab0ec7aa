"""Sentence-boundary F1 per language on real text: align's segmenter (LanguageTool's SRX rules for the
languages without project rules) against pysbd, on hand-checked sentences.

    python -m bench.ingest.sentence_f1

Data: `sentences/<lang>.txt`, one sentence per line, paragraphs separated by blank lines. The sentences
are real ones from the Tatoeba Challenge test sets (Helsinki-NLP/Tatoeba-Challenge, data/test/<pair>/test.txt,
CC-BY 2.0 FR), taken in file order from a fixed offset; lines holding several sentences were split by
hand, lines without final punctuation left out. Each paragraph is joined with spaces (nothing for zh) and
segmented; only the boundaries inside paragraphs count (the paragraph ends are given).
"""

from __future__ import annotations

from pathlib import Path

from align.segment import segment_text

DATA = Path(__file__).parent / "sentences"
LANGUAGES = ("de", "es", "it", "pt", "nl", "ru", "ar", "zh")


def paragraphs(lang: str) -> list[list[str]]:
    blocks = DATA.joinpath(f"{lang}.txt").read_text(encoding="utf-8").split("\n\n")
    return [[line for line in block.splitlines() if line.strip()] for block in blocks if block.strip()]


def _ends(pieces: list[str], text: str) -> set[int]:
    """Offsets in `text` where each piece but the last ends (pieces appear in order)."""
    ends, cursor = set(), 0
    for piece in pieces[:-1]:
        cursor = text.index(piece, cursor) + len(piece)
        ends.add(cursor)
    return ends


def align_splitter(text: str, lang: str) -> list[str]:
    return segment_text(text, lang)


def pysbd_splitter(text: str, lang: str) -> list[str]:
    import pysbd

    return [s.strip() for s in pysbd.Segmenter(language=lang, clean=False).segment(text) if s.strip()]


def score(lang: str, splitter) -> tuple[int, int, int]:
    tp = fp = fn = 0
    joiner = "" if lang == "zh" else " "
    for sentences in paragraphs(lang):
        text = joiner.join(sentences)
        gold, predicted = _ends(sentences, text), _ends(splitter(text, lang), text)
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    return tp, fp, fn


def main() -> None:
    print("| language | sentences | align P | align R | align F1 | pysbd F1 |")
    print("|---|---|---|---|---|---|")
    for lang in LANGUAGES:
        tp, fp, fn = score(lang, align_splitter)
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        try:
            ptp, pfp, pfn = score(lang, pysbd_splitter)
            pf1 = f"{2 * ptp / max(2 * ptp + pfp + pfn, 1):.3f}"
        except (ImportError, ValueError, KeyError):
            pf1 = "n/a"
        count = sum(len(s) for s in paragraphs(lang))
        print(f"| {lang} | {count} | {p:.3f} | {r:.3f} | {f1:.3f} | {pf1} |")


if __name__ == "__main__":
    main()
