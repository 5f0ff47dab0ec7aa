"""Boilerplate removers compared on the bench's web pages (run `python -m bench.ingest.run` first).

    python -m bench.ingest.html_extractors

Each extractor's main content goes through the same block walk and segmentation as align's HTML reader;
scores as in `run.py` (clean sentences recovered exactly, chrome segments, other wrong segments).
"""

from __future__ import annotations

from collections import Counter

import lxml.html

from align.ingest.html import blocks_from_tree
from align.ingest.paragraphs import Block, document_from_blocks
from align.segment import segment_document
from bench.ingest.docmaker import clean_sentences
from bench.ingest.run import DOCUMENTS, OUT, ROOT, score


def whole_page(html: str, lang: str) -> list[Block]:
    return blocks_from_tree(lxml.html.document_fromstring(html))


def trafilatura_main(html: str, lang: str, **options) -> list[Block]:
    import trafilatura

    fragment = trafilatura.extract(html, output_format="html", include_tables=True, include_formatting=True,
                                   with_metadata=False, **options) or "<p></p>"
    return blocks_from_tree(lxml.html.document_fromstring(fragment))


def readability_main(html: str, lang: str) -> list[Block]:
    from readability import Document

    fragment = Document(html).summary(html_partial=True)
    return blocks_from_tree(lxml.html.document_fromstring(fragment))


def justext_main(html: str, lang: str) -> list[Block]:
    import justext

    stoplist = justext.get_stoplist({"fr": "French", "en": "English"}[lang])
    return [Block(p.text, kind="heading" if p.is_heading else "text")
            for p in justext.justext(html.encode("utf-8"), stoplist) if not p.is_boilerplate]


def align_main(html: str, lang: str) -> list[Block]:
    """What align's HTML reader uses: readability-lxml, the article's h1 put back."""
    from align.ingest.boilerplate import main_content

    return blocks_from_tree(main_content(lxml.html.document_fromstring(html)))


EXTRACTORS = {
    "whole page (before)": whole_page,
    "trafilatura": trafilatura_main,
    "trafilatura favor_recall": lambda h, l: trafilatura_main(h, l, favor_recall=True),
    "trafilatura favor_precision": lambda h, l: trafilatura_main(h, l, favor_precision=True),
    "readability-lxml": readability_main,
    "jusText": justext_main,
    "readability-lxml + the h1 put back (align)": align_main,
}


def main() -> None:
    print("| extractor | pages | clean sentences | recovered exactly | chrome segments | other wrong segments |")
    print("|---|---|---|---|---|---|")
    for name, extractor in EXTRACTORS.items():
        total = Counter()
        for lang, document in DOCUMENTS:
            gold = clean_sentences(ROOT / "corpora" / lang / document, lang)
            for style in ("semantic", "divs"):
                page = OUT / (f"{lang}-" + document.replace(".txt", f".{style}.html"))
                html = page.read_text(encoding="utf-8")
                doc = document_from_blocks(extractor(html, lang), path=None, lang=lang, format="html", meta={})
                result = score(gold, segment_document(doc, lang).segment_texts(), lang)
                total.update({k: result[k] for k in ("gold", "recovered", "chrome", "other")})
                total["pages"] += 1
        print(f"| {name} | {total['pages']} | {total['gold']} | {total['recovered']} "
              f"({total['recovered'] / total['gold']:.1%}) | {total['chrome']} | {total['other']} |")


if __name__ == "__main__":
    main()
