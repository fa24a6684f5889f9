"""Layout-aware PDF text on real PDFs made here with reportlab: columns, sidebars, tables, fonts, scans.

The builders are imported by the other ``test_parse_*`` modules.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from hotlist.pipeline.read.documents import read_document
from hotlist.pipeline.errors import UnreadableDocument
from hotlist.pipeline.read.pdf_layout import TextLine, _repair, is_fragmented, order_lines, read_pdf_layout
from hotlist.pipeline.parse.resume import parse_file

AS_OF = date(2024, 6, 1)
WIDTH, HEIGHT = letter


def _lines(pdf: canvas.Canvas, x: float, y: float, rows: list[tuple[str, float, str]], step: float = 14) -> float:
    """Draw ``(font, size, text)`` rows downwards from ``y``; an empty text is a blank row."""
    for font, size, text in rows:
        if text:
            pdf.setFont(font, size)
            pdf.drawString(x, y, text)
        y -= step
    return y


SIDEBAR = [
    ("Helvetica-Bold", 11, "CONTACT"),
    ("Helvetica", 9, "priya.raman@example.com"),
    ("Helvetica", 9, "(512) 555-0187"),
    ("Helvetica", 9, "Austin, TX"),
    ("Helvetica", 9, "linkedin.com/in/priyaraman"),
    ("Helvetica", 9, ""),
    ("Helvetica-Bold", 11, "SKILLS"),
    ("Helvetica", 9, "Python"),
    ("Helvetica", 9, "Apache Spark"),
    ("Helvetica", 9, "Airflow"),
    ("Helvetica", 9, ""),
    ("Helvetica-Bold", 11, "LANGUAGES"),
    ("Helvetica", 9, "English"),
    ("Helvetica", 9, "Tamil"),
    ("Helvetica", 9, ""),
    ("Helvetica-Bold", 11, "CERTIFICATIONS"),
    ("Helvetica", 9, "AWS Certified Data Engineer"),
]
MAIN = [
    ("Helvetica-Bold", 12, "EXPERIENCE"),
    ("Helvetica-Bold", 10, "Senior Data Engineer, Northwind Analytics"),
    ("Helvetica", 10, "Mar 2020 - Present"),
    ("Helvetica", 10, "• Built streaming pipelines for 40 retail clients"),
    ("Helvetica", 10, "• Cut warehouse costs by a third"),
    ("Helvetica-Bold", 10, "Data Engineer, Bluebird Retail Inc."),
    ("Helvetica", 10, "Jun 2016 - Feb 2020"),
    ("Helvetica", 10, "• Owned the nightly batch jobs"),
    ("Helvetica", 10, ""),
    ("Helvetica-Bold", 12, "EDUCATION"),
    ("Helvetica", 10, "M.S. in Computer Science, Lakeshore University, 2016"),
]


def two_column_pdf(path: Path, *, sidebar_left: bool = True) -> Path:
    """A sidebar (contact, skills, languages, certifications) beside the main column; rows share baselines."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    side_x, main_x = (40, 230) if sidebar_left else (420, 40)
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawString(main_x, 740, "Priya Raman")
    pdf.setFont("Helvetica", 11)
    pdf.drawString(main_x, 722, "Senior Data Engineer")
    _lines(pdf, side_x, 690, SIDEBAR)
    _lines(pdf, main_x, 690, MAIN)
    pdf.showPage()
    pdf.save()
    return path


