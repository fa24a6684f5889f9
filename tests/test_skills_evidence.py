"""Skill evidence: sections, snippet, first/last year used and years of use, on real layouts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hotlist.pipeline.read.documents import read_document
from hotlist.pipeline.skills.evidence import annotate_evidence, find_dated_entries
from hotlist.pipeline.parse.sections import split_sections
from hotlist.pipeline.skills.matcher import extract_skills, summarise_skills
from hotlist.pipeline.types import CandidateSkill

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2025, 6, 1)


@pytest.fixture(scope="module")
def nlp():
    from hotlist.flows.resources import skill_nlp

    return skill_nlp()


def evidence(nlp, text: str, as_of: date = AS_OF) -> dict[str, CandidateSkill]:
    sections = split_sections(text)
    mentions = extract_skills(nlp, text)
    skills = summarise_skills(mentions, text, sections)
    annotate_evidence(skills, mentions, sections, text, as_of)
    return {s.id: s for s in skills}


def used(skill: CandidateSkill) -> tuple[int | None, int | None, float | None]:
    return skill.first_used, skill.last_used, skill.years_used


DATES_IN_HEADER = """Jordan Hayes
jordan@example.org

EXPERIENCE
Senior Backend Engineer | Northwind Fintech | Austin, TX | Jan 2021 – Present
• Built payment services in Go and Kafka on AWS
• Ran PostgreSQL upgrades and Python tooling
Backend Engineer, Initech
Mar 2018 – Dec 2020
• Wrote Python services and Celery jobs backed by PostgreSQL
Junior Developer
Acme Corp
2016 – 2018
• Maintained PHP and MySQL sites

SKILLS
Python, Go, Kafka, PostgreSQL, Docker
"""

DATES_AFTER_BULLETS = """EXPERIENCE
Data Analyst, Bluewater Retail
• Built Tableau dashboards on SQL Server for 40 stores
• Automated weekly reports with Python
2022 – Present
Reporting Analyst, Tern Logistics
• Reconciled inventory in Excel and SQL Server
2019 – 2022

