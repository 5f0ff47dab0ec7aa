"""The main text of a web page: menus, cookie banners, breadcrumbs, share buttons, related stories and
footers are not part of the document a translator receives.

readability-lxml (the port of Arc90's Readability, what browsers' reader views grew from) picks the
content block; chosen over trafilatura and jusText by measurement (BENCHMARKS.md, "Real documents in"):
on the bench's pages it kept every paragraph and no chrome, where trafilatura dropped whole paragraphs and
jusText short ones. Readability leaves out the article's `<h1>` (it treats it as the page title), so the
first `<h1>` is put back in front when the extract does not start with it.

A page too small to have chrome (fewer than `MIN_WORDS_FOR_EXTRACTION` words) is read whole, and so is a
page where readability finds nothing.
"""

from __future__ import annotations

import copy
import logging

#: Below this many words a page is a fragment or a bare document, read whole.
MIN_WORDS_FOR_EXTRACTION = 150


def _text(element) -> str:
    return " ".join(element.text_content().split())


def main_content(root):
    """A tree holding only the page's main content (the page itself when it is small or nothing is found)."""
    import lxml.html

    body_text = _text(root)
    if len(body_text.split()) < MIN_WORDS_FOR_EXTRACTION:
        return root
    title = next(iter(root.iter("h1")), None)
    title_text = _text(title) if title is not None else ""
    try:
        from readability import Document

        logging.getLogger("readability.readability").setLevel(logging.ERROR)
        summary = Document(copy.deepcopy(root)).summary(html_partial=True)
        parser = lxml.html.HTMLParser(no_network=True, huge_tree=True, remove_comments=True, remove_pis=True)
        extract = lxml.html.fragment_fromstring(summary, create_parent="div", parser=parser)
    except Exception:  # readability raises assorted errors on odd pages: read the page whole instead
        return root
    extract_text = _text(extract)
    if not extract_text:
        return root
    if title_text and not extract_text.startswith(title_text):
        heading = lxml.html.Element("h1")
        heading.text = title_text
        extract.insert(0, heading)
    return extract
