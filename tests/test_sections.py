"""Section headings and canonical section names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotlist.pipeline.parse.sections import SECTION_NAMES, canonical_heading, split_sections

RESUME = """Jordan Avery
Denver, CO | jordan@example.com

PROFESSIONAL SUMMARY
Backend engineer with 6 years of Python.

Work History:
Senior Engineer, Acme Corp    Jan 2019 – Present
• Built billing services
- Led a team of 4

Academic Background
B.S. in Computer Science, Front Range University, 2016

Technical Skills
Python, PostgreSQL, Kafka

Volunteer
Code tutor, Denver Public Library
"""


def test_split_sections_names_and_order() -> None:
    sections = split_sections(RESUME)
    assert [s.name for s in sections] == ["header", "summary", "experience", "education", "skills", "volunteer"]
    assert [s.heading for s in sections[1:3]] == ["PROFESSIONAL SUMMARY", "Work History:"]


def test_offsets_index_into_the_text() -> None:
    sections = split_sections(RESUME)
    for s in sections:
        assert RESUME[s.start : s.end] == s.text
    assert sections[0].start == 0 and sections[0].text.startswith("Jordan Avery")
    experience = next(s for s in sections if s.name == "experience")
    assert experience.text.startswith("Senior Engineer, Acme Corp")
    assert "Academic Background" not in experience.text
    assert sections[-1].end == len(RESUME)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("EXPERIENCE", "experience"),
        ("Work History", "experience"),
        ("Professional Experience:", "experience"),
        ("Employment", "experience"),
        ("Relevant Work Experience", "experience"),
        ("E X P E R I E N C E", "experience"),
        ("Education", "education"),
        ("Academic Background", "education"),
        ("EDUCATION & TRAINING", "education"),
        ("Skills", "skills"),
        ("Technical Skills", "skills"),
        ("Core Competencies", "skills"),
        ("Programming Languages", "skills"),
        ("Summary", "summary"),
        ("Profile", "summary"),
        ("Career Objective", "summary"),
        ("Certifications", "certifications"),
        ("Licenses & Certifications", "certifications"),
        ("PERSONAL PROJECTS", "projects"),
        ("Languages", "languages"),
        ("Honors & Awards", "awards"),
        ("Publications", "publications"),
        ("Volunteer Experience", "volunteer"),
        ("Hobbies and Interests", "interests"),
        ("References", "other"),
        ("■ Skills ■", "skills"),
        ("1. Education", "education"),
    ],
)
def test_canonical_heading(line: str, name: str) -> None:
    assert canonical_heading(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "Experience with large distributed teams",
        "experience",  # a wrapped prose fragment, not a heading
        "Skills.",
        "Senior Software Engineer",
        "Acme Corp",
        "Key Responsibilities:",
        "Education is my passion and I love teaching students",
    ],
)
def test_not_headings(line: str) -> None:
    assert canonical_heading(line) is None


def test_bulleted_and_entry_lines_are_not_headings() -> None:
    text = "Jane Doe\nSKILLS\n• Languages: Python, Go\n\nEXPERIENCE\nVolunteer\nRed Cross 2016 – 2017\nEDUCATION\nB.A."
    names = [s.name for s in split_sections(text)]
    # "• Languages:" is a skills line; "Volunteer" (title case among upper-case headings) is a job title
    assert names == ["header", "skills", "experience", "education"]


def test_inline_headings_in_a_simple_layout() -> None:
    text = "Sam Lee\nSkills: Python, SQL\nLanguages: English, Spanish\n"
    sections = split_sections(text)
    assert [(s.name, s.text.strip()) for s in sections] == [
        ("header", "Sam Lee"),
        ("skills", "Python, SQL"),
        ("languages", "English, Spanish"),
    ]


def test_inline_label_inside_experience_does_not_split_it() -> None:
    text = "EXPERIENCE\nDeveloper, Acme  2019 - 2021\nTechnologies: Go, Kafka\nEngineer, Beta  2017 - 2019\n"
    assert [s.name for s in split_sections(text)] == ["experience"]


def test_heading_at_the_end_of_a_column_line() -> None:
    text = "Kim Park\nSkills\nExcel\nMonth-End Close  Employment History\nStaff Accountant, Wexford  2023 - Present\n"
    sections = split_sections(text)
    assert [s.name for s in sections] == ["header", "skills", "experience"]
    assert sections[1].text.rstrip() == "Excel\nMonth-End Close"
    assert sections[2].text.startswith("Staff Accountant")


def test_no_headings_is_all_header_and_empty_is_nothing() -> None:
    assert [s.name for s in split_sections("Jane Doe\njane@example.com")] == ["header"]
    assert split_sections("") == []
    assert split_sections("  \n\n ") == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["EXPERIENCE", "Skills:", "Education", "• Summary", "Work History", "", "Acme 2019-2021"]),
            st.text(max_size=40),
        ),
        max_size=25,
    ).map("\n".join)
)
def test_split_sections_never_raises_and_is_well_formed(text: str) -> None:
    sections = split_sections(text)
    previous_end = 0
    for s in sections:
        assert s.name in SECTION_NAMES
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.start >= previous_end
        previous_end = s.end
    if text.strip():
        assert sections


@pytest.mark.parametrize(("line", "name"), [
    ("R ESEARCH E XPERIENCE", "experience"), ("P ROJECTS", "projects"), ("E DUCATION", "education"),
])
def test_small_capitals_headings(line: str, name: str) -> None:
    assert canonical_heading(line) == name
