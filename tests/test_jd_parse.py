"""Drafting hot jobs from job descriptions: our own JD texts, as TXT, PDF and DOCX, through the real skills pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hotlist.cli import main
from hotlist.pipeline.jobs.draft import draft_job, draft_yaml, slugify
from hotlist.pipeline.jobs.hot_job import HotJob, load_jobs
from tests.test_documents import make_pdf

BACKEND_JD = """Job Title: Senior Backend Engineer (Python)
Northwind Fintech - Austin, TX (hybrid, three days in the office)

About us
We move money for 4,000 small businesses. Our stack runs on Kubernetes and Kafka.

Responsibilities
- Design APIs and own payment services.
- Mentor mid-level engineers.

Requirements
- 5+ years of professional experience building backend services.
- Strong Python and PostgreSQL.
- Experience running services on AWS.
- Docker experience is a plus.

Nice to have
- Terraform
- Redis
"""

NURSE_JD = """Registered Nurse - Medical ICU (Nights)
Location: Chicago, IL

We need night-shift RNs for our 24-bed ICU.

Minimum qualifications:
At least 2 years of acute-care experience.
Current BLS and ACLS certification.
Critical care and patient care experience.

Preferred qualifications:
Epic EHR charting.
"""

SPANISH_JD = """Puesto de trabajo: Desarrollador Java

Sobre nosotros:
Somos un banco con sede en Lima.

Responsabilidades:
Desarrollar y mantener aplicaciones Java.