def header_band_pdf(path: Path) -> Path:
    """A full-width name and contact band over two columns (main left, narrow sidebar right)."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawCentredString(WIDTH / 2, 740, "Marcus Bellamy")
    pdf.setFont("Helvetica", 10)
    pdf.drawCentredString(WIDTH / 2, 722, "marcus.bellamy@example.org  |  +1 614 555 0199  |  Columbus, OH  |  github.com/mbellamy")
    _lines(pdf, 40, 690, [
        ("Helvetica-Bold", 12, "WORK EXPERIENCE"),
        ("Helvetica-Bold", 10, "Registered Nurse, Mercy Hospital"),
        ("Helvetica", 10, "Aug 2018 - Present"),
        ("Helvetica", 10, "• Cared for 6 patients a shift on a cardiac step-down unit"),
        ("Helvetica-Bold", 10, "Nursing Assistant, Riverside Clinic"),
        ("Helvetica", 10, "May 2015 - Jul 2018"),
        ("Helvetica", 10, "• Took vital signs and charted in Epic"),
    ], step=15)
    _lines(pdf, 430, 688, [
        ("Helvetica-Bold", 11, "EDUCATION"),
        ("Helvetica", 9, "BSN, Nursing"),
        ("Helvetica", 9, "Ohio State University"),
        ("Helvetica", 9, "2018"),
        ("Helvetica", 9, ""),
        ("Helvetica-Bold", 11, "LICENSES"),
        ("Helvetica", 9, "BLS, American Heart Association"),
    ], step=13)
    pdf.showPage()
    pdf.save()
    return path


def right_dates_pdf(path: Path) -> Path:
    """One column whose dates and places are set at the right margin on the header's row."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setFont("Times-Bold", 20)
    pdf.drawString(72, 740, "Daniel Reyes")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(72, 724, "daniel.reyes@example.com  •  (213) 555-0128  •  Los Angeles, CA")
    y = 690
    pdf.setFont("Times-Bold", 12)
    pdf.drawString(72, y, "EXPERIENCE")
    for title, dates, place, bullet in [
        ("Backend Engineer, Kestrel Cloud", "Jan 2019 – Present", "Los Angeles, CA", "Built the billing API in Go"),
        ("Software Engineer, Quillfeather Media", "Jul 2015 – Dec 2018", "Pasadena, CA", "Moved the CMS to PostgreSQL"),
    ]:
        y -= 18
        pdf.setFont("Times-Bold", 10)
        pdf.drawString(72, y, title)
        pdf.setFont("Times-Roman", 10)
        pdf.drawRightString(WIDTH - 72, y, dates)
        y -= 13
        pdf.drawString(72, y, place)
        y -= 13
        pdf.drawString(84, y, f"• {bullet}")
    y -= 26
    pdf.setFont("Times-Bold", 12)
    pdf.drawString(72, y, "EDUCATION")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(72, y - 16, "B.S. in Computer Science, Pacific Coast University")
    pdf.drawRightString(WIDTH - 72, y - 16, "2015")
    pdf.showPage()
    pdf.save()
    return path


def table_pdf(path: Path) -> Path:
    """Work history and education in ruled tables (reportlab platypus)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 9)])
    story = [
        Paragraph("Aisha Rahman", styles["Title"]),
        Paragraph("aisha.rahman@example.net | +44 20 7946 0321 | London, UK", styles["Normal"]),
        Spacer(1, 12),
        Paragraph("PROFESSIONAL EXPERIENCE", styles["Heading2"]),
        Table([["Product Manager, Harbor Bank", "Apr 2021 - Present"],
               ["Business Analyst, Tidewater Insurance Ltd", "Sep 2017 - Mar 2021"]], colWidths=[300, 150], style=grid),
        Paragraph("EDUCATION", styles["Heading2"]),
        Table([["MBA, Finance", "London Business School", "2017"],
               ["B.A. in Economics", "University of Leeds", "2014"]], colWidths=[150, 200, 100], style=grid),
        Paragraph("LANGUAGES", styles["Heading2"]),
        Paragraph("English (native), Arabic (fluent), French (basic)", styles["Normal"]),
    ]
    SimpleDocTemplate(str(path), pagesize=letter, invariant=1).build(story)
    return path


def fonts_pdf(path: Path) -> Path:
    """An embedded Type 1 display font, an embedded TrueType font, Courier, Times, ZapfDingbats bullets,
    letter-spaced headings, rotated text and text inside a form XObject (a figure)."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont("Vera", os.path.join(fonts, "Vera.ttf")))
    face = pdfmetrics.EmbeddedType1Face(os.path.join(fonts, "DarkGardenMK.afm"), os.path.join(fonts, "DarkGardenMK.pfb"))
    pdfmetrics.registerTypeFace(face)
    pdfmetrics.registerFont(pdfmetrics.Font("DarkGardenMK", "DarkGardenMK", "WinAnsiEncoding"))
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setFont("DarkGardenMK", 26)
    pdf.drawString(72, 720, "Oliver Grant")
    pdf.setFont("Vera", 10)
    pdf.drawString(72, 700, "oliver.grant@example.com | +1 303 555 0142 | Denver, CO")
    heading = pdf.beginText(72, 670)
    heading.setFont("Helvetica-Bold", 12)
    heading.setCharSpace(4)
    heading.textOut("EXPERIENCE")
    heading.setCharSpace(0)
    pdf.drawText(heading)
    pdf.setFont("Courier", 10)
    pdf.drawString(72, 652, "Site Reliability Engineer, Cobalt Systems    2019 - 2023")
    pdf.setFont("ZapfDingbats", 8)
    pdf.drawString(72, 638, "l")
    pdf.setFont("Times-BoldItalic", 10)
    pdf.drawString(84, 638, "Ran the on-call rota for 30 services")
    pdf.beginForm("education")
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 600, "EDUCATION")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 584, "B.Sc. in Physics, Front Range College, 2019")
    pdf.endForm()
    pdf.doForm("education")
    pdf.saveState()
    pdf.translate(30, 300)
    pdf.rotate(90)
    pdf.setFont("Helvetica", 14)
    pdf.drawString(0, 0, "PORTFOLIO")
    pdf.restoreState()
    pdf.showPage()
    pdf.save()
    return path


