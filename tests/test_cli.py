"""The CLI contract, through click's runner: parse --json, jobs import, errors and exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hotlist.cli import main
from tests.conftest import SAMPLE_JOBS, SAMPLES

GROUND_TRUTH = json.loads((SAMPLES / "ground_truth.json").read_text())
CONTRACT_FIELDS = {"file", "status", "reason", "name", "emails", "phones", "links", "location",
                   "years_experience", "experience", "education", "skills"}


@pytest.fixture(scope="module")
def parsed_samples():
    """`hotlist parse --json` over every sample resume, once."""
    files = [str(SAMPLES / truth["file"]) for truth in GROUND_TRUTH]
    result = CliRunner().invoke(main, ["parse", *files, "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return {record["file"].rsplit("/", 1)[-1]: record for record in records}


def test_parse_json_has_the_contract_fields(parsed_samples):
    assert len(parsed_samples) == len(GROUND_TRUTH) >= 25
    for record in parsed_samples.values():
        assert CONTRACT_FIELDS <= set(record), record["file"]
        assert record["status"] == "ok", (record["file"], record["reason"])
        for exp in record["experience"]:
            assert {"title", "employer", "start", "end"} <= set(exp)
        for skill in record["skills"]:
            assert {"id", "name"} <= set(skill)


@pytest.mark.parametrize("truth", GROUND_TRUTH, ids=lambda t: t["file"])
def test_parse_finds_the_right_email_and_phone(parsed_samples, truth):
    record = parsed_samples[truth["file"]]
    assert record["emails"][:1] == [truth["email"].lower()]
    assert record["phones"][:1] == [truth["phone_e164"]]


def test_parse_finds_names_on_most_samples(parsed_samples):
    right = [t["file"] for t in GROUND_TRUTH if parsed_samples[t["file"]]["name"] == t["name"]]
    assert len(right) >= 0.9 * len(GROUND_TRUTH), sorted(set(t["file"] for t in GROUND_TRUTH) - set(right))


def test_parse_finds_skills_from_the_skills_section(parsed_samples):
    found = total = 0
    for truth in GROUND_TRUTH:
        names = {s["name"].lower() for s in parsed_samples[truth["file"]]["skills"]}
        total += len(truth["skills"])
        found += sum(1 for skill in truth["skills"] if skill.lower() in names)
    assert found / total >= 0.6, f"only {found}/{total} listed skills recognised"


def test_parse_reports_a_bad_file_as_quarantined(tmp_path):
    bad = tmp_path / "resume.pdf"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(main, ["parse", str(bad), "--json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["status"] == "quarantined"
    assert record["reason"].startswith("named .pdf but is a ZIP archive")
    assert record["name"] is None and record["emails"] == []


def test_parse_missing_file_is_an_error(tmp_path):
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "nope.pdf"), "--json"])
    assert result.exit_code == 0  # reported per file, the run carries on
    assert json.loads(result.stdout)["reason"].startswith("cannot read the file")


def test_jobs_import_and_list(workspace):
    runner = CliRunner()
    result = runner.invoke(main, ["jobs", "import", str(SAMPLE_JOBS)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Imported ")
    listing = runner.invoke(main, ["jobs", "list"])
    assert listing.exit_code == 0
    for path in SAMPLE_JOBS.glob("*.yaml"):
        assert path.stem.split("-")[0] in listing.output


def test_jobs_import_invalid_names_file_and_field(workspace, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: java-dev\ntitle: Java Developer\nmin_years: lots\n")
    result = CliRunner().invoke(main, ["jobs", "import", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}: job 'java-dev': min_years:")


def test_unknown_job_is_a_clear_error(workspace):
    result = CliRunner().invoke(main, ["shortlist", "no-such-job"])
    assert result.exit_code == 1
    assert result.output == "Error: no hot job with id 'no-such-job': see `hotlist jobs list`\n"


def test_every_command_has_help():
    runner = CliRunner()
    for command in ["parse", "ingest", "jobs", "match", "export", "shortlist", "candidates", "outcome", "nightly"]:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
        assert len(main.get_command(None, command).help or "") > 10, command