Requisitos:
Al menos 3 años de experiencia con Java y Spring.
Manejo de SQL y PostgreSQL.
Conocimientos de Docker (deseable).
"""

REMOTE_JD = """We are looking for a talented data scientist to join our remote team.
You will build pricing models with Python, SQL and scikit-learn, and run A/B tests.
Everything runs on Snowflake. Apache Airflow experience would be nice to have.
"""


@pytest.fixture(scope="module")
def nlp(skill_nlp):
    return skill_nlp


def test_english_jd_gives_title_location_years_and_split_skills(nlp):
    draft = draft_job(BACKEND_JD, skill_nlp=nlp)
    job = draft.job

    assert job.title == "Senior Backend Engineer (Python)"
    assert job.id == "senior-backend-engineer-python"
    assert job.location == "Austin, TX"
    assert job.remote is False  # hybrid
    assert job.min_years == 5
    assert {"Python", "PostgreSQL", "Amazon Web Services"} <= set(job.must_have)
    assert "Docker" in job.nice_to_have  # "is a plus" on its own line
    assert {"Terraform", "Redis"} <= set(job.nice_to_have)
    assert "Kubernetes" not in job.must_have  # only mentioned in "About us"
    assert draft.language == "en"
    assert ("must", "Python", "Strong Python and PostgreSQL.") in draft.evidence


def test_minimum_and_preferred_qualification_sections(nlp):
    job = draft_job(NURSE_JD, skill_nlp=nlp).job

    assert job.title == "Registered Nurse - Medical ICU (Nights)"
    assert (job.location, job.min_years) == ("Chicago, IL", 2)
    # Skills are named as the taxonomy names them ("BLS" is Basic Life Support).
    assert {"Basic Life Support", "Advanced Cardiovascular Life Support", "Critical Care"} <= set(job.must_have)
    assert "Epic Systems" in job.nice_to_have


def test_spanish_jd_is_read_with_spanish_sections_and_says_so(nlp):
    draft = draft_job(SPANISH_JD, skill_nlp=nlp)
    job = draft.job

    assert draft.language == "es"
    assert job.title == "Desarrollador Java"
    assert (job.location, job.min_years) == ("Lima", 3)
    assert {"Java", "SQL", "PostgreSQL"} <= set(job.must_have)
    assert "Docker" in job.nice_to_have  # "(deseable)" marks just that clause
    assert any(note.startswith("Spanish text") for note in draft.notes)


def test_jd_without_sections_still_gets_must_haves_and_a_note(nlp):
    draft = draft_job(REMOTE_JD, skill_nlp=nlp, name_hint="ds_posting")

    assert draft.job.title == "Talented data scientist"
    assert draft.job.remote is True
    assert draft.job.must_have  # the most specific skills mentioned
    assert "Apache Airflow" in draft.job.nice_to_have
    assert any("no requirements section" in note for note in draft.notes)
    assert any("no location" in note for note in draft.notes) is False  # remote: no location needed


def test_seniority_implies_years_when_the_text_states_none(nlp):
    draft = draft_job("Staff Software Engineer\nRequirements:\nPython, Go and Kubernetes.\n", skill_nlp=nlp)

    assert draft.job.min_years == 8
    assert any("assumed from the title" in note for note in draft.notes)


def test_draft_yaml_is_valid_and_commented(nlp, tmp_path):
    draft = draft_job(BACKEND_JD, skill_nlp=nlp)
    text = draft_yaml(draft, source="backend.txt")

    assert text.startswith("# Draft hot job from backend.txt: review it")
    assert "#   must Python: \"Strong Python and PostgreSQL.\"" in text
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    (job,) = load_jobs(path)
    assert job == draft.job
    assert yaml.safe_load(text)["description"].startswith("Job Title: Senior Backend Engineer")


@pytest.mark.parametrize(("title", "slug"), [("Senior Backend Engineer (Python)", "senior-backend-engineer-python"),
                                             ("Práctica: Análisis de Datos", "practica-analisis-de-datos"), ("!!!", "job")])
def test_slugify(title, slug):
    assert slugify(title) == slug


def _write(kind: str, text: str, folder: Path) -> Path:
    lines = text.splitlines()
    if kind == "txt":
        path = folder / "backend.txt"
        path.write_text(text, encoding="utf-8")
    elif kind == "pdf":
        path = make_pdf(folder / "backend.pdf", lines)
    else:
        import docx

        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        path = folder / "backend.docx"
        document.save(path)
    return path


@pytest.mark.parametrize("kind", ["txt", "pdf", "docx"])
def test_jobs_add_from_text_writes_a_draft_that_imports(kind, workspace, tmp_path):
    source = _write(kind, BACKEND_JD, tmp_path)
    out = tmp_path / "draft.yaml"
    runner = CliRunner()

    result = runner.invoke(main, ["jobs", "add", "--from-text", str(source), "--out", str(out), "--id", "backend-austin"])

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote draft backend-austin to {out}: ")
    job = HotJob.model_validate(yaml.safe_load(out.read_text(encoding="utf-8")))
    assert job.id == "backend-austin" and "Python" in job.must_have and job.min_years == 5
    imported = runner.invoke(main, ["jobs", "import", str(out)])
    assert imported.exit_code == 0 and "Imported 1 job(s): backend-austin" in imported.output


def test_jobs_add_prints_the_draft_and_refuses_to_overwrite(workspace, tmp_path):
    source = _write("txt", NURSE_JD, tmp_path)
    runner = CliRunner()

    printed = runner.invoke(main, ["jobs", "add", "--from-text", str(source)])
    assert printed.exit_code == 0
    assert yaml.safe_load(printed.output)["title"] == "Registered Nurse - Medical ICU (Nights)"

    existing = tmp_path / "x.yaml"
    existing.write_text("keep me", encoding="utf-8")
    refused = runner.invoke(main, ["jobs", "add", "--from-text", str(source), "--out", str(existing)])
    assert refused.exit_code == 1
    assert refused.output == f"Error: {existing}: already exists (use --force to overwrite)\n"
    assert existing.read_text(encoding="utf-8") == "keep me"

    missing = runner.invoke(main, ["jobs", "add", "--from-text", str(tmp_path / "nope.pdf")])
    assert missing.exit_code == 1 and missing.output == f"Error: {tmp_path / 'nope.pdf'}: no such file\n"
