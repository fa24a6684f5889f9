"""Unicode normalisation and phones read in the resume's own region (issue 14), on generated documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from hotlist.pipeline.parse.contacts import find_phones
from hotlist.pipeline.parse.fields import normalise_text, parse_fields
from hotlist.pipeline.parse.regions import country_signals
from hotlist.pipeline.parse.resume import parse_file


def test_ligatures_and_lookalikes_are_normalised():
    assert normalise_text("Ja\ufb00ery Cli\ufb00ord\nja\ufb00ery.cli\ufb00ord@example.com") == \
        "Jaffery Clifford\njaffery.clifford@example.com"
    assert normalise_text("O\ufb03ce \ufb01le \ufb02ow") == "Office file flow"
    assert normalise_text("a\u200bb\u00adc \u2011 d\u2212e") == "abc - d-e"
    assert normalise_text("plain ascii") == "plain ascii"


def test_an_email_with_a_ligature_is_found():
    r = parse_fields("Ste\ufb00i Nolan\nste\ufb00i.nolan@example.com\n")
    assert r.emails == ["steffi.nolan@example.com"] and r.name == "Steffi Nolan"


def _ligature_pdf(path: Path) -> Path | None:
    font = next((p for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",) if Path(p).exists()), None)
    if font is None:
        return None
    pdfmetrics.registerFont(TTFont("DejaVu", font))
    c = canvas.Canvas(str(path), pagesize=LETTER)
    c.setFont("DejaVu", 11)
    for i, line in enumerate(["Ra\ufb00aella Sta\ufb00ord", "ra\ufb00aella@example.com", "(415)\u00b7555\u00b70182"]):
        c.drawString(72, 720 - 16 * i, line)
    c.save()
    return path


def test_a_latex_style_pdf_with_ligatures_and_middle_dots(tmp_path):
    path = _ligature_pdf(tmp_path / "cv.pdf")
    if path is None:
        pytest.skip("no Unicode TrueType font on this machine")
    r = parse_file(path, skill_nlp=None, use_ner=False).resume
    assert r.name == "Raffaella Stafford" and r.emails == ["raffaella@example.com"] and r.phones == ["+14155550182"]


@pytest.mark.parametrize("text", ["(415)\u00b7555\u00b70182", "(415) \u00b7 555 \u00b7 0182", "415\u2022555\u20220182"])
def test_phones_with_middle_dots(text):
    assert find_phones(f"Phone: {text}") == ["+14155550182"]


@pytest.mark.parametrize("header,phone,want", [
    ("Singapore 520123", "9123 4567", "+6591234567"),
    ("Dhaka, Bangladesh", "01712-345678", "+8801712345678"),
    ("Lima, Perú", "Celular: 987654321", "+51987654321"),
    ("Pune, Maharashtra", "Mobile: 98220 12345", "+919822012345"),
    ("Hanoi, Vietnam", "0912 345 678", "+84912345678"),
])
def test_local_numbers_read_in_the_resume_country(header, phone, want):
    assert parse_fields(f"Alex Morgan\n{header}\n{phone}\nalex@example.com\n").phones == [want]


def test_country_signals():
    assert country_signals("Mira Sol\nmira@unmsm.edu.pe\n987654321") == ["PE"]
    assert country_signals("Tom Ray\nWork: +44 20 7946 0958\nMobile 07700 900123")[0] == "GB"
    assert country_signals("Sam Lee\nsam@example.com") == []


def test_a_country_domain_alone_finds_the_region():
    r = parse_fields("Mira Sol\nmira.sol@uni.edu.pe\n987654321\n")
    assert r.phones == ["+51987654321"]


def test_an_unassigned_number_grouped_as_the_region_writes_it():
    # "(123) 456-7890" is not a valid US number, but it is what the candidate wrote in the header
    assert find_phones("Jo Bell | jo@example.com | (123) 456-7890") == ["+11234567890"]
    assert find_phones("Mobile: 98765 43210") == []  # not grouped as a US number
    assert find_phones("(123) 456-7890", allow_possible=False) == []
