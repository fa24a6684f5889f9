"""Formats: legacy Word .doc, OCR of scans and photos, templates and non-resumes, limits for `hotlist parse`.

Every input is generated here: Word 97 files by tests/word97_writer.py, scans by rendering a generated
PDF to an image, templates and non-resumes from the general rules they break.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from hotlist.pipeline.parse.doc_kind import classify_document
from hotlist.pipeline.read.documents import read_document
from hotlist.pipeline.errors import UnreadableDocument
from hotlist.pipeline.parse.resume import parse_file
from tests.word97_writer import word97_bytes, write_word97

LINES = [
    "Marisol Quintero",
    "marisol.quintero@example.net | +1 512 830 4471 | Austin, TX",
    "EXPERIENCE",
    "Senior Data Engineer, Northwind Analytics        Jan 2019 - Present",
    "Built Spark and Airflow pipelines in Python and SQL on AWS.",
    "Data Analyst, Contoso Retail        Jun 2015 - Dec 2018",
    "EDUCATION",
    "B.Sc. Computer Science, State University, 2015",
    "SKILLS",
    "Python, SQL, Spark, Airflow, Docker, Kubernetes, Tableau",
]
# The contact line without an example.com address (that alone marks a template).
REAL = [LINES[0], "marisol.quintero@gmail.com | +1 512 830 4471 | Austin, TX", *LINES[2:]]


def _text_pdf(path: Path, lines: list[str]) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    y = 720
    for i, line in enumerate(lines):
        pdf.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 18 if i == 0 else 11)
        pdf.drawString(72, y, line)
        y -= 20
    pdf.showPage()
    pdf.save()
    return path


def _page_image(tmp_path: Path, lines: list[str]):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(_text_pdf(tmp_path / "src.pdf", lines)))
    image = document[0].render(scale=200 / 72).to_pil()
    document.close()
    return image


# --- legacy Word .doc ---------------------------------------------------------------------------------


def test_doc_is_read_through_its_piece_table(tmp_path):
    path = write_word97(tmp_path / "cv.doc", REAL, utf16_from=6, header_text="Curriculum Vitae")
    doc = read_document(path)
    assert doc.kind == "doc"
    lines = [ln for ln in doc.text.splitlines() if ln.strip()]
    assert lines[0] == "Curriculum Vitae", "the page header is read first, as in DOCX"
    assert lines[1:] == REAL, "8-bit and UTF-16 pieces are joined in order"


def test_doc_tables_fields_and_special_characters(tmp_path):
    text = ("Kwabena Ofori-Atta\r\x13 HYPERLINK \"mailto:k@ofori.dev\" \x14k@ofori.dev\x15\r"
            "Accra\x07Ghana\x07\x07Line one\x0bline two\rnon\x1ebreaking\r")
    (tmp_path / "t.doc").write_bytes(word97_bytes([(text, False)]))
    lines = read_document(tmp_path / "t.doc").text.splitlines()
    assert lines == ["Kwabena Ofori-Atta", "k@ofori.dev", "Accra   Ghana", "Line one", "line two", "non-breaking"]


def test_doc_resume_parses_end_to_end(tmp_path):
    outcome = parse_file(write_word97(tmp_path / "cv.doc", REAL), skill_nlp=None, use_ner=False)
    assert outcome.status == "ok", outcome.reason
    assert outcome.kind == "doc"
    assert outcome.resume.name == "Marisol Quintero"
    assert outcome.resume.emails == ["marisol.quintero@gmail.com"]


def test_encrypted_doc_gets_a_reason(tmp_path):
    (tmp_path / "locked.doc").write_bytes(word97_bytes([("secret\r", True)], encrypted=True))
    with pytest.raises(UnreadableDocument, match=r"^encrypted Word \.doc \(password-protected\): "):
        read_document(tmp_path / "locked.doc")


# --- OCR: scanned PDFs and images -----------------------------------------------------------------------


def test_scanned_pdf_is_read_by_ocr(tmp_path):
    from reportlab.lib.utils import ImageReader

    image = _page_image(tmp_path, REAL)
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.drawImage(ImageReader(image), 0, 0, *letter)
    pdf.showPage()
    pdf.save()
    outcome = parse_file(path, skill_nlp=None, use_ner=False)
    assert outcome.resume is not None, outcome.reason
    assert outcome.resume.name == "Marisol Quintero"
    assert outcome.resume.emails == ["marisol.quintero@gmail.com"]
    assert "ocr_text" in outcome.resume.quality_flags
    text_outcome = parse_file(_text_pdf(tmp_path / "text.pdf", REAL), skill_nlp=None, use_ner=False)
    assert outcome.resume.confidence["name"] < text_outcome.resume.confidence["name"], "OCR lowers confidence"


def test_png_resume_is_read_by_ocr(tmp_path):
    path = tmp_path / "photo.png"
    _page_image(tmp_path, REAL).save(path)
    outcome = parse_file(path, skill_nlp=None, use_ner=False)
    assert outcome.kind == "image" and outcome.resume is not None, outcome.reason
    assert outcome.resume.emails == ["marisol.quintero@gmail.com"]
    assert any(p.endswith("8304471") for p in outcome.resume.phones)
    assert "ocr_text" in outcome.resume.quality_flags


def test_blank_image_is_quarantined_with_a_reason(tmp_path):
    from PIL import Image

    path = tmp_path / "blank.jpg"
    Image.new("RGB", (800, 1000), "white").save(path)
    with pytest.raises(UnreadableDocument, match=r"^an image with no readable text \(OCR found none\): "):
        read_document(path)


# --- templates and non-resumes ----------------------------------------------------------------------------

_BODY = ["EXPERIENCE", "Engineer, Northwind Analytics   2019 - 2023", "EDUCATION", "B.Sc., State University, 2018",
         "SKILLS", "Python, SQL"]


@pytest.mark.parametrize(("header", "extra", "signal"), [
    (["John Doe", "jd@mailbox.org"], [], "placeholder name"),
    (["Your Name", "you@mailbox.org"], [], "placeholder name"),
    (["Ana Lima", "ana@example.com | (415) 555-0142"], ["Globex Inc   2011 - 2012"], "example email"),
    (["Ana Lima", "(909) 555-5555"], [], "placeholder phone"),
    (["Ana Lima", "ana@mailbox.org"], ["Skill A, Skill B, Skill C"], "placeholder skills"),
    (["Ana Lima", "ana@mailbox.org"], ["Lorem ipsum dolor sit amet, consectetur adipiscing elit."], "lorem ipsum"),
    (["Ana Lima", "info@qwikresume.com"], ["ABC Corporation   2011 - 2012"], "resume builder"),
    (["Ana Lima", "ana@mailbox.org | 123-456-7890"], ["ABC Company   2011 - 2012", "XYZ University"], "placeholder"),
])
def test_templates_are_flagged_with_the_reason(header, extra, signal):
    verdict = classify_document("\n".join([*header, *_BODY, *extra]))
    assert verdict.kind == "template"
    assert signal in verdict.reason and "kept off call lists" in verdict.reason


@pytest.mark.parametrize("lines", [
    ["Ana Lima", "ana.lima@email.com | (123) 456-7890"],  # a hidden number and a webmail address: a person
    ["Ana Lima", "ana.lima@example.com | (512) 555-0199"],  # how generated and anonymised resumes look
    ["Ana Lima", "ana@mailbox.org", "Intern, ABC Company   2017 - 2017"],  # one anonymised employer
])
def test_real_resumes_with_weak_signals_below_the_score_are_not_flagged(lines):
    assert classify_document("\n".join([*lines, *_BODY])).is_resume


def test_builder_test_output_with_dates_weeks_apart_is_flagged():
    lines = ["Ana Lima", "ana@mailbox.org", "EXPERIENCE", "Testing new experience   July 10, 2023 - July 15, 2023",
             "Designer   July 21, 2023 - July 20, 2023", "COURSES", "Test Course for resume   June 24, 2023",
             "Web course   July 25, 2023", "Skills", "Skill C, Skill D"]
    assert classify_document("\n".join(lines)).kind == "template"


def test_a_novel_and_a_report_are_not_resumes():
    novel = "\n".join(["The Long Harbour", "Chapter I", *["She walked to the harbour and waited for the boat. " * 3] * 30])
    report = "\n".join(["Project documentation", "1. Project structure", "Describe the components of the system.",
                        "2. Installation", "Explain how to set up the environment and which settings were used."] * 5)
    for text in (novel, report):
        verdict = classify_document(text)
        assert verdict.kind == "not_resume" and verdict.reason.startswith("not a resume (")


def test_a_short_resume_without_contacts_is_still_a_resume():
    assert classify_document("Ana Lima\nExperience\nEngineer, Northwind   Aug 2021 - Present\n").is_resume


def test_templates_are_stored_but_never_ranked(tmp_path):
    from hotlist.models.db import dispose_all, session_scope
    from hotlist.models.candidates import store_parse_result
    from hotlist.models.runs import candidate_rows_for_ranking

    path = tmp_path / "sample.pdf"
    _text_pdf(path, ["John Doe", "john.doe@mailbox.org | (415) 555-0142", *_BODY])
    outcome = parse_file(path, skill_nlp=None, use_ner=False)
    assert outcome.status == "not_resume" and "template" in outcome.reason
    real = parse_file(_text_pdf(tmp_path / "real.pdf", REAL), skill_nlp=None, use_ner=False)
    with session_scope(f"sqlite:///{tmp_path / 'h.db'}") as session:
        store_parse_result(session, outcome)
        store_parse_result(session, real)
        session.flush()
        ranked = [c.name for c, _ in candidate_rows_for_ranking(session)]
    dispose_all()
    assert ranked == ["Marisol Quintero"]


# --- `hotlist parse` has the workers' limits ----------------------------------------------------------------


def test_parse_command_quarantines_a_bomb_within_the_timeout(tmp_path, monkeypatch):
    from hotlist.cli import main
    from hotlist.settings import get_settings
    from tests.hostile_corpus import bomb_pdf

    (tmp_path / "bomb.pdf").write_bytes(bomb_pdf(1.0))
    _text_pdf(tmp_path / "ok.pdf", REAL)
    for key, value in {"HOTLIST_HOME": str(tmp_path / "home"), "HOTLIST_PARSE_TIMEOUT_SECONDS": "20",
                       "HOTLIST_PARSE_MEMORY_MB": "512", "HOTLIST_PARSE_WORKERS": "1"}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    started = time.monotonic()
    result = CliRunner().invoke(main, ["parse", "--json", str(tmp_path / "bomb.pdf"), str(tmp_path / "ok.pdf")])
    elapsed = time.monotonic() - started
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    bomb, ok = (json.loads(line) for line in result.output.splitlines())
    assert bomb["status"] == "quarantined"
    assert bomb["reason"].startswith(("needed more than 512 MB", "took longer than 20 s", "the reader was stopped"))
    assert ok["status"] == "ok" and ok["name"] == "Marisol Quintero"
    assert elapsed < 60


def test_builder_test_entries_dated_backwards_and_in_parallel_are_a_template():
    """Builder test output: a job ending before it starts, three current jobs begun within weeks of each other."""
    from hotlist.pipeline.parse.doc_kind import classify_document, template_signals

    jobs = ("Designer   March 3, 2024 - March 1, 2024\nStudio One\n\n"
            "Engineer   March 4, 2024 - Present\nNorthwind Ltd\n\n"
            "Engineer   March 9, 2024 - Present\nNorthwind Limited\n\n"
            "Engineer   February 20, 2024 - Present\nNorthwind\n")
    text = f"Priya Raman\nPune | +91 98220 12345 | priya.raman@gmail.com\n\nEXPERIENCE\n{jobs}\nSKILLS\nPython, SQL\n"
    names = [name for name, _ in template_signals(text)]
    assert "a job that ends before it starts" in names
    assert "several current jobs begun within days of each other" in names
    assert classify_document(text, emails=["priya.raman@gmail.com"], phones=["+919822012345"]).kind == "template"
    # One typo'd range in a real work history is one point, far below a template's three.
    real = ("Priya Raman\nPune | priya.raman@gmail.com\n\nEXPERIENCE\nEngineer, Northwind, Mar 2021 - Jan 2020\n"
            "Analyst, Contoso, Jun 2017 - Feb 2021\nEngineer, Fabrikam, Feb 2021 - Present\n")
    assert classify_document(real, emails=["priya.raman@gmail.com"]).kind == "resume"
