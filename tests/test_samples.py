"""The generated sample resumes, their ground truth and the sample hot jobs are consistent."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import phonenumbers
import pytest
import yaml
from docx import Document
from pdfminer.high_level import extract_text

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_resumes"
JOBS = REPO / "sample_jobs"
GENERATOR = REPO / "scripts" / "generate_samples.py"
RESUME_SUFFIXES = {".pdf", ".docx"}

PDFS = sorted(p.name for p in SAMPLES.glob("*.pdf"))
DOCXS = sorted(p.name for p in SAMPLES.glob("*.docx"))
JOB_FILES = sorted(p.name for p in JOBS.glob("*.yaml"))


@cache
def ground_truth() -> dict[str, dict]:
    entries = json.loads((SAMPLES / "ground_truth.json").read_text(encoding="utf-8"))
    return {e["file"]: e for e in entries}


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_sample_set_has_expected_size():
    assert len(PDFS) >= 26
    assert len(DOCXS) >= 4


def test_ground_truth_lists_every_resume_and_nothing_else():
    on_disk = {p.name for p in SAMPLES.iterdir() if p.suffix in RESUME_SUFFIXES}
    assert set(ground_truth()) == on_disk
    assert len(json.loads((SAMPLES / "ground_truth.json").read_text())) == len(on_disk)


@pytest.mark.parametrize("name", PDFS)
def test_pdf_text_layer_contains_contact_details(name):
    truth = ground_truth()[name]
    text = extract_text(SAMPLES / name)
    assert truth["email"] in text
    assert truth["phone_raw"] in text
    assert truth["name"] in " ".join(text.split())


@pytest.mark.parametrize("name", DOCXS)
def test_docx_text_contains_contact_details(name):
    truth = ground_truth()[name]
    text = _docx_text(SAMPLES / name)
    assert truth["email"] in text
    assert truth["phone_raw"] in text


@pytest.mark.parametrize("name", PDFS + DOCXS)
def test_phone_e164_matches_phonenumbers(name):
    truth = ground_truth()[name]
    number = phonenumbers.parse(truth["phone_raw"], "US")
    assert phonenumbers.is_valid_number(number)
    assert truth["phone_e164"] == phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.E164
    )


@pytest.mark.parametrize("name", PDFS + DOCXS)
def test_ground_truth_entry_is_well_formed(name):
    truth = ground_truth()[name]
    assert re.fullmatch(r"[\w.+-]+@example\.(com|org|net)", truth["email"])
    assert truth["skills"] and truth["location"] and truth["profession"]
    assert 1 <= len(truth["experience"]) <= 4
    assert 1 <= len(truth["education"]) <= 2
    for job in truth["experience"]:
        assert re.fullmatch(r"\d{4}(-\d{2})?", job["start"])
        assert job["current"] is (job["end"] is None)
        if job["end"] is not None:
            assert re.fullmatch(r"\d{4}(-\d{2})?", job["end"])
            assert job["end"] >= job["start"]
    for edu in truth["education"]:
        assert isinstance(edu["year"], int)


def test_regenerating_gives_identical_bytes(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    expected = sorted(p.name for p in SAMPLES.iterdir()
                      if p.suffix in RESUME_SUFFIXES or p.name == "ground_truth.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == expected
    changed = [n for n in expected if (tmp_path / n).read_bytes() != (SAMPLES / n).read_bytes()]
    assert changed == [], f"regenerated files differ from the committed ones: {changed}"


@pytest.mark.parametrize("name", JOB_FILES)
def test_sample_job_is_well_formed(name):
    job = yaml.safe_load((JOBS / name).read_text(encoding="utf-8"))
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", job["id"])
    for key in ("title", "client", "location", "description"):
        assert isinstance(job[key], str) and job[key].strip()
    assert isinstance(job["remote"], bool)
    assert isinstance(job["min_years"], int) and job["min_years"] >= 0
    assert job["urgency"] in range(1, 6)
    assert isinstance(job["openings"], int) and job["openings"] >= 1
    assert job["status"] == "open"
    assert job["must_have"] and all(isinstance(s, str) for s in job["must_have"])
    assert all(isinstance(s, str) for s in job["nice_to_have"])


def test_sample_job_ids_are_unique():
    ids = [yaml.safe_load((JOBS / n).read_text())["id"] for n in JOB_FILES]
    assert len(JOB_FILES) >= 5
    assert len(ids) == len(set(ids))
