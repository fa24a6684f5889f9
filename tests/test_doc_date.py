"""The date a resume was written (``as_of``, issue 14): metadata, file name, "Last updated", text, file date."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from hotlist.pipeline.parse.doc_date import DocumentDates, document_date, filename_date, read_document_dates, stated_date
from hotlist.pipeline.parse.resume import parse_file

LINES = ["Morgan Ellis", "morgan.ellis@example.com", "", "EXPERIENCE",
         "Data Analyst, Northwind Traders   Mar 2012 – Present", "Built weekly sales reports in SQL.",
         "", "EDUCATION", "B.Sc. Statistics, Lakeside University, 2011"]


def _pdf(path: Path, lines: list[str], stamp: str | None) -> Path:
    c = canvas.Canvas(str(path), pagesize=LETTER)
    if stamp is not None:
        c._doc.info._dateFormatter = lambda *_: stamp  # noqa: SLF001 - reportlab has no public setter
    y = 720
    for line in lines:
        c.drawString(72, y, line)
        y -= 16
    c.save()
    return path


def _set_mtime(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_pdf_metadata_date_is_present_not_the_copy_time(tmp_path):
    path = _pdf(tmp_path / "cv.pdf", LINES, "D:20160405101500+00'00'")
    _set_mtime(path, datetime(2026, 11, 30, 12))  # downloaded ten years later
    r = parse_file(path, skill_nlp=None).resume
    assert (r.as_of, r.as_of_source) == ("2016-04-05", "metadata")
    assert r.years_experience == pytest.approx(4.2)  # Mar 2012 – Apr 2016 (50 months), not to 2026


def test_docx_core_properties_and_the_python_docx_template_date(tmp_path):
    doc = Document()
    for line in LINES:
        doc.add_paragraph(line)
    doc.core_properties.created = datetime(2019, 6, 1)
    doc.core_properties.modified = datetime(2019, 7, 2)
    path = tmp_path / "cv.docx"
    doc.save(path)
    assert read_document_dates(path).metadata[-1] == date(2019, 7, 2)
    r = parse_file(path, skill_nlp=None).resume
    assert (r.as_of, r.as_of_source) == ("2019-07-02", "metadata")
    # the library's own template dates say nothing about the resume
    template = DocumentDates(metadata=(date(2013, 12, 23),))
    assert document_date(template, "\n".join(LINES), ["2012-03"], today=date(2026, 1, 1)) == (date(2012, 3, 1), "text")


def test_metadata_older_than_the_work_history_is_not_plausible():
    old = DocumentDates(metadata=(date(2001, 1, 1),))
    assert document_date(old, "", ["2015-04", "2018-09"], today=date(2026, 1, 1)) == (date(2018, 9, 1), "text")


@pytest.mark.parametrize("name,want", [
    ("cv_2017-03.pdf", date(2017, 3, 1)), ("resume-201911.docx", date(2019, 11, 1)),
    ("SmithResumeJan24.pdf", date(2024, 1, 1)), ("march_2018_resume.pdf", date(2018, 3, 1)),
    ("resume (10) - Copy.pdf", None), ("CV.pdf", None), ("Internship.pdf", None),
])
def test_dates_in_file_names(name, want):
    assert filename_date(name) == want


def test_file_name_date_is_used_without_metadata(tmp_path):
    path = tmp_path / "cv_2021-05.txt"
    path.write_text("\n".join(LINES))
    _set_mtime(path, datetime(2026, 11, 30, 12))
    r = parse_file(path, skill_nlp=None).resume
    assert (r.as_of, r.as_of_source) == ("2021-05-01", "file name")


def test_last_updated_line():
    assert stated_date("Jane Roe\nLast updated: 11/2019\n") == date(2019, 11, 1)
    assert stated_date("Updated on 3 March 2020") == date(2020, 3, 1)
    assert stated_date("I updated the 2019 roadmap") is None


def test_file_date_is_capped_after_the_newest_date_mentioned():
    # only a future date in the text (an expected degree): the file date may not run far past it
    text = "Riley Fox\nB.Sc. Physics, expected May 2027"
    got = document_date(DocumentDates(file_date=date(2031, 1, 1)), text, [], today=date(2026, 1, 1))
    assert got == (date(2028, 5, 1), "file date (capped)")  # a file stamped by a wrong clock
    got = document_date(DocumentDates(file_date=date(2027, 6, 1)), text, [], today=date(2027, 1, 1))
    assert got == (date(2027, 6, 1), "file date")


def test_parse_json_shows_the_resume_date(tmp_path):
    import json

    from click.testing import CliRunner

    from hotlist.cli import main

    path = _pdf(tmp_path / "cv.pdf", LINES, "D:20170315101500+00'00'")
    result = CliRunner().invoke(main, ["parse", "--json", str(path)], env={"HOTLIST_HOME": str(tmp_path / "home")})
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.strip().splitlines()[-1])
    assert record["as_of"] == "2017-03-15" and record["as_of_source"] == "metadata"
    assert record["stated_years"] is None


def test_candidates_json_shows_the_resume_date(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from hotlist.cli import main
    from hotlist.models.db import create, session_scope
    from hotlist.models.candidates import store_parse_result
    from hotlist.settings import get_settings

    db = f"sqlite:///{tmp_path / 'h.db'}"
    monkeypatch.setenv("HOTLIST_HOME", str(tmp_path))
    monkeypatch.setenv("HOTLIST_DATABASE_URL", db)
    get_settings.cache_clear()
    create(db)
    path = _pdf(tmp_path / "cv.pdf", LINES, "D:20170315101500+00'00'")
    outcome = parse_file(path, skill_nlp=None, use_ner=False)
    with session_scope(db) as session:
        store_parse_result(session, outcome)
    result = CliRunner().invoke(main, ["candidates", "--json"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output.strip().splitlines()[-1])
    assert (row["resume_date"], row["resume_date_source"]) == ("2017-03-15", "metadata")
    table = CliRunner().invoke(main, ["candidates"])
    assert "resume from" in table.output and "2017-03" in table.output
    get_settings.cache_clear()
