"""Name, location, education and the whole text → ParsedResume step."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotlist.pipeline.parse.education import parse_education
from hotlist.pipeline.parse.fields import parse_fields
from hotlist.pipeline.parse.identity import guess_location, guess_name
from hotlist.pipeline.types import Education, ParsedResume

AS_OF = date(2024, 6, 15)
SAMPLES = Path(__file__).resolve().parent.parent / "sample_resumes"

# --- name and location ------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Jane Q. Public\nSenior Engineer\njane@example.com", "Jane Q. Public"),
        ("JOHN DOE\n123 Main St, Anywhere, USA", "John Doe"),
        ("Curriculum Vitae\n\nHARISH K RAO", "Harish K Rao"),
        ("Resume\nMaría José García-López", "María José García-López"),
        ("Senior Software Engineer\nJohn Smith", "John Smith"),
        ("Jane Doe | Data Scientist | jane@example.com", "Jane Doe"),
        ("PRIYA SHARMAFeatured Resume\nSales Manager seeking roles", "Priya Sharma"),
        ("Dr. Ishaan Verma", "Ishaan Verma"),
        ("Name: Mary-Jane O'Neil", "Mary-Jane O'Neil"),
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("Senior Software Engineer\nhttps://example.com\n555-0100", None),
        ("Austin, TX", None),
        ("", None),
    ],
)
def test_guess_name(header: str, name: str | None) -> None:
    assert guess_name(header) == name


@pytest.mark.parametrize(
    ("header", "location"),
    [
        ("Ana Ruiz\nAustin, TX | ana@example.com", "Austin, TX"),
        ("Li Wei — Toronto, ON — 416-555-0100", "Toronto, ON"),
        ("Sam Patel\nLondon, UK", "London, UK"),
        ("Tom Ng\n500 Howard St, San Francisco, CA 94105", "San Francisco, CA"),
        ("Raj Iyer\nSeattle, WA, USA", "Seattle, WA"),
        ("Kiran Rao\nCurrent Location: Pune", "Pune"),
        ("Meera Nair\nHyderabad, India", "Hyderabad, India"),
        ("Leo Park\nSkills: Python, Java, Go", None),
        ("Leo Park\nJava, MS Office", None),
    ],
)
def test_guess_location(header: str, location: str | None) -> None:
    assert guess_location(header) == location


# --- education --------------------------------------------------------------


def test_education_degree_field_school_year_on_one_line() -> None:
    text = "B.S. in Computer Science, Front Range University, 2016\nMBA, Marketing | Lakeside College | 2020"
    assert parse_education(text) == [
        Education("B.S.", "Computer Science", "Front Range University", 2016),
        Education("MBA", "Marketing", "Lakeside College", 2020),
    ]


def test_education_school_line_then_degree_line() -> None:
    text = "Harbor Institute of Technology\nBachelor of Science in Data Science\nCGPA: 8.7/10\n2018 – 2022\n"
    assert parse_education(text) == [Education("Bachelor of Science", "Data Science", "Harbor Institute of Technology", 2022)]


def test_education_degree_line_then_school_without_keyword() -> None:
    text = "Bachelor of Engineering (B.E.) in Mechanical Engineering\nCedar Point Poly\nMay 2015"
    assert parse_education(text) == [Education("Bachelor of Engineering", "Mechanical Engineering", "Cedar Point Poly", 2015)]


def test_education_skips_secondary_school_and_state_codes() -> None:
    text = "Class XII, CBSE, 2014\nM.S., Statistics — Northfield University, Cambridge, MA, USA — 2019"
    assert parse_education(text) == [Education("M.S.", "Statistics", "Northfield University", 2019)]


# --- parse_fields -----------------------------------------------------------

RESUME = """ALEX MORGAN
Portland, OR 97205 | (503) 555-0164 | alex.morgan@example.com | linkedin.com/in/alexmorgan

SUMMARY
Data engineer with seven years of experience.

PROFESSIONAL EXPERIENCE
Senior Data Engineer, Riverbend Analytics    Mar 2021 – Present
• Built streaming pipelines (2022 - 2023 rollout)
Data Engineer | Cobalt Retail Inc. | Seattle, WA | 2017 – 2021
• Owned the warehouse

EDUCATION
B.S. in Computer Science, Willamette State University, 2017

