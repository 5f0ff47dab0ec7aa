"""Web pages as they are published: the article's text without the site's chrome, structure kept, deep
nesting read to the end."""

from __future__ import annotations

import pytest

from align.ingest import read_document
from align.segment import load_document
from bench.ingest.docmaker import SITE_CHROME, chrome_strings, clean_sentences, clean_source, web_page
from conftest import CORPUS

UN_NEWS_EN = CORPUS / "en" / "un-news-2019-10-29-ohchr-indian-administered-kashmir.txt"
STATEMENT_FR = CORPUS / "fr" / "un-sgsm19696-2019-08-08-jk-retenue-maximale.txt"


@pytest.mark.parametrize("style", ["semantic", "divs"])
@pytest.mark.parametrize("path, lang", [(UN_NEWS_EN, "en"), (STATEMENT_FR, "fr")])
def test_news_page_gives_the_article_and_no_chrome(tmp_path, path, lang, style):
    """Menu, cookie banner, breadcrumbs, share links, related stories, newsletter and footer all go, marked
    up with HTML5 landmarks or with classed divs only; the article's title and every sentence stay."""
    page = tmp_path / "article.html"
    page.write_text(web_page(clean_source(path, lang), style), encoding="utf-8")
    segments = load_document(page, lang).segment_texts()
    assert segments == clean_sentences(path, lang)
    chrome = chrome_strings(lang)  # menu items (`Human Rights`) may be words of the text too: whole segments
    assert not [s for s in segments if s in chrome or "©" in s or SITE_CHROME[lang]["cookies"] in s]


ARTICLE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Communiqué | ONU Info</title></head>
<body><header><a href="/">ONU Info</a><nav><ul><li><a href="/a">Accueil</a></li><li><a href="/b">Climat</a></li>
</ul></nav></header><div class="cookie-banner">Ce site utilise des cookies. <a href="#">Accepter</a></div>
<main><article><h1>Le Groupe de contact se réunit à Genève</h1>
<p>Le Groupe de contact de l'OCI sur le Jammu-et-Cachemire s'est réuni le 3 mars à Genève, en marge de la
session du Conseil des droits de l'homme, sous la présidence du Secrétaire général adjoint.</p>
<h2>Les décisions du Groupe</h2>
<p>Après un long débat, les ministres ont adopté une déclaration commune qui rappelle les résolutions
pertinentes du Conseil de sécurité et appelle au respect des droits fondamentaux de la population.</p>
<ol><li>Demande la levée immédiate des restrictions imposées aux communications dans la région concernée ;</li>
<li>Décide de rester activement saisi de la question et de se réunir de nouveau en septembre prochain.</li></ol>
<ul><li>Une mission d'établissement des faits sera envoyée dès que les autorités l'autoriseront.</li></ul>
<p>Les participants ont également entendu les représentants de la société civile, qui ont décrit la situation
humanitaire sur le terrain et demandé un accès sans entrave pour les organisations internationales.</p>
</article><aside><h2>Sur le même sujet</h2>
<ul><li><a href="/x">Le Conseil de sécurité se réunit</a></li></ul></aside>
</main><footer>© Nations Unies 2019 · <a href="/c">Conditions</a></footer></body></html>"""


def test_headings_and_list_items_keep_their_structure(tmp_path):
    page = tmp_path / "article.html"
    page.write_text(ARTICLE, encoding="utf-8")
    doc = read_document(page, lang="fr")
    shape = [(p.kind, p.marker, doc.text[p.start:p.end][:30]) for p in doc.paragraphs]
    assert shape == [
        ("heading", None, "Le Groupe de contact se réunit"),
        ("text", None, "Le Groupe de contact de l'OCI "),
        ("heading", None, "Les décisions du Groupe"),
        ("text", None, "Après un long débat, les minis"),
        ("list-item", "1.", "Demande la levée immédiate des"),
        ("list-item", "2.", "Décide de rester activement sa"),
        ("list-item", "•", "Une mission d'établissement de"),
        ("text", None, "Les participants ont également"),
    ]


@pytest.mark.parametrize("depth", [300, 3000])
def test_text_nested_deeper_than_255_levels_is_kept(tmp_path, depth):
    """libxml2 stops at 255 levels unless told otherwise, and a recursive walk stops at Python's limit."""
    page = tmp_path / "deep.html"
    page.write_text("<html><body><p>Avant le bloc.</p>" + "<div>" * depth + "<p>Au fond du bloc.</p>"
                    + "</div>" * depth + "<p>Après le bloc.</p></body></html>", encoding="utf-8")
    assert load_document(page, "fr").segment_texts() == ["Avant le bloc.", "Au fond du bloc.", "Après le bloc."]
