"""Loading hot-job definitions from YAML files and folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotlist.pipeline.errors import InvalidJob
from hotlist.pipeline.jobs.hot_job import HotJob, load_jobs

BACKEND = """\
id: backend-python
title: Senior Backend Engineer (Python)
client: Northwind Logistics
location: Austin, TX
min_years: 5
must_have: [Python, PostgreSQL, AWS]
nice_to_have: [Docker, Kafka]
description: Build and run the order APIs.
urgency: 5
openings: 2
"""

NURSE = """\
- id: icu-nurse
  title: ICU Registered Nurse
  location: Dallas, TX
  min_years: 2.5
  must_have: [RN license, patient care]
- id: remote-data-analyst
  title: Data Analyst
  remote: true
  must_have: [SQL]
  status: closed
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_single_job_file_gives_one_job_with_its_fields(tmp_path):
    jobs = load_jobs(write(tmp_path, "backend.yaml", BACKEND))

    assert jobs == [
        HotJob(
            id="backend-python",
            title="Senior Backend Engineer (Python)",
            client="Northwind Logistics",
            location="Austin, TX",
            min_years=5.0,
            must_have=["Python", "PostgreSQL", "AWS"],
            nice_to_have=["Docker", "Kafka"],
            description="Build and run the order APIs.",
            urgency=5,
            openings=2,
        )
    ]
    assert jobs[0].remote is False and jobs[0].status == "open"


def test_list_file_keeps_order_and_applies_defaults(tmp_path):
    jobs = load_jobs(write(tmp_path, "jobs.yml", NURSE))

    assert [j.id for j in jobs] == ["icu-nurse", "remote-data-analyst"]
    nurse, analyst = jobs
    assert nurse.min_years == 2.5
    assert nurse.nice_to_have == [] and nurse.description == "" and nurse.client is None
    assert (nurse.urgency, nurse.openings, nurse.remote, nurse.status) == (3, 1, False, "open")
    assert analyst.remote is True and analyst.status == "closed" and analyst.location is None
    assert analyst.min_years == 0


def test_folder_reads_yaml_and_yml_files_in_name_order(tmp_path):
    write(tmp_path, "b.yml", NURSE)
    write(tmp_path, "a.yaml", BACKEND)
    write(tmp_path, "notes.txt", "not a job")
    write(tmp_path, ".#a.yaml", "editor lock file: {")

    jobs = load_jobs(tmp_path)

    assert [j.id for j in jobs] == ["backend-python", "icu-nurse", "remote-data-analyst"]


