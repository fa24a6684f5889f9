"""Names (issue 14): nicknames kept, form labels and city headings refused, full family-name-first forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from hotlist.pipeline.parse.fields import parse_fields
from hotlist.pipeline.parse.identity import guess_name
from hotlist.pipeline.parse.resume import parse_file


@pytest.mark.parametrize("line,want", [
    ('Robert "Bob" Kline', 'Robert "Bob" Kline'),
    ("MARIA (MARY) DELGADO", "Maria (Mary) Delgado"),
    ("Thomas “Tom” Okafor", "Thomas “Tom” Okafor"),
])
def test_a_nickname_between_given_and_family_names(line, want):
    assert guess_name(f"{line}\nData Engineer\n") == want


def test_form_labels_are_not_names():
    header = "DATOS PERSONALES: FECHA DE NACIMIENTO   :   03/04/1995\nLUGAR DE NACIMIENTO   :   Cusco\nIRENE QUISPE MAMANI\n"
    assert guess_name(header) == "Irene Quispe Mamani"
    assert guess_name("Place Of Birth: Lagos\nTunde Bakare\n") == "Tunde Bakare"
    assert guess_name("Name: Jane Doe\n") == "Jane Doe"


def test_stray_symbol_lines_around_the_name():
    assert guess_name("* * *\n~~~\nPriya Raman\n———\npriya@example.com\n") == "Priya Raman"


def test_the_full_family_name_first_form_wins_over_a_shortened_display():
    text = "Tran Minh\nApplicant for: Mobile Engineer\n\nTRAN VAN MINH\nMobile Developer\ntran.minh@example.com\n"
    assert parse_fields(text, headline=("Tran Minh",)).name == "Tran Van Minh"


def test_a_city_heading_a_docx_is_not_the_name(tmp_path: Path):
    doc = Document()
    for line in ["Hong Kong", "Wing Chan", "wing.chan@example.com", "", "EXPERIENCE",
                 "Analyst, Harbour Bank   Jan 2019 – Dec 2021"]:
        doc.add_paragraph(line)
    path = tmp_path / "cv.docx"
    doc.save(path)
    assert parse_file(path, skill_nlp=None, use_ner=False).resume.name == "Wing Chan"


def test_a_single_name_in_a_job_board_export_title():
    assert guess_name("NirmalPremium CV Featured Resume\nSoftware Developer\n") == "Nirmal"
    assert guess_name("Developer Featured Resume\nAsha Kapoor\n") == "Asha Kapoor"


def test_a_name_set_on_two_lines_in_the_headline():
    text = "CAMILA\nhttps://example.org/in/cam\nTORRES VEGA\ncamila@example.com\n"
    assert parse_fields(text, headline=("CAMILA", "TORRES VEGA", "EXPERIENCIA")).name == "Camila Torres Vega"
    assert parse_fields("RESUME\nJane Roe\n", headline=("RESUME", "Jane Roe")).name == "Jane Roe"