SKILLS
Python, Spark, Airflow
"""


def test_parse_fields_end_to_end() -> None:
    r = parse_fields(RESUME, as_of=AS_OF)
    assert r.name == "Alex Morgan"
    assert r.emails == ["alex.morgan@example.com"]
    assert r.phones == ["+15035550164"]
    assert r.links == ["https://linkedin.com/in/alexmorgan"]
    assert r.location == "Portland, OR"
    assert [(e.title, e.employer, e.start, e.end, e.current) for e in r.experience] == [
        ("Senior Data Engineer", "Riverbend Analytics", "2021-03", None, True),
        ("Data Engineer", "Cobalt Retail Inc.", "2017", "2021", False),
    ]
    assert r.experience[1].location == "Seattle, WA"
    assert r.education == [Education("B.S.", "Computer Science", "Willamette State University", 2017)]
    # Jan 2017 – Jun 2024, overlap in 2021 counted once
    assert r.years_experience == 7.5
    assert r.sections == ["header", "summary", "experience", "education", "skills"]
    assert r.skills == []
    assert r.text == RESUME


def test_sidebar_before_name_uses_the_email_to_find_it() -> None:
    text = (
        "CONTACT\n\nPhoenix, AZ\n602-555-0136\nlucia.ferraz@example.com\n\nSKILLS\n\nDocker\nAnsible\n\n"
        "Lucia Ferraz\n\nDevOps Engineer\n\nEXPERIENCE\nDevOps Engineer, Mesa Freight  2020 – Present\n"
    )
    r = parse_fields(text, as_of=AS_OF)
    assert r.name == "Lucia Ferraz"
    assert r.location == "Phoenix, AZ"


def test_no_dated_entries_means_no_years() -> None:
    # issue 14 asks for 0.0, not None, when no job counts (students and new graduates)
    r = parse_fields("Pat Lee\npat@example.com\n\nEXPERIENCE\nVolunteer tutor at the library", as_of=AS_OF)
    assert r.experience == [] and r.years_experience == 0.0


@pytest.mark.parametrize("text", ["", "   \n\n", "(cid:3)(cid:4)(cid:5)\n(cid:9)", "§§§ ### 12345 ¶¶", "x"])
def test_empty_or_garbage_gives_an_empty_result(text: str) -> None:
    r = parse_fields(text, as_of=AS_OF)
    assert r == ParsedResume(text=text)


def test_a_text_starting_with_a_heading_has_no_invented_name() -> None:
    r = parse_fields("Education\n\nClass XII\n95%\nCBSE\n", as_of=AS_OF)
    assert r.name is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_parse_fields_never_raises(text: str) -> None:
    r = parse_fields(text, as_of=AS_OF)
    assert r.years_experience is None or r.years_experience >= 0
    assert set(r.sections) <= {"header", "summary", "experience", "education", "skills", "projects",
                               "certifications", "languages", "awards", "publications", "volunteer",
                               "interests", "other"}


# --- the project's generated sample resumes ---------------------------------


@cache
def _samples() -> list[tuple[dict, str]]:
    from hotlist.pipeline.read.documents import read_document

    truth_file = SAMPLES / "ground_truth.json"
    if not truth_file.exists():
        return []
    out = []
    for entry in json.loads(truth_file.read_text(encoding="utf-8")):
        path = SAMPLES / entry["file"]
        if path.exists():
            out.append((entry, read_document(path).text))
    return out


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (s or "").lower())


def test_sample_resumes_fields_match_ground_truth() -> None:
    samples = _samples()
    if not samples:
        pytest.skip("sample_resumes/ground_truth.json not generated")
    misses: list[str] = []
    entries = hits = 0
    for truth, text in samples:
        r = parse_fields(text, as_of=AS_OF)
        for field, got, want in [
            ("name", _norm(r.name), _norm(truth["name"])),
            ("email", truth["email"].lower() in r.emails, True),
            ("phone", truth["phone_e164"] in r.phones, True),
            ("location", _norm(r.location), _norm(truth.get("location"))),
        ]:
            if got != want:
                misses.append(f"{truth['file']}: {field}")
        got_entries = {(_norm(e.title), _norm(e.employer), e.start, e.end, e.current) for e in r.experience}
        for e in truth["experience"]:
            entries += 1
            hits += (_norm(e["title"]), _norm(e["employer"]), e["start"], e["end"], e["current"]) in got_entries
    # contact fields are exact on every sample; work history on at least 95% of entries
    assert misses == []
    assert hits >= 0.95 * entries, f"{hits}/{entries} experience entries"