EDUCATION
B.S. Statistics, 2019
"""

# pdfminer on a two-column layout: each entry's dates land between or after its bullets.
DATES_INTERLEAVED = """PROFESSIONAL EXPERIENCE
ICU Registered Nurse, Lakeview Regional Hospital
• Documented assessments and care plans in Epic
• Titrated vasoactive drips under critical care protocols
Jun 2023 – Present
Registered Nurse – Step-Down Unit, Northgate Hospital
Apr 2021 – Jun 2023
• Responded to rapid response and code blue calls as an ACLS provider
• Handled medication administration with barcode scanning
Registered Nurse, Harlow Memorial Hospital
• Cared for post-surgical patients with telemetry monitoring
Apr 2019 – Mar 2021
"""


def test_dates_in_the_header(nlp):
    skills = evidence(nlp, DATES_IN_HEADER)
    assert used(skills["kafka"]) == (2021, 2025, 4.5)  # Jan 2021 – Jun 2025: 54 months
    assert used(skills["postgresql"]) == (2018, 2025, 7.3)  # Mar 2018 – Jun 2025, one gap-free run
    assert used(skills["celery"]) == (2018, 2020, 2.8)
    assert used(skills["php"]) == (2016, 2018, 3.0)
    assert skills["go-lang"].sections == ["experience", "skills"]
    assert skills["docker"].sections == ["skills"] and used(skills["docker"]) == (None, None, None)


def test_dates_after_the_bullets(nlp):
    skills = evidence(nlp, DATES_AFTER_BULLETS)
    assert used(skills["tableau"]) == (2022, 2025, 3.5)  # a year-only start counts from January
    assert used(skills["microsoft-excel"]) == (2019, 2022, 4.0)
    assert used(skills["microsoft-sql-server"]) == (2019, 2025, 6.5)  # overlapping 2022 counted once
    assert skills["statistics"].first_used is None  # a degree, not a dated job


def test_dates_between_the_bullets_of_a_two_column_layout(nlp):
    skills = evidence(nlp, DATES_INTERLEAVED)
    assert used(skills["epic-systems"])[:2] == (2023, 2025)
    assert used(skills["critical-care"])[:2] == (2023, 2025)
    assert used(skills["acls"])[:2] == (2021, 2023)
    assert used(skills["medication-administration"])[:2] == (2021, 2023)
    assert used(skills["telemetry"])[:2] == (2019, 2021)


def test_snippet_comes_from_the_latest_dated_use(nlp):
    skills = evidence(nlp, DATES_IN_HEADER)
    assert "PostgreSQL upgrades" in skills["postgresql"].snippet
    assert "Python tooling" in skills["python"].snippet
    assert len(skills["python"].snippet) <= 64


def test_a_job_starting_after_as_of_is_not_counted(nlp):
    text = "EXPERIENCE\nSoftware Engineer, Globex | Jan 2026 – Present\n• Python services\n"
    skill = evidence(nlp, text, as_of=date(2025, 6, 1))["python"]
    assert used(skill) == (None, None, None) and skill.sections == ["experience"]
    assert used(evidence(nlp, text, as_of=date(2026, 11, 1))["python"]) == (2026, 2026, 0.9)


def test_a_range_split_over_two_lines_and_an_unknown_heading():
    text = ("EXPERIENCE\n2021 –\nPresent\nMachine Learning Engineer, Cobalt AI\n• Trained PyTorch models\n\n"
            "SIDE PROJECTS\n• kube-budget: a Go tool\n")
    sections = split_sections(text)
    [entry] = find_dated_entries(sections, text)
    assert (entry.first, entry.last, entry.current) == ("2021", None, True)
    assert "PyTorch" in text[entry.start:entry.end] and "kube-budget" not in text[entry.start:entry.end]


def test_a_column_of_dates_that_cannot_be_paired_gives_no_years():
    text = ("EXPERIENCE\nJan 2020 – Present\n\nMar 2018 – Dec 2019\n\nAcme Corp\n• Python\n"
            "Globex\n• Java\nInitech\n• Go\n")
    assert find_dated_entries(split_sections(text), text) == []


def test_no_experience_section_leaves_years_empty(nlp):
    skills = evidence(nlp, "SKILLS\nPython, SQL, Tableau\n")
    assert all(used(s) == (None, None, None) for s in skills.values())
    assert skills["python"].sections == ["skills"]


@pytest.mark.parametrize(
    ("file", "skill_id", "first", "last"),
    [
        ("04_tomasz_wojcik.pdf", "kubernetes", 2022, 2025),   # dates after the bullets
        ("04_tomasz_wojcik.pdf", "terraform", 2016, 2019),
        ("04_tomasz_wojcik.pdf", "ansible", 2016, 2019),
        ("07_hannah_whitfield.pdf", "acls", 2021, 2023),      # dates between the bullets
        ("07_hannah_whitfield.pdf", "epic-systems", 2023, 2025),
        ("01_maya_okafor.pdf", "kafka", 2021, 2023),          # dates on the title line
        ("01_maya_okafor.pdf", "python", 2016, 2025),         # "Junior Python Developer, Nov 2016 – ..."
        ("01_maya_okafor.pdf", "fastapi", None, None),        # only in "Side Projects" below the last job
    ],
)
def test_sample_resumes(nlp, file, skill_id, first, last):
    path = ROOT / "sample_resumes" / file
    skills = evidence(nlp, read_document(path).text)
    assert (skills[skill_id].first_used, skills[skill_id].last_used) == (first, last)


def test_every_sample_resume_gets_one_entry_per_job(nlp):
    import json

    truth = json.loads((ROOT / "sample_resumes" / "ground_truth.json").read_text())
    for record in truth:
        text = read_document(ROOT / "sample_resumes" / record["file"]).text
        entries = find_dated_entries(split_sections(text), text)
        got = [(e.first, e.last, e.current) for e in entries]
        assert got == [(x["start"], x["end"], x["current"]) for x in record["experience"]], record["file"]
