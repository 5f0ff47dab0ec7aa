"""The PDF reader on real PDFs typeset in the test by LibreOffice and pdflatex from corpus documents, and
PDFs that must be refused (a scan, an encrypted file, a cut or garbled file, a decompression bomb)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import cli
from align.errors import InputError
from align.ingest import read_document
from align.ingest.furniture import is_page_number
from align.ingest.hyphenation import HyphenJudge
from align.segment import load_document
from bench.ingest.docmaker import (FURNITURE, clean_sentences, clean_source, libreoffice_pdfs, pdflatex,
                                   write_fodt, write_latex)
from conftest import CORPUS

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")

NOUAKCHOTT = CORPUS / "fr" / "oic-cg-jk-2023-03-16-nouakchott-communique.txt"  # 6 small pages, lists
STATEMENT = CORPUS / "fr" / "un-sgsm19696-2019-08-08-jk-retenue-maximale.txt"  # one page, a title
PULWAMA = "un-news-2019-02-19-sg-india-pakistan-pulwama.txt"


@pytest.fixture(scope="module")
def office_pdfs(tmp_path_factory) -> dict[str, Path]:
    """LibreOffice PDFs: small pages, running header, `Page N sur M` footer, justified, hyphenated."""
    out = tmp_path_factory.mktemp("office")
    documents = {}
    for key, path, lang, columns in (("nouakchott-1col", NOUAKCHOTT, "fr", 1), ("nouakchott-2col", NOUAKCHOTT, "fr", 2),
                                     ("pulwama-fr", CORPUS / "fr" / PULWAMA, "fr", 1)):
        fodt = out / f"{key}.fodt"
        write_fodt(clean_source(path, lang), fodt, columns=columns)
        documents[key] = fodt
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    libreoffice_pdfs(list(documents.values()), out)
    return {key: fodt.with_suffix(".pdf") for key, fodt in documents.items()}


def _texts(path: Path, lang: str = "fr") -> list[str]:
    return load_document(path, lang).segment_texts()


@needs_libreoffice
def test_office_pdf_gives_the_clean_sentences(office_pdfs):
    """Header, page numbers, justification spaces and line-end hyphens leave no trace; paragraphs that run
    over a page break come out whole; list numbers stay markers."""
    gold = clean_sentences(NOUAKCHOTT, "fr")
    segments = _texts(office_pdfs["nouakchott-1col"])
    assert segments == gold
    doc = read_document(office_pdfs["nouakchott-1col"], lang="fr")
    assert int(doc.meta["pages"]) >= 4 and int(doc.meta["furniture_lines"]) >= 2 * int(doc.meta["pages"])
    assert "i." in [p.marker for p in doc.paragraphs]


@needs_libreoffice
def test_two_column_office_pdf_reads_column_by_column(office_pdfs):
    gold = clean_sentences(NOUAKCHOTT, "fr")
    segments = _texts(office_pdfs["nouakchott-2col"])
    found = sum(1 for sentence in gold if sentence in segments)
    assert found >= 0.97 * len(gold)
    header, footer = FURNITURE["fr"]
    assert not [s for s in segments if header in s or "Page " in s or "  " in s]


@needs_pdflatex
def test_latex_title_columns_and_page_numbers(tmp_path):
    """pdflatex twocolumn with a fancyhdr header: the title words in order, every sentence, no furniture."""
    tex = tmp_path / "statement.tex"
    write_latex(clean_source(STATEMENT, "fr"), tex, twocolumn=True)
    segments = _texts(pdflatex(tex))
    typeset = [s.replace("'", "’") for s in clean_sentences(STATEMENT, "fr")]  # LaTeX prints ' as ’
    assert segments == typeset
    assert segments[0] == "Jammu-et-Cachemire: le Secrétaire général lance un appel à la retenue maximale"


@needs_libreoffice
def test_align_pair_on_a_pdf_matches_the_gold_alignment(office_pdfs, tmp_path):
    """The PDF of the French news story against the English text: the same beads as from the clean text."""
    out = tmp_path / "pulwama.beads"
    result = CliRunner().invoke(cli, ["pair", str(office_pdfs["pulwama-fr"]), str(CORPUS / "en" / PULWAMA),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    gold = Path(__file__).resolve().parents[1] / "examples" / "pulwama.gold.beads"
    assert out.read_text().split() == gold.read_text().split()


def test_page_numbers_in_common_forms():
    for text in ("3", "- 3 -", "– 12 –", "Page 3", "page 3 of 10", "Page 3 sur 10", "p. 7", "3/10", "iv", "(5)"):
        assert is_page_number(text), text
    for text in ("2019", "1.", "Page d'accueil", "3 mars 2023", "Article 3"):
        assert not is_page_number(text), text


def test_hyphen_repair_keeps_compounds():
    judge = HyphenJudge("Le Jammu-et-Cachemire et la MINUSMA.", "fr")
    assert judge.join("le communi-", "quée de presse") == "le communiquée de presse"
    assert judge.join("multi-", "dimensionnelle") == "multidimensionnelle"
    assert judge.join("rétablis-", "sement") == "rétablissement"
    assert judge.join("la MI-", "NUSMA") == "la MINUSMA"
    assert judge.join("Jam-", "mu-et-Cachemire") == "Jammu-et-Cachemire"
    for head, tail in (("au Jammu-", "et-Cachemire"), ("le Secrétaire-", "général"), ("un attentat-", "suicide"),
                       ("le porte-", "parole"), ("un cessez-", "le-feu"), ("le G-", "20")):
        assert judge.join(head, tail) == head + tail


# --- PDFs that must be refused: one line, exit 2, nothing written ------------------------------------------


def _refused(path: Path, tmp_path: Path, message: str) -> None:
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(cli, ["segment", str(path), "--lang", "fr", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("align: error: ")
    assert message in result.output and "Traceback" not in result.output
    assert not out.exists()
    with pytest.raises(InputError):
        read_document(path)


@needs_pdflatex
def test_scanned_pdf_without_text_layer(tmp_path):
    """A page rendered to an image and put back into a PDF: what a scanner makes."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    tex = tmp_path / "text.tex"
    write_latex(clean_source(STATEMENT, "fr"), tex)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdflatex(tex)), str(tmp_path / "page")],
                   check=True)
    scan = tmp_path / "scan.tex"
    scan.write_text(r"\documentclass{article}\usepackage{graphicx}\pagestyle{empty}\begin{document}"
                    r"\includegraphics[width=\textwidth]{page.png}\end{document}")
    _refused(pdflatex(scan), tmp_path, "the PDF has no text layer (a scan?)")


