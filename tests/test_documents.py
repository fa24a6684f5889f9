"""Text extraction and the quarantine reasons for bad files (real files, made here)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from hotlist.pipeline.read.documents import read_document, sha256_of
from hotlist.pipeline.errors import UnreadableDocument, UnsupportedFormat


def make_pdf(path: Path, lines: list[str], **kwargs) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1, **kwargs)
    y = 720
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return path


RESUME_LINES = ["Dana Whitfield", "dana.whitfield@example.com | (512) 555-0199", "Experience", "Data Engineer, Acme"]


def test_reads_text_pdf(tmp_path):
    doc = read_document(make_pdf(tmp_path / "ok.pdf", RESUME_LINES))
    assert doc.kind == "pdf" and doc.pages == 1
    assert "dana.whitfield@example.com" in doc.text


def test_reads_txt_in_cp1252(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes("José Núñez\njose@example.com\n".encode("cp1252"))
    assert "José Núñez" in read_document(path).text


def test_reads_docx_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Priya Raman")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "priya@example.org"
    table.cell(0, 1).text = "Python, SQL"
    path = tmp_path / "cv.docx"
    document.save(str(path))
    text = read_document(path).text
    assert "Priya Raman" in text and "priya@example.org" in text and "Python, SQL" in text


def _truncated(tmp_path):
    good = make_pdf(tmp_path / "src.pdf", RESUME_LINES).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(good[: len(good) // 3])
    return path


def _garbage_pdf(tmp_path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage\xff" * 200)
    return path


def _zip_as_pdf(tmp_path):
    path = tmp_path / "archive.pdf"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return path


def _png_as_pdf(tmp_path):
    path = tmp_path / "photo.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return path


def _html_as_pdf(tmp_path):
    path = tmp_path / "page.pdf"
    path.write_text("<!DOCTYPE html><html><body>Resume</body></html>")
    return path


def _text_as_pdf(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_text("Just some words, not a PDF at all.")
    return path


def _empty(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    return path


def _scanned(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.rect(72, 72, 400, 600, fill=1)  # an image-like page with no text
    pdf.showPage()
    pdf.save()
    return path


def _encrypted(tmp_path):
    return make_pdf(tmp_path / "locked.pdf", RESUME_LINES, encrypt="s3cret")


def _legacy_doc(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return path


def _pdf_named_docx(tmp_path):
    src = make_pdf(tmp_path / "src2.pdf", RESUME_LINES)
    path = tmp_path / "resume.docx"
    path.write_bytes(src.read_bytes())
    return path


@pytest.mark.parametrize(
    ("maker", "expected"),
    [
        (_truncated, "corrupt or truncated PDF"),
        (_garbage_pdf, "corrupt"),
        (_zip_as_pdf, "named .pdf but is a ZIP archive"),
        (_png_as_pdf, "named .pdf but is an image (PNG)"),
        (_html_as_pdf, "named .pdf but is a web page (HTML)"),
        (_text_as_pdf, "named .pdf but is not a PDF"),
        (_empty, "empty file (0 bytes)"),
        (_scanned, "no text layer (scanned image)"),
        (_encrypted, "encrypted PDF (password-protected)"),
        (_legacy_doc, "legacy Word .doc"),
        (_pdf_named_docx, "named .docx but is a PDF"),
    ],
)
def test_bad_files_get_a_readable_reason(tmp_path, maker, expected):
    with pytest.raises(UnreadableDocument) as info:
        read_document(maker(tmp_path))
    assert expected in str(info.value)
    assert ":" in str(info.value), "a reason says what to do after the colon"


def test_unsupported_extension(tmp_path):
    path = tmp_path / "notes.odt"
    path.write_text("x")
    with pytest.raises(UnsupportedFormat, match="unsupported file type '.odt'"):
        read_document(path)


def test_size_limit(tmp_path):
    path = make_pdf(tmp_path / "big.pdf", RESUME_LINES)
    with pytest.raises(UnreadableDocument, match="file too large"):
        read_document(path, max_bytes=100)


def test_sha256_is_content_based(tmp_path):
    a = make_pdf(tmp_path / "a.pdf", RESUME_LINES)
    b = tmp_path / "renamed.pdf"
    b.write_bytes(a.read_bytes())
    assert sha256_of(a) == sha256_of(b)
    assert len(sha256_of(a)) == 64
