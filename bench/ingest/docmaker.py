"""Real documents out of clean text, the way they reach translators: PDFs typeset by LibreOffice and by
pdflatex (running header, page-number footer, justified and hyphenated text, one or two columns) and web
pages with a news site's chrome (menu, cookie banner, breadcrumbs, share links, related stories, footer).

The clean text is a corpus `.txt` read by align's own text reader (its paragraphs, headings and list
numbers); `clean_sentences` is what a perfect reader would give. Used by `bench.ingest.run` and the tests.
"""

from __future__ import annotations

import html
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from align.ingest import read_document
from align.segment import segment_document


@dataclass
class Source:
    """A document's clean paragraphs: (kind, text) with kind "heading" or "text" (list numbers included)."""

    name: str
    lang: str
    paragraphs: list[tuple[str, str]]


def clean_source(path: Path, lang: str) -> Source:
    doc = read_document(path, lang=lang)
    paragraphs = []
    for paragraph in doc.paragraphs:
        body = doc.text[paragraph.start:paragraph.end].replace("\n", " ")
        text = f"{paragraph.marker} {body}" if paragraph.marker and paragraph.marker != "•" else body
        paragraphs.append(("heading" if paragraph.kind == "heading" else "text", text))
    return Source(path.stem, lang, paragraphs)


def clean_sentences(path: Path, lang: str) -> list[str]:
    return segment_document(read_document(path, lang=lang), lang).segment_texts()


# ------------------------------------------------------------------ LibreOffice (flat ODT -> PDF)

#: Running headers and footers as agencies print them; `{n}` is the page number, `{total}` the count.
FURNITURE = {
    "fr": ("Nations Unies · Communiqué de presse · Couverture des réunions", "Page {n} sur {total}"),
    "en": ("United Nations · Press Release · Meetings Coverage", "Page {n} of {total}"),
}

_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties fo:language="{lang}" fo:country="{country}"
  fo:font-size="10pt" style:font-name="Liberation Serif"/></style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"
  fo:margin-bottom="0.15cm" fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center"
  fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Furniture" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="8pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="Small"><style:page-layout-properties fo:page-width="12.5cm" fo:page-height="17.6cm"
  fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1.4cm" fo:margin-right="1.4cm">{columns}
  </style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Small">
 <style:header><text:p text:style-name="Furniture">{header}</text:p></style:header>
 <style:footer><text:p text:style-name="Furniture">{footer}</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
"""


def write_fodt(source: Source, path: Path, *, columns: int = 1) -> None:
    header, footer = FURNITURE[source.lang]
    footer = html.escape(footer).replace("{n}", '<text:page-number text:select-page="current"/>').replace(
        "{total}", "<text:page-count/>")
    styles = {"heading": "Title", "text": "Body"}
    body = "\n".join(f'<text:p text:style-name="{styles[kind]}">{html.escape(text)}</text:p>'
                     for kind, text in source.paragraphs)
    column_xml = (f'<style:columns fo:column-count="{columns}" fo:column-gap="0.6cm"/>' if columns > 1 else "")
    country = {"fr": "FR", "en": "US"}[source.lang]
    path.write_text(_FODT.format(lang=source.lang, country=country, columns=column_xml, header=html.escape(header),
                                 footer=footer, body=body), encoding="utf-8")


def libreoffice_pdfs(documents: list[Path], out_dir: Path) -> None:
    """Convert documents to PDF in one LibreOffice run (a fresh profile, so no user setting leaks in)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), *map(str, documents)],
                       check=True, capture_output=True, timeout=600)


# ------------------------------------------------------------------ pdflatex

_LATEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                   "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in text)


def write_latex(source: Source, path: Path, *, twocolumn: bool = False) -> None:
    """An article on A5 paper: fancyhdr running header, a bare page number as footer (LaTeX's own style), the
    first heading as \\title."""
    header = FURNITURE[source.lang][0]
    paragraphs = list(source.paragraphs)
    title = paragraphs.pop(0)[1] if paragraphs and paragraphs[0][0] == "heading" else None
    furniture = rf"\chead{{\small {_latex_escape(header)}}}\cfoot{{\small\thepage}}"
    lines = [rf"\documentclass[10pt,a5paper{',twocolumn' if twocolumn else ''}]{{article}}",
             r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}", r"\usepackage{lmodern}",
             r"\usepackage{textcomp}", r"\usepackage[margin=1.5cm]{geometry}", r"\usepackage{fancyhdr}",
             r"\pagestyle{fancy}\fancyhf{}", furniture,
             r"\fancypagestyle{plain}{\fancyhf{}" + furniture + "}",
             r"\begin{document}"]
    if title:
        lines[-1:] = [rf"\title{{{_latex_escape(title)}}}", r"\date{}", r"\begin{document}", r"\maketitle"]
    for kind, text in paragraphs:
        lines.append(rf"\section*{{{_latex_escape(text)}}}" if kind == "heading" else _latex_escape(text) + "\n")
    lines.append(r"\end{document}")
    path.write_text("\n".join(lines), encoding="utf-8")