def test_whitespace_around_text_is_stripped(tmp_path):
    path = write(tmp_path, "j.yaml", "id: j\ntitle: '  Welder '\nmust_have: [' TIG welding ']\n")

    job = load_jobs(path)[0]

    assert (job.title, job.must_have) == ("Welder", ["TIG welding"])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "id: backend-python\ntitle: Backend\nmin_years: five\n",
            "job 'backend-python': min_years: Input should be a valid number, unable to parse string as a number",
            id="not-a-number",
        ),
        pytest.param(
            "id: backend-python\ntitle: Backend\nmin_years: -1\n",
            "job 'backend-python': min_years: Input should be greater than or equal to 0",
            id="negative-years",
        ),
        pytest.param(
            "title: Backend\n",
            "job #1: id: Field required",
            id="missing-id",
        ),
        pytest.param(
            "- id: a\n  title: A\n- id: b\n",
            "job 'b': title: Field required",
            id="missing-title-second-job",
        ),
        pytest.param(
            "id: Backend_Python\ntitle: Backend\n",
            "job 'Backend_Python': id: must be a slug: lowercase letters, digits and single hyphens,"
            " e.g. 'backend-python'",
            id="bad-slug",
        ),
        pytest.param(
            "id: a\ntitle: A\nsalary: 100000\n",
            "job 'a': salary: Extra inputs are not permitted",
            id="unknown-field",
        ),
        pytest.param(
            "id: a\ntitle: A\nurgency: 9\nopenings: 0\n",
            "job 'a': urgency: Input should be less than or equal to 5;"
            " openings: Input should be greater than or equal to 1",
            id="two-problems",
        ),
        pytest.param(
            "id: a\ntitle: A\nstatus: paused\n",
            "job 'a': status: Input should be 'open' or 'closed'",
            id="bad-status",
        ),
        pytest.param(
            "id: a\ntitle: A\nmust_have: [Python, '']\n",
            "job 'a': must_have item 2: String should have at least 1 character",
            id="empty-skill",
        ),
        pytest.param(
            "id: a\ntitle: A\nmust_have: [Python, python]\n",
            "job 'a': must_have: 'python' is listed twice",
            id="duplicate-skill",
        ),
        pytest.param(
            "id: a\ntitle: A\nmust_have: [Python]\nnice_to_have: [PYTHON]\n",
            "job 'a': nice_to_have: 'PYTHON' is already a must-have",
            id="must-and-nice",
        ),
        pytest.param(
            "id: a\ntitle: A\nmust_have: Python\n",
            "job 'a': must_have: Input should be a valid list",
            id="skills-not-a-list",
        ),
        pytest.param(
            "- id: a\n  title: A\n- just a string\n",
            "job #2: expected a mapping of fields, found str",
            id="list-item-not-mapping",
        ),
        pytest.param("", "expected a job (a mapping) or a list of jobs, found an empty file", id="empty-file"),
        pytest.param("[]\n", "the list of jobs is empty", id="empty-list"),
        pytest.param("hello\n", "expected a job (a mapping) or a list of jobs, found a str", id="scalar"),
        pytest.param(
            "id: a\ntitle: A\n  min_years: 3\n",
            "line 3, column 12: invalid YAML: mapping values are not allowed here",
            id="yaml-syntax",
        ),
        pytest.param(
            "id: a\ntitle: A\nmust_have: [Python\n",
            "line 4, column 1: invalid YAML: expected ',' or ']', but got '<stream end>'",
            id="yaml-unclosed-list",
        ),
        pytest.param(
            "id: a\ntitle: A\ntitle: B\n",
            "line 3, column 1: invalid YAML: duplicate key 'title'",
            id="yaml-duplicate-key",
        ),
    ],
)
def test_invalid_job_file_names_file_job_field_and_problem(tmp_path, text, problem):
    path = write(tmp_path, "x.yaml", text)

    with pytest.raises(InvalidJob) as excinfo:
        load_jobs(path)

    assert str(excinfo.value) == f"{path}: {problem}"


def test_duplicate_id_across_files_names_both_files(tmp_path):
    first = write(tmp_path, "a.yaml", BACKEND)
    second = write(tmp_path, "b.yaml", "id: backend-python\ntitle: Another backend job\n")

    with pytest.raises(InvalidJob) as excinfo:
        load_jobs(tmp_path)

    assert str(excinfo.value) == f"{second}: job 'backend-python': duplicate id, first defined in {first}"


def test_duplicate_id_in_one_file(tmp_path):
    path = write(tmp_path, "x.yaml", "- id: a\n  title: A\n- id: a\n  title: B\n")

    with pytest.raises(InvalidJob) as excinfo:
        load_jobs(path)

    assert str(excinfo.value) == f"{path}: job 'a': duplicate id, first defined in {path}"


def test_an_invalid_file_in_a_folder_is_named(tmp_path):
    write(tmp_path, "a.yaml", BACKEND)
    bad = write(tmp_path, "b.yaml", "id: b\ntitle: B\nremote: perhaps\n")

    with pytest.raises(InvalidJob) as excinfo:
        load_jobs(tmp_path)

    assert str(excinfo.value) == f"{bad}: job 'b': remote: Input should be a valid boolean, unable to interpret input"


def test_folder_without_yaml_files(tmp_path):
    write(tmp_path, "readme.txt", "jobs go here")

    with pytest.raises(InvalidJob) as excinfo:
        load_jobs(tmp_path)

    assert str(excinfo.value) == f"{tmp_path}: no *.yaml or *.yml job files in this folder"


def test_missing_path(tmp_path):
    with pytest.raises(InvalidJob) as excinfo:
        load_jobs(tmp_path / "nope.yaml")

    assert str(excinfo.value) == f"{tmp_path / 'nope.yaml'}: no such file or folder"


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("id: a\ntitle: Caf\u00e9\n".encode("latin-1"))

    with pytest.raises(InvalidJob) as excinfo:
        load_jobs(path)

    assert str(excinfo.value) == f"{path}: line 2: not UTF-8 text; save the file as UTF-8"


def test_model_rejects_unknown_fields_directly():
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        HotJob(id="a", title="A", salary=1)  # type: ignore[call-arg]
