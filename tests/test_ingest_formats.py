"""Each ingest format from a small file the test writes: .docx (python-docx), HTML, PDF (built by hand)."""

from __future__ import annotations

import pytest

from align.errors import InputError
from align.ingest import read_document
from align.segment import load_document


def _check_offsets(doc):
    for paragraph in doc.paragraphs:
        assert doc.text[paragraph.start:paragraph.end].strip() == doc.text[paragraph.start:paragraph.end]
    for segment in doc.segments:
        assert doc.text[segment.start:segment.end] == segment.text


# --- .docx --------------------------------------------------------------------------------------------

@pytest.fixture
def docx_file(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Communiqué conjoint", level=1)
    document.add_paragraph("S.E. M. Taha a présidé la réunion. Il a salué les participants.")
    document.add_paragraph("Demandé au Secrétaire général d'agir ;", style="List Number")
    document.add_paragraph("Décidé de rester saisi de la question.", style="List Number")
    document.add_paragraph("Une puce du Jammu-et-Cachemire", style="List Bullet")
    document.add_paragraph("iv. Numéro romain tapé à la main.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cellule un."
    table.cell(0, 1).text = "Cellule deux."
    path = tmp_path / "communique.docx"
    document.save(path)
    return path


def test_docx_headings_lists_and_tables(docx_file):
    doc = load_document(docx_file, "fr")
    _check_offsets(doc)
    assert doc.format == "docx"
    shape = [(p.kind, p.marker, doc.text[p.start:p.end]) for p in doc.paragraphs]
    assert shape == [
        ("heading", None, "Communiqué conjoint"),
        ("text", None, "S.E. M. Taha a présidé la réunion. Il a salué les participants."),
        ("list-item", "1.", "Demandé au Secrétaire général d'agir ;"),
        ("list-item", "2.", "Décidé de rester saisi de la question."),
        ("list-item", "•", "Une puce du Jammu-et-Cachemire"),
        ("list-item", "iv.", "Numéro romain tapé à la main."),
        ("text", None, "Cellule un."),
        ("text", None, "Cellule deux."),
    ]
    assert doc.segment_texts()[:3] == ["Communiqué conjoint", "S.E. M. Taha a présidé la réunion.",
                                       "Il a salué les participants."]
    assert len(doc.segments) == 9


def test_docx_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("not a word file", encoding="utf-8")
    with pytest.raises(InputError, match=r"fake\.docx: not a readable \.docx"):
        read_document(path)


# --- HTML ---------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="windows-1252"><title>Titre de l'onglet</title>
<style>p { color: red }</style><script>var s = "Ne pas lire. Jamais.";</script></head>
<body><nav><a href="/">Accueil</a> | <a href="/presse">Presse</a></nav>
<h1>Le Groupe de contact&nbsp;: réunion à Genève</h1>
<p>S.E. M. Dupont a <b>présidé</b> la
   réunion. Il a salué   les participants.</p>
<ol start="3"><li>Demandé au Secrétaire général d'agir ;</li><li>Décidé de rester saisi.</li></ol>
<ul><li>Une puce</li></ul>
<div>Adresse<br>Palais des Nations.</div>
</body></html>"""


def test_html_blocks_headings_lists_and_skipped_elements(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("cp1252"))
    doc = load_document(path, "fr")
    _check_offsets(doc)
    assert doc.meta["encoding"] == "windows-1252"
    shape = [(p.kind, p.marker, doc.text[p.start:p.end]) for p in doc.paragraphs]
    assert shape == [
        ("heading", None, "Le Groupe de contact\u00a0: réunion à Genève"),
        ("text", None, "S.E. M. Dupont a présidé la réunion. Il a salué les participants."),
        ("list-item", "3.", "Demandé au Secrétaire général d'agir ;"),
        ("list-item", "4.", "Décidé de rester saisi."),
        ("list-item", "•", "Une puce"),
        ("text", None, "Adresse\nPalais des Nations."),
    ]
    assert "Ne pas lire" not in doc.text and "Accueil" not in doc.text and "color" not in doc.text
    assert doc.segment_texts()[1:3] == ["S.E. M. Dupont a présidé la réunion.", "Il a salué les participants."]
    assert doc.segment_texts()[-2:] == ["Adresse", "Palais des Nations."]


def test_html_list_items_holding_paragraphs_keep_their_number(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text("<ol><li><p>Un point.</p><p>Sa suite.</p></li><li></li><li>Trois.</li></ol>"
                    "<p>Après la liste.</p><h2><span>Titre</span> <em>deux</em></h2>", encoding="utf-8")
    doc = read_document(path)
    assert [(p.kind, p.marker, doc.text[p.start:p.end]) for p in doc.paragraphs] == [
        ("list-item", "1.", "Un point."), ("text", None, "Sa suite."), ("list-item", "3.", "Trois."),
        ("text", None, "Après la liste."), ("heading", None, "Titre deux")]


def test_presegmented_docx_makes_one_segment_per_paragraph(docx_file):
    doc = load_document(docx_file, "fr", presegmented=True)
    assert doc.segment_texts()[:2] == ["Communiqué conjoint",
                                       "S.E. M. Taha a présidé la réunion. Il a salué les participants."]
    assert len(doc.segments) == len(doc.paragraphs) == 8


def test_hostile_html_entities_are_not_expanded(tmp_path):
    path = tmp_path / "evil.htm"
    path.write_text("""<?xml version="1.0"?>
<!DOCTYPE html [
<!ENTITY a "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<html><body><p>Bonjour &c; et &xxe; fin.</p><p>Texte normal.</p></body></html>""", encoding="utf-8")
    doc = read_document(path)
    assert len(doc.text) < 500  # nothing expanded: the text keeps the references as written
    assert "Bonjour &c; et &xxe; fin." in doc.text
    assert doc.text.endswith("Texte normal.")


def test_html_without_text_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>alert(1)</script></head><body><nav>Menu</nav></body></html>")
    with pytest.raises(InputError, match=r"empty\.html: the page holds no text"):
        read_document(path)


# --- PDF ----------------------------------------------------------------------------------------------

def make_pdf(pages: list[list[str | None]]) -> bytes:
    """A minimal valid PDF: Helvetica text, one visual line per entry, None = an empty line (paragraph gap)."""

    def escape(line: str) -> bytes:
        return line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    font_id = 3 + 2 * len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode()]
    for index, lines in enumerate(pages):
        content = b"BT /F1 11 Tf 14 TL 72 740 Td "
        for line in lines:
            content += b"T* " if line is None else b"(" + escape(line) + b") Tj T* "
        content += b"ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * index} 0 R "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_layer_is_unwrapped(tmp_path):
    path = tmp_path / "communique.pdf"
    path.write_bytes(make_pdf([
        ["1. Une réunion du Groupe de contact de l'OCI sur le Jammu-",
         "et-Cachemire s'est tenue à Nouakchott le 16 mars 2023. S.E. M.",
         "Taha a présidé la réunion.",
         None,
         "2. Le Groupe de contact a souligné l'importance du Plan",
         "d'action sur le Jammu-et-Cachemire ;"],
        ["3. Il a remercié la Commission permanente (CPIDH) pour ses",
         "efforts constants."],
    ]))
    doc = load_document(path, "fr")
    _check_offsets(doc)
    assert doc.format == "pdf" and doc.meta["unwrapped"] == "yes"
    assert [p.marker for p in doc.paragraphs] == ["1.", "2.", "3."]
    assert doc.segment_texts() == [
        "Une réunion du Groupe de contact de l'OCI sur le Jammu-et-Cachemire s'est tenue à Nouakchott "
        "le 16 mars 2023.",
        "S.E. M. Taha a présidé la réunion.",
        "Le Groupe de contact a souligné l'importance du Plan d'action sur le Jammu-et-Cachemire ;",
        "Il a remercié la Commission permanente (CPIDH) pour ses efforts constants.",
    ]


def test_pdf_without_text_layer_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[]]))
    with pytest.raises(InputError, match=r"scan\.pdf: the PDF has no text layer"):
        read_document(path)


def test_broken_pdf_is_refused(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    with pytest.raises(InputError, match=r"broken\.pdf"):
        read_document(path)
    path.write_bytes(b"this is not a pdf")
    with pytest.raises(InputError, match=r"broken\.pdf: not a PDF file"):
        read_document(path)