def scanned_pdf(path: Path) -> Path:
    """A page that is only a picture of a resume (an image, no text layer)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    for y in range(40, 760, 24):
        draw.rectangle([40, y, 40 + (y * 7) % 480, y + 10], fill="black")  # lines of "text"
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.drawImage(ImageReader(image), 0, 0, WIDTH, HEIGHT)
    pdf.showPage()
    pdf.save()
    return path


def empty_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.showPage()
    pdf.save()
    return path


def _parse(path: Path):
    outcome = parse_file(path, skill_nlp=None, as_of=AS_OF)
    assert outcome.resume is not None, outcome.reason
    return outcome, outcome.resume


def _rows(entries):
    return [(e.title, e.employer, e.start, e.end, e.current) for e in entries]


# --- reading order --------------------------------------------------------------------------------


@pytest.mark.parametrize("sidebar_left", [True, False], ids=["sidebar-left", "sidebar-right"])
def test_two_columns_are_read_one_after_the_other(tmp_path, sidebar_left):
    path = two_column_pdf(tmp_path / "two.pdf", sidebar_left=sidebar_left)
    doc = read_document(path)
    lines = [ln for ln in doc.text.splitlines() if ln.strip()]
    assert "columns" in doc.flags
    assert lines[0] == "Priya Raman", "the column that starts with the name is read first"
    assert doc.headline[0] == "Priya Raman"
    # the main column's entries are contiguous: no sidebar word in between
    start = lines.index("Senior Data Engineer, Northwind Analytics")
    assert lines[start : start + 3] == [
        "Senior Data Engineer, Northwind Analytics", "Mar 2020 - Present", "• Built streaming pipelines for 40 retail clients",
    ]
    assert lines.index("SKILLS") < lines.index("Python") < lines.index("Apache Spark")


def test_two_columns_every_field(tmp_path):
    outcome, r = _parse(two_column_pdf(tmp_path / "two.pdf"))
    assert outcome.status == "ok" and outcome.kind == "pdf"
    assert r.name == "Priya Raman"
    assert r.emails == ["priya.raman@example.com"]
    assert r.phones == ["+15125550187"]
    assert r.links == ["https://linkedin.com/in/priyaraman"]
    assert r.location == "Austin, TX"
    assert _rows(r.experience) == [
        ("Senior Data Engineer", "Northwind Analytics", "2020-03", None, True),
        ("Data Engineer", "Bluebird Retail Inc.", "2016-06", "2020-02", False),
    ]
    assert [(e.degree, e.field, e.school, e.year) for e in r.education] == [
        ("M.S.", "Computer Science", "Lakeshore University", 2016)]
    assert r.languages == ["English", "Tamil"]
    assert r.certifications == ["AWS Certified Data Engineer"]
    assert r.years_experience == 8.1  # Jun 2016 – Jun 2024, both months counted: 97 months
    assert r.quality is not None and r.quality >= 0.8
    assert set(r.confidence) >= {"name", "emails", "phones", "location", "experience", "education"}


def test_full_width_header_over_two_columns(tmp_path):
    outcome, r = _parse(header_band_pdf(tmp_path / "band.pdf"))
    lines = [ln for ln in r.text.splitlines() if ln.strip()]
    assert lines[0] == "Marcus Bellamy"
    assert lines.index("Registered Nurse, Mercy Hospital") + 1 == lines.index("Aug 2018 - Present")
    assert (r.name, r.emails, r.phones, r.location) == (
        "Marcus Bellamy", ["marcus.bellamy@example.org"], ["+16145550199"], "Columbus, OH")
    assert r.links == ["https://github.com/mbellamy"]
    assert _rows(r.experience) == [
        ("Registered Nurse", "Mercy Hospital", "2018-08", None, True),
        ("Nursing Assistant", "Riverside Clinic", "2015-05", "2018-07", False),
    ]
    assert [(e.degree, e.school, e.year) for e in r.education] == [("BSN", "Ohio State University", 2018)]
    assert r.certifications == ["BLS"]


def test_dates_at_the_right_margin_stay_on_their_row(tmp_path):
    doc = read_document(right_dates_pdf(tmp_path / "rows.pdf"))
    assert "columns" not in doc.flags
    assert "Backend Engineer, Kestrel Cloud   Jan 2019 – Present" in doc.text.splitlines()
    outcome, r = _parse(tmp_path / "rows.pdf")
    assert _rows(r.experience) == [
        ("Backend Engineer", "Kestrel Cloud", "2019-01", None, True),
        ("Software Engineer", "Quillfeather Media", "2015-07", "2018-12", False),
    ]
    assert [e.location for e in r.experience] == ["Los Angeles, CA", "Pasadena, CA"]
    assert [(e.degree, e.school, e.year) for e in r.education] == [("B.S.", "Pacific Coast University", 2015)]
    assert (r.name, r.phones, r.location) == ("Daniel Reyes", ["+12135550128"], "Los Angeles, CA")


def test_tables_keep_their_rows(tmp_path):
    doc = read_document(table_pdf(tmp_path / "tables.pdf"))
    assert "Product Manager, Harbor Bank   Apr 2021 - Present" in doc.text.splitlines()
    outcome, r = _parse(tmp_path / "tables.pdf")
    assert r.name == "Aisha Rahman" and r.phones == ["+442079460321"] and r.location == "London, UK"
    assert _rows(r.experience) == [
        ("Product Manager", "Harbor Bank", "2021-04", None, True),
        ("Business Analyst", "Tidewater Insurance Ltd", "2017-09", "2021-03", False),
    ]
    assert [(e.degree, e.school, e.year) for e in r.education] == [
        ("MBA", "London Business School", 2017), ("B.A.", "University of Leeds", 2014)]
    assert r.languages == ["English", "Arabic", "French"]


def test_unusual_fonts_figures_and_rotated_text(tmp_path):
    doc = read_document(fonts_pdf(tmp_path / "fonts.pdf"))
    assert doc.headline[0] == "Oliver Grant"  # an embedded Type 1 display font, the largest text
    assert "rotated_text" in doc.flags and "PORTFOLIO" in doc.text.splitlines()
    assert "EXPERIENCE" in doc.text.splitlines()  # letter-spaced: read as the word, from the glyph gaps
    assert "B.Sc. in Physics, Front Range College, 2019" in doc.text  # drawn inside a form XObject
    outcome, r = _parse(tmp_path / "fonts.pdf")
    assert (r.name, r.emails, r.phones, r.location) == (
        "Oliver Grant", ["oliver.grant@example.com"], ["+13035550142"], "Denver, CO")
    assert _rows(r.experience) == [("Site Reliability Engineer", "Cobalt Systems", "2019", "2023", False)]
    assert [(e.degree, e.field, e.school, e.year) for e in r.education] == [
        ("B.Sc.", "Physics", "Front Range College", 2019)]


# --- scans and empty pages: no candidate is ever invented ------------------------------------------------


@pytest.mark.parametrize("maker", [scanned_pdf, empty_pdf], ids=["scanned", "empty"])
def test_scanned_or_empty_pdf_yields_no_candidate(tmp_path, maker):
    from hotlist.models.db import session_scope
    from hotlist.models.orm import Candidate
    from hotlist.models.candidates import store_parse_result

    path = maker(tmp_path / "scan.pdf")
    with pytest.raises(UnreadableDocument, match=r"^no text layer \(scanned image\): "):
        read_document(path)
    outcome = parse_file(path, skill_nlp=None)
    assert outcome.status == "quarantined" and outcome.resume is None
    url = f"sqlite:///{tmp_path / 'hotlist.db'}"
    with session_scope(url) as session:
        result = store_parse_result(session, outcome)
        assert result.action == "quarantined"
        assert session.query(Candidate).count() == 0
    from hotlist.models.db import dispose_all

    dispose_all()


def test_a_scanned_page_in_a_text_pdf_is_flagged_for_review(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    path = tmp_path / "mixed.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    _lines(pdf, 72, 720, [("Helvetica-Bold", 20, "Grace Liu"), ("Helvetica", 10, "grace.liu@example.com")])
    pdf.showPage()
    pdf.drawImage(ImageReader(Image.new("RGB", (300, 400), "gray")), 0, 0, WIDTH, HEIGHT)
    pdf.showPage()
    pdf.save()
    doc = read_document(path)
    assert (doc.pages, doc.image_pages) == (2, 1) and "image_only_pages" in doc.flags
    outcome = parse_file(path, skill_nlp=None)
    assert outcome.status == "needs_review"
    assert outcome.reason == "some pages are scanned images without text: read those pages by hand"
    assert outcome.resume.name == "Grace Liu"


# --- repairs, on lines --------------------------------------------------------------------------------


def _line(text: str, x0: float = 72, top: float = 100, x1: float = 300, size: float = 10) -> TextLine:
    return TextLine(0, x0, top, x1, top + size, text, size)


def test_cid_runs_are_decoded_and_cid_bullets_become_bullets():
    stats = {"glyphs": 0, "cid": 0, "repaired": 0}
    # glyph N is the character N + 29 in many subset fonts: (cid:43)(cid:72)... = "Hello"
    word = "".join(f"(cid:{ord(c) - 29})" for c in "Hello world")
    assert _repair(_line(word), stats).text == "Hello world"
    assert _repair(_line("(cid:127) Tuned slow queries"), stats).text == "• Tuned slow queries"
    assert _repair(_line("(cid:127) EXPERIENCE"), stats).text == "EXPERIENCE"  # an icon before a heading
    assert _repair(_line("Call (cid:200) me"), stats).text == "Call me"
    assert stats["cid"] == 1 and stats["repaired"] > 0


def test_word_separators_that_break_lines_are_spaces():
    stats = {"glyphs": 0, "cid": 0, "repaired": 0}
    # a producer that writes TAB, CR and no-break space between words (each word on its own line otherwise)
    assert _repair(_line("Ana\t\r \xa0Lima\t\r \xa0"), stats).text == "Ana Lima"
    assert _repair(_line("on-\xad\u2010campus"), stats).text == "on-campus"


def test_fragmented_text_is_detected():
    assert is_fragmented("\n".join(["word"] * 30))
    assert not is_fragmented("\n".join(["two words"] * 30))
    assert not is_fragmented("a\nb\nc")


def test_pieces_of_one_row_are_joined_and_rows_ordered():
    a = _line("Senior Engineer, Acme", x0=72, x1=200, top=100)
    b = _line("2019 – 2021", x0=480, x1=540, top=100.5)
    c = _line("• Built things", x0=80, x1=300, top=114)
    rows, columns = order_lines([c, b, a])
    assert not columns
    assert [[ln.text for ln in row] for row in rows if row] == [["Senior Engineer, Acme", "2019 – 2021"], ["• Built things"]]


def test_read_pdf_layout_reports_pages(tmp_path):
    layout = read_pdf_layout(two_column_pdf(tmp_path / "two.pdf"))
    assert (layout.pages, layout.text_pages, layout.image_pages) == (1, 1, 0)
    assert layout.unreadable_glyphs == 0 and layout.glyphs > 300