@needs_libreoffice
def test_password_protected_pdf(tmp_path):
    fodt = tmp_path / "secret.fodt"
    write_fodt(clean_source(STATEMENT, "fr"), fodt)
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", options,
                        "--outdir", str(tmp_path), str(fodt)], check=True, capture_output=True, timeout=300)
    _refused(fodt.with_suffix(".pdf"), tmp_path, "the PDF is encrypted")


@needs_libreoffice
def test_cut_and_garbled_pdfs(office_pdfs, tmp_path):
    data = office_pdfs["pulwama-fr"].read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    _refused(cut, tmp_path, "the PDF is cut short")
    garbled = tmp_path / "garbled.pdf"
    garbled.write_bytes(data[:20] + bytes(range(256)) * 40 + b"\n%%EOF\n")
    out = CliRunner().invoke(cli, ["segment", str(garbled), "--lang", "fr"])
    assert out.exit_code == 2 and out.output.startswith("align: error: garbled.pdf: ")


def _bomb(path: Path, inflated_mib: int) -> None:
    """A valid one-page PDF whose content stream is `inflated_mib` MiB of spaces, compressed to ~1/1000."""
    squeezer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(squeezer.compress(chunk) for _ in range(inflated_mib)) + squeezer.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(body)


def test_pdf_that_inflates_hugely_hits_the_size_limit(tmp_path):
    bomb = tmp_path / "bomb.pdf"
    _bomb(bomb, 600)
    assert bomb.stat().st_size < 2_000_000
    _refused(bomb, tmp_path, "inflate past 512 MiB")
