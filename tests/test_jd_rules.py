"""Job drafts that read like a recruiter's: example lists, temporary remote work, internships, the client."""

from __future__ import annotations

import pytest

from hotlist.pipeline.jobs.draft import draft_job


@pytest.fixture(scope="module")
def nlp(skill_nlp):
    return skill_nlp


def test_items_of_a_such_as_list_are_nice_to_haves(nlp):
    text = """Backend Engineer
Requirements:
Strong Python and PostgreSQL experience.
Proficiency with server-side frameworks such as Django, Flask, or FastAPI.
"""
    job = draft_job(text, skill_nlp=nlp).job
    assert {"Python", "PostgreSQL"} <= set(job.must_have)
    assert {"Django", "Flask", "FastAPI"} <= set(job.nice_to_have)
    assert not {"Django", "Flask", "FastAPI"} & set(job.must_have)


def test_a_spanish_example_list_is_nice_too(nlp):
    text = """Desarrollador Java
Requisitos:
Experiencia con Java.
Experiencia con bases de datos relacionales, como MySQL o PostgreSQL.
"""
    job = draft_job(text, skill_nlp=nlp).job
    assert "Java" in job.must_have and {"MySQL", "PostgreSQL"} <= set(job.nice_to_have)


@pytest.mark.parametrize("line, remote", [
    ("Temporarily remote", False),
    ("Due to the COVID-19 crisis, we are working remotely.", False),
    ("Work Remotely:\nNo", False),
    ("Work Remotely:\nTemporarily due to COVID-19", False),
    ("This is a fully remote role.", True),
    ("Location: comfort of your own home!", True),
    ("Hybrid: remote two days a week.", False),
])
def test_remote_only_by_design(nlp, line, remote):
    text = f"Data Analyst\nAcme Analytics\n{line}\nRequirements:\nSQL and Python.\n"
    assert draft_job(text, skill_nlp=nlp).job.remote is remote


def test_an_internship_asks_for_no_years_and_a_stated_number_is_kept(nlp):
    intern = draft_job("Data Analytics Intern\nRequirements:\nSQL and Excel.\n", skill_nlp=nlp)
    assert intern.min_years_stated == 0.0
    stated = draft_job("Data Analyst\nRequirements:\nData Science: 2 years of experience.\nSQL.\n", skill_nlp=nlp)
    assert stated.min_years_stated == 2.0 and stated.job.min_years == 2.0
    silent = draft_job("Senior Data Analyst\nRequirements:\nSQL.\n", skill_nlp=nlp)
    assert silent.min_years_stated is None and silent.job.min_years == 5.0  # assumed from "Senior", and noted


@pytest.mark.parametrize("text, client", [
    ("Front End Engineer\nNorthwind Labs, Austin, TX, USA\nRequirements:\nReact.\n", "Northwind Labs"),
    ("Java Developer\nAbout Us\nAt Harbor Insurance, we build policy software.\nRequirements:\nJava.\n", "Harbor Insurance"),
    ("HTML Developer\nBrightpath Learning is a web design company in Austin.\nRequirements:\nHTML.\n", "Brightpath Learning"),
    ("Teacher\nAbout Fernwood Academy\nWe teach reading.\nRequirements:\nTeaching.\n", "Fernwood Academy"),
    ("Data Scientist\nQuillmark Analytics\n-\nGurgaon, Haryana\nRequirements:\nPython.\n", "Quillmark Analytics"),
    ("Web Developer\nWe are looking for a web developer.\nRequirements:\nPHP.\n", None),
])
def test_the_client_is_named_when_the_text_names_it(nlp, text, client):
    assert draft_job(text, skill_nlp=nlp).job.client == client
