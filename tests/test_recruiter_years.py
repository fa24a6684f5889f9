"""Years as a recruiter counts them, dates in odd layouts, and the stated total (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest

from hotlist.pipeline.parse.experience import parse_experience
from hotlist.pipeline.parse.fields import parse_fields
from hotlist.pipeline.parse.sections import split_sections
from hotlist.pipeline.types import Education, Experience
from hotlist.pipeline.parse.years import is_student_job, recruiter_years, stated_total_years, years_disagree

AS_OF = date(2024, 6, 1)


@pytest.mark.parametrize("title,employer", [
    ("Software Engineering Intern", "Acme"), ("Summer Internship", "Acme"), ("Graduate Research Assistant", "State University"),
    ("Teaching Assistant", "State University"), ("PhD Researcher", "Institute of Cells"), ("Volunteer", "Food Bank"),
    ("Sports Head", "Student Association"), ("RESEARCH ASSIS TA N T", "Institute"), ("Working Student", "Acme"),
])
def test_student_jobs(title, employer):
    assert is_student_job(Experience(title=title, employer=employer, start="2020-01"))


@pytest.mark.parametrize("title", ["Internal Auditor", "Post-Doctoral Researcher", "Assistant Manager", "Research Scientist"])
def test_not_student_jobs(title):
    assert not is_student_job(Experience(title=title, employer="Acme", start="2020-01"))


def test_internships_and_jobs_while_studying_do_not_count_and_overlaps_merge():
    jobs = [
        Experience("Barista", "Cafe", "2015-09", "2017-05"),  # during the bachelor's (2018)
        Experience("Data Intern", "Acme", "2017-06", "2017-08"),
        Experience("Analyst", "Acme", "2018-07", "2021-06"),
        Experience("Consultant", "Beta", "2021-01", None, current=True),  # overlaps the job above
    ]
    edu = [Education(degree="B.Sc.", school="State University", year=2018)]
    assert recruiter_years(jobs, edu, AS_OF) == 6.0  # Jul 2018 – Jun 2024


def test_students_and_new_graduates_have_zero_years_not_none():
    assert recruiter_years([], [], AS_OF) == 0.0
    part_time = [Experience("Tutor", "Learning Centre", "2022-10", None, current=True)]
    # still studying: the first degree ends this year or later
    assert recruiter_years(part_time, [Education(degree="B.Tech", year=2025)], AS_OF) == 0.0
    # a master's in progress does not make an experienced person a student
    assert recruiter_years(part_time, [Education(degree="MBA", year=2025)], AS_OF) == 1.8  # Oct 2022 – Jun 2024


def test_dates_right_aligned_in_a_second_column_split_over_two_lines():
    text = ("June 2020 –   Stack Developer, Orbit Labs, Denver, USA\n"
            "Present   Built the booking service in Node.js.\n\n"
            "July 2015 –   Web Developer, Kite Media, Denver, USA\n"
            "May 2020   Maintained the storefront.\n")
    got = [(e.title, e.employer, e.start, e.end, e.current) for e in parse_experience(text)]
    assert got[:2] == [("Stack Developer", "Orbit Labs", "2020-06", None, True),
                       ("Web Developer", "Kite Media", "2015-07", "2020-05", False)]
    below = "May 2022   Software Engineer\n- present\n\nAug 2021   Software Engineer\n- Apr 2022\n"
    assert [(e.start, e.end, e.current) for e in parse_experience(below)] == [
        ("2022-05", None, True), ("2021-08", "2022-04", False)]


@pytest.mark.parametrize("line,want", [
    ("Analyst, Acme   05/13 - 09/13", ("2013-05", "2013-09")),
    ("Analyst, Acme   2015 - 2017", ("2015", "2017")),
    ("Acme @ Lisbon 01/22 ⇒ Now", ("2022-01", None)),
    ("Acme   2019 -> 2020", ("2019", "2020")),
])
def test_odd_date_forms(line, want):
    e = parse_experience(line)[0]
    assert (e.start, e.end) == want


def test_dates_on_their_own_line():
    text = "Senior Analyst\nAcme Corp\nJan 2019 – Dec 2021\n- Led the reporting team\n"
    e = parse_experience(text)[0]
    assert (e.title, e.employer, e.start, e.end) == ("Senior Analyst", "Acme Corp", "2019-01", "2021-12")


def test_lower_case_heading_design():
    text = "avery lane\navery@example.com\n\nexperience\n\nacme • designer • 1/18–present\n\neducation\n\nstate college • 2017\n"
    assert [s.name for s in split_sections(text)] == ["header", "experience", "education"]
    # one lower-case word alone is prose, not a heading
    assert [s.name for s in split_sections("Jo Park\n\nI have years of\n\nexperience\n")] == ["header"]


def test_working_exp_heading():
    assert [s.name for s in split_sections("Kim Tran\n\nWORKING EXP\nAcme @ Hanoi 01/22 ⇒ Now\n")][1] == "experience"


@pytest.mark.parametrize("text,want", [
    ("Total experience: 6 years", 6.0), ("Having 4 years and 6 months of experience in QA", 4.5),
    ("Over 10+ years of experience in sales", 10.0), ("B.Sc. 3 years program", None),
])
def test_stated_total(text, want):
    assert stated_total_years(text) == want


def test_a_stated_total_far_from_the_dated_jobs_is_flagged():
    text = ("Lee Chan\nlee@example.com\nTotal experience: 9 years\n\nEXPERIENCE\n"
            "Analyst, Acme Corp   Jan 2021 – Dec 2022\n")
    r = parse_fields(text, as_of=AS_OF)
    assert r.stated_years == 9.0 and r.years_experience == 2.0 and "stated_years_disagree" in r.quality_flags
    assert not years_disagree(3.0, 2.0)