def pdflatex(tex: Path) -> Path:
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tex.parent,
                   check=True, capture_output=True, timeout=300)
    return tex.with_suffix(".pdf")


# ------------------------------------------------------------------ web pages

SITE_CHROME = {
    "fr": {"site": "ONU Info", "nav": ["Accueil", "Paix et sécurité", "Droits de l'homme", "Climat", "Santé"],
           "cookies": "Ce site utilise des cookies pour améliorer votre expérience. En poursuivant votre navigation, "
                      "vous acceptez leur utilisation.", "accept": "Accepter",
           "crumbs": ["Accueil", "Actualités", "Paix et sécurité"], "share": ["Partager", "Facebook", "Twitter",
                                                                             "Courriel", "Imprimer"],
           "related": "Sur le même sujet",
           "stories": ["Le Conseil de sécurité se réunit sur la situation au Moyen-Orient",
                       "Le Secrétaire général salue l'accord de paix au Soudan du Sud"],
           "footer": ["© Nations Unies 2019", "Conditions d'utilisation", "Confidentialité", "Contact"],
           "newsletter": "Abonnez-vous à notre lettre d'information quotidienne."},
    "en": {"site": "UN News", "nav": ["Home", "Peace and Security", "Human Rights", "Climate Change", "Health"],
           "cookies": "This site uses cookies to improve your experience. By continuing to browse, you agree to "
                      "their use.", "accept": "Accept",
           "crumbs": ["Home", "News", "Peace and Security"], "share": ["Share", "Facebook", "Twitter", "Email",
                                                                      "Print"],
           "related": "Related stories", "stories": ["Security Council meets on the situation in the Middle East",
                                                     "Secretary-General welcomes South Sudan peace agreement"],
           "footer": ["© United Nations 2019", "Terms of use", "Privacy notice", "Contact us"],
           "newsletter": "Subscribe to our daily newsletter."},
}


def chrome_strings(lang: str) -> list[str]:
    """Every piece of site chrome put around the article: a segment holding one of them is chrome."""
    chrome = SITE_CHROME[lang]
    return [chrome["site"], *chrome["nav"], chrome["cookies"], chrome["accept"], chrome["related"],
            *chrome["stories"], *chrome["share"], *chrome["footer"], chrome["newsletter"]]


def web_page(source: Source, style: str = "semantic") -> str:
    """A news-site article page around the clean text, with the chrome real sites carry: `semantic` marks
    it up with header/nav/main/article/aside/footer, `divs` as older sites do, with classed divs only."""
    c = SITE_CHROME[source.lang]
    e = html.escape
    paragraphs = list(source.paragraphs)
    title = paragraphs.pop(0)[1] if paragraphs and paragraphs[0][0] == "heading" else None
    body = []
    for kind, text in paragraphs:
        if kind == "heading":
            body.append(f"<h2>{e(text)}</h2>")
        else:
            body.append(f"<p>{e(text)}</p>")
    nav = "".join(f'<li><a href="/{i}">{e(item)}</a></li>' for i, item in enumerate(c["nav"]))
    crumbs = " › ".join(f'<a href="/{i}">{e(item)}</a>' for i, item in enumerate(c["crumbs"]))
    share = "".join(f'<li><a class="share" href="#s{i}">{e(item)}</a></li>' for i, item in enumerate(c["share"]))
    stories = "".join(f'<li><a href="/story/{i}"><h3>{e(s)}</h3></a><span class="date">2019-02-{10 + i}</span></li>'
                      for i, s in enumerate(c["stories"]))
    footer = "".join(f"<li><a href='/f{i}'>{e(item)}</a></li>" for i, item in enumerate(c["footer"][1:]))
    page = f"""<!DOCTYPE html>
<html lang="{source.lang}"><head><meta charset="utf-8"><title>{e(title or source.name)} | {e(c['site'])}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:auto}}
.cookie{{position:fixed;bottom:0;background:#eee;padding:1em}}
nav ul, .share-bar ul, footer ul{{display:flex;gap:1em;list-style:none}}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script></head>
<body>
<div class="cookie" id="cookie-banner"><p>{e(c['cookies'])}</p><a class="btn" href="#ok">{e(c['accept'])}</a></div>
<header class="site-header"><div class="logo"><a href="/">{e(c['site'])}</a></div>
<nav><ul>{nav}</ul></nav></header>
<div class="breadcrumb">{crumbs}</div>
<main><article>
{f"<h1>{e(title)}</h1>" if title else ""}
<div class="share-bar"><ul>{share}</ul></div>
<div class="article-body">
{chr(10).join(body)}
</div>
</article>
<aside class="related"><h2>{e(c['related'])}</h2><ul>{stories}</ul></aside>
<div class="newsletter"><p>{e(c['newsletter'])}</p></div>
</main>
<footer><p>{e(c['footer'][0])}</p><ul>{footer}</ul></footer>
</body></html>
"""
    if style == "divs":
        for tag in ("header", "nav", "main", "article", "aside", "footer"):
            page = page.replace(f"<{tag}>", f'<div class="{tag}-area">').replace(f"<{tag} ", "<div ")
            page = page.replace(f"</{tag}>", "</div>")
    return page
