"""Which skills a drafted job requires: one test per general rule, on postings written for these tests."""

from __future__ import annotations

import pytest

from hotlist.pipeline.jobs.draft import draft_job


@pytest.fixture(scope="module")
def nlp(skill_nlp):
    return skill_nlp


def draft(nlp, text: str):
    return draft_job(text, skill_nlp=nlp).job


@pytest.mark.parametrize("line, listed", [
    pytest.param("Working knowledge of databases: MySQL, PostgreSQL, etc.", {"MySQL", "PostgreSQL"}, id="etc"),
    pytest.param("Manejo de bases de datos: MySQL, PostgreSQL, etc.", {"MySQL", "PostgreSQL"}, id="etc-es"),
    pytest.param("Reporting tools (Tableau, Looker, etc).", {"Tableau"}, id="etc-after-an-unknown-item"),
    pytest.param("Some reporting tool: Tableau, Qlikview, among others.", {"Tableau"}, id="among-others"),
    pytest.param("JavaScript libraries (jQuery, Lodash).", {"jQuery"}, id="parenthesised"),
    pytest.param("Scripting in Bash, Perl or Ruby.", {"Perl", "Ruby"}, id="or"),
    pytest.param("Experience in one or more of the following: Bash, Perl, Ruby.", {"Perl", "Ruby"}, id="one-or-more-of"),
    pytest.param("Scripting experience with Bash, Perl, or similar.", {"Perl"}, id="or-similar"),
    pytest.param("Office tools like Microsoft Word and Microsoft Excel.", {"Microsoft Excel"}, id="like-a-list"),
    pytest.param("A templating engine such as Jinja2.", {"Jinja"}, id="such-as-one-item"),
    pytest.param("Experiencia en Tableau (no excluyente).", {"Tableau"}, id="no-excluyente"),
    pytest.param("Experiencia en Tableau recomendable.", {"Tableau"}, id="recomendable"),
    pytest.param("Tableau experience would be an asset.", {"Tableau"}, id="an-asset"),
])
def test_examples_alternatives_and_preferences_are_nice_to_haves(nlp, line, listed):
    job = draft(nlp, f"Data Engineer\nRequirements:\nStrong Kubernetes experience.\n{line}\n")
    assert "Kubernetes" in job.must_have
    assert listed <= set(job.nice_to_have) and not listed & set(job.must_have)


def test_a_list_broken_across_lines_after_a_comma_is_one_list(nlp):
    text = "Desarrollador Web\nRequisitos:\nExperiencia con Python.\nFrameworks modernos como Angular, React,\nVue.js, etc.\n"
    job = draft(nlp, text)
    assert "Python" in job.must_have and not {"Angular", "React", "Vue.js"} & set(job.must_have)


def test_one_skill_or_equivalent_stays_required(nlp):
    job = draft(nlp, "Reporting Analyst\nRequirements:\nSQL coding across databases or equivalent experience.\n")
    assert "SQL" in job.must_have


def test_a_weak_cue_before_one_skill_is_not_an_example(nlp):
    assert "SQL" in draft(nlp, "Analyst\nRequirements:\nDatabase experience including SQL queries.\n").must_have


@pytest.mark.parametrize("line", [
    "Bachelor's degree in Accounting, Economics or Statistics, or equivalent experience.",
    "Estudiante de la carrera de Contabilidad, Economía o\nEstadística.",
])
def test_fields_of_study_are_not_skills_to_check(nlp, line):
    job = draft(nlp, f"Financial Analyst\nRequirements:\n{line}\nStrong Microsoft Excel.\n")
    assert "Microsoft Excel" in job.must_have
    assert not {"Accounting", "Statistics", "Economics"} & set(job.must_have)


def test_strong_words_in_the_responsibilities_do_not_make_requirements(nlp):
    text = """Platform Lead
Responsibilities:
Bring deep expertise to our Kubernetes roadmap.
Requirements:
Strong Go.
"""
    job = draft(nlp, text)
    assert job.must_have == ["Go"] and "Kubernetes" in job.nice_to_have


def test_spanish_skill_phrases_are_read(nlp):
    text = "Desarrollador Java\nRequisitos:\nExperiencia con bases de datos relacionales.\nMetodologías ágiles.\n"
    job = draft(nlp, text)
    assert {"Relational database", "Agile"} <= set(job.must_have)


def test_generic_phrases_give_way_to_a_named_skill(nlp):
    job = draft(nlp, "Web Programmer\nRequirements:\n5 years of web development.\nStrong Laravel.\n")
    assert job.must_have == ["Laravel"]
    alone = draft(nlp, "Web Programmer\nRequirements:\n5 years of web development.\n")
    assert alone.must_have == ["Web Development"]


def test_at_most_ten_must_haves(nlp):
    skills = "Python, Java, Go, Rust, Kotlin, Swift, Scala, Haskell, Erlang, Elixir, Clojure and Perl"
    job = draft(nlp, f"Polyglot Engineer\nRequirements:\nStrong {skills}.\n")
    assert len(job.must_have) == 10 and len(job.nice_to_have) == 2


@pytest.mark.parametrize("text", [
    pytest.param(f"Data Engineer\n{heading}\nWe run on Kafka and Snowflake.\nRequirements:\nStrong Python.\n", id=heading)
    for heading in ("About us", "Sobre nosotros", "Benefits", "What we offer")
] + [
    pytest.param(f"Data Engineer\nRequirements:\nStrong Python.\n{heading}\nSnowflake Developer\nRequisitos: Kafka.\n",
                 id=f"after the requirements: {heading}")
    for heading in ("Similar jobs", "Ofertas similares")
])
def test_skills_of_the_company_blurb_benefits_and_other_postings_are_dropped(nlp, text):
    job = draft(nlp, text)
    assert job.must_have == ["Python"] and not {"Apache Kafka", "Snowflake"} & set(job.nice_to_have)


def test_about_the_role_is_not_a_company_blurb(nlp):
    job = draft(nlp, "Data Engineer\nAbout the role\nYou will build pipelines on Snowflake.\nRequirements:\nPython.\n")
    assert "Snowflake" in job.nice_to_have


def test_excluyente_makes_a_requirement(nlp):
    job = draft(nlp, "Analista de Datos\nConocimiento de Tableau excluyente.\n")
    assert "Tableau" in job.must_have
