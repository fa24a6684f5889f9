"""Fields added for recruiter-grade parsing: as-of date, phone region, names with evidence, the English
model on the header, certifications, languages, confidence and review; and ``hotlist parse --json``."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from click.testing import CliRunner

from hotlist.cli import main
from hotlist.pipeline.read.documents import DocumentText
from hotlist.pipeline.parse.education import parse_certifications, parse_languages
from hotlist.pipeline.parse.fields import parse_fields
from hotlist.pipeline.parse.identity import loose_name, name_with_evidence, region_code
from hotlist.pipeline.parse.nlp import entities, header_ner, load_ner
from hotlist.pipeline.parse.resume import parse_document, parse_file, review
from tests.test_parse_layout import two_column_pdf

# --- "Present" ---------------------------------------------------------------------------------------


def test_present_resolves_against_a_stated_update_not_the_file_date(tmp_path):
    # issue 14: the file's modification time is the copy time; a "Last updated" line says when it was written
    path = tmp_path / "cv.txt"
    path.write_text("Sam Reed\nsam@example.com\nLast updated: January 2023\n\nEXPERIENCE\n"
                    "Analyst, Acme Corp   Jan 2020 – Present\n")
    os.utime(path, (0, int(__import__("datetime").datetime(2026, 11, 30, 12).timestamp())))
    r = parse_file(path, skill_nlp=None).resume
    assert (r.as_of, r.as_of_source) == ("2023-01-01", "stated")
    assert r.years_experience == 3.1  # Jan 2020 – Jan 2023, both months counted


def test_the_file_date_is_only_the_last_resort(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text("Sam Reed\nsam@example.com\n\nEXPERIENCE\nAnalyst, Acme Corp   Jan 2020 – Present\n")
    os.utime(path, (0, int(__import__("datetime").datetime(2023, 1, 31, 12).timestamp())))
    r = parse_file(path, skill_nlp=None).resume
    assert (r.as_of, r.as_of_source) == ("2020-01-01", "text")  # the newest date the resume mentions
    undated = tmp_path / "undated.txt"
    undated.write_text("Sam Reed\nsam@example.com\n\nSKILLS\nExcel, SQL\n")
    os.utime(undated, (0, int(__import__("datetime").datetime(2023, 1, 31, 12).timestamp())))
    r = parse_file(undated, skill_nlp=None).resume
    assert (r.as_of, r.as_of_source) == ("2023-01-31", "file date")


def test_graduation_dates_do_not_move_present():
    # issue 14 changed the expectations: the newest work date, not the file date, is "Present" for a text
    # with dates, and an internship held while studying (degree in 2027) counts 0.0 years
    text = "Ana Diaz\nana@example.com\n\nEXPERIENCE\nIntern, Acme Corp   Jun 2023 – Present\n\nEDUCATION\nB.S., Biology, State University, 2027\n"
    r = parse_fields(text, file_date=date(2024, 6, 1))
    assert r.as_of == "2023-06-01" and r.years_experience == 0.0


# --- phones in the resume's region -----------------------------------------------------------------------


def test_phone_region_comes_from_the_location():
    assert region_code("Pune, Maharashtra") == "IN"
    assert (region_code("Austin, TX"), region_code("London, UK"), region_code("Toronto, ON")) == ("US", "GB", "CA")
    assert region_code("Remote") is None
    r = parse_fields("Rahul Verma\nPune, Maharashtra\n98220 12345 | rahul@example.in\n")
    assert r.phones == ["+919822012345"]
    us = parse_fields("Rahul Verma\nAustin, TX\n98220 12345 | rahul@example.in\n")
    assert us.phones == []  # not a valid US number, and not read as Indian without an Indian location


# --- names --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "name"), [
    ("tarun vk", "Tarun VK"), ("meera joshi", "Meera Joshi"), ("Machine Learning", "Machine Learning"),
    ("senior sales coordinator", None), ("Nagpur City, Maharashtra", None), ("john@x.com", None),
])
def test_loose_name_shapes(line, name):
    assert loose_name(line) == name


def test_a_lower_case_name_needs_evidence():
    hints = ["https://indeed.com/r/tarun-vk/5f0c1e2d3a4b5c6d"]
    assert name_with_evidence(["tarun vk", "senior sales coordinator"], hints) == "Tarun VK"
    assert name_with_evidence(["machine learning", "x"], hints) is None
    assert name_with_evidence(["meera joshi"], [], persons=[["meera joshi"]]) == "Meera Joshi"
    text = "tarun vk\nsenior sales coordinator - harbor foods\n\nNagpur, Maharashtra - Email me on Indeed: indeed.com/r/tarun-vk/5f0c1e2d\n"
    assert parse_fields(text).name == "Tarun VK"


def test_the_largest_text_on_page_one_is_the_name_even_after_a_sidebar():
    text = "CONTACT\nlucia@example.com\n\nSKILLS\nDocker\n\nSenior DevOps Engineer\nLucia Ferraz\n"
    assert parse_fields(text, headline=("Lucia Ferraz", "CONTACT")).name == "Lucia Ferraz"
    assert parse_fields(text, headline=("CURRICULUM VITAE",)).name == "Lucia Ferraz"  # not a name: rules decide


# --- the English model, on the header only ---------------------------------------------------------------------


def test_model_loads_once_and_tags_header_lines():
    nlp = load_ner()
    if nlp is None:
        pytest.skip("no English spaCy model installed")
    assert load_ner() is nlp
    assert set(nlp.pipe_names) == {"tok2vec", "ner"}
    found = entities(nlp, ["Daniel Brooks", "Sacramento - open to relocation"])
    assert ("PERSON", "Daniel Brooks") in found[0]
    assert ("GPE", "Sacramento") in found[1]


def test_model_finds_what_the_rules_cannot():
    ner = header_ner()
    if ner is None:
        pytest.skip("no English spaCy model installed")
    # a place the rules' city list does not hold
    text = "Dana Whitfield\nSacramento - open to relocation\n\nWORK EXPERIENCE\n"
    assert parse_fields(text).location is None
    assert parse_fields(text, ner=ner).location == "Sacramento"
    # a lower-case name with no email or profile to back it
    text = "anita desai\n\nWeb Developer seeking roles in Software Development\n"
    assert parse_fields(text).name is None
    assert parse_fields(text, ner=ner).name == "Anita Desai"
    # the rules already know "Coimbatore - Email me on Indeed"
    assert parse_fields("Imran Qureshi\nCoimbatore - Email me on Indeed\n").location == "Coimbatore"


def test_importing_the_parser_loads_no_model():
    import subprocess
    import sys

    code = "import hotlist.pipeline.parse.resume, hotlist.pipeline.parse.nlp, sys; print(hotlist.pipeline.parse.nlp.load_ner.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


# --- certifications and languages ---------------------------------------------------------------------------------


def test_certifications_from_a_section_and_from_labelled_bullets():
    section = "• AWS Certified Solutions Architect – Associate\nPMP, PMI, 2019\nCertified Scrum Master | Scrum Alliance | 2020\n"
    assert parse_certifications(section) == ["AWS Certified Solutions Architect – Associate", "PMP", "Certified Scrum Master"]
    assert parse_certifications("", "SKILLS\n• Certified Kubernetes Administrator (CKA) – 2022\n• Python") == [
        "Certified Kubernetes Administrator (CKA)"]
    assert parse_certifications("", "I am certified in many things") == []


def test_languages_are_spoken_languages_only():
    assert parse_languages("English (native)\nHindi – fluent\nFrench: basic") == ["English", "Hindi", "French"]
    assert parse_languages("", "SKILLS\nLanguages: Python, Java, SQL\n") == []
    assert parse_languages("", "Languages known: English, Tamil") == ["English", "Tamil"]


# --- confidence and review ---------------------------------------------------------------------------------------------


def test_confidence_quality_and_review():
    doc = DocumentText(text="Maya Okafor\nmaya.okafor@example.com\n\nEXPERIENCE\nBackend Engineer, Kestrel Cloud   2019 – 2023\n",
                       kind="txt", pages=1)
    r = parse_document(doc, as_of=date(2024, 1, 1), use_ner=False)
    assert r.confidence["name"] == 0.9  # a word of the name is in the email address
    assert r.confidence["experience"] == 0.9 and r.experience[0].confidence == 0.9
    assert 0.8 <= r.quality <= 1.0
    assert review(r) == ("ok", None)
    garbled = parse_document(DocumentText(text=doc.text, kind="pdf", pages=1, flags=("fragmented_text",)),
                             as_of=date(2024, 1, 1), use_ner=False)
    assert garbled.quality < r.quality and garbled.confidence["name"] < r.confidence["name"]
    assert review(garbled) == ("needs_review", "the text came out one word per line: check the fields against the file")
    nameless = parse_document(DocumentText(text="EXPERIENCE\nAnalyst, Acme Corp 2019 – 2020\nphone 512-555-0100\n",
                                           kind="txt", pages=1), use_ner=False)
    assert review(nameless) == ("needs_review", "no name found: enter the candidate's name by hand")


def test_empty_text_is_never_a_candidate():
    r = parse_document(DocumentText(text="   \n", kind="txt", pages=1), use_ner=False)
    assert (r.name, r.emails, r.phones, r.experience, r.quality) == (None, [], [], [], None)
    assert review(r)[0] == "needs_review"


# --- hotlist parse --json -----------------------------------------------------------------------------------------------

NEW_KEYS = {"needs_review", "certifications", "languages", "confidence", "quality", "quality_flags", "as_of", "kind", "sections"}


def test_parse_json_exposes_every_field(tmp_path):
    good = two_column_pdf(tmp_path / "two.pdf")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = CliRunner().invoke(main, ["parse", str(good), str(bad), "--json"])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert NEW_KEYS <= set(first) and NEW_KEYS <= set(second)
    assert first["status"] == "ok" and first["needs_review"] is False
    assert first["languages"] == ["English", "Tamil"] and first["certifications"] == ["AWS Certified Data Engineer"]
    assert first["confidence"]["name"] > 0.5 and first["quality"] > 0.5 and "columns" in first["quality_flags"]
    assert {"title", "employer", "start", "end", "current", "location", "confidence"} <= set(first["experience"][0])
    assert second["status"] == "quarantined" and second["name"] is None and second["confidence"] == {}
