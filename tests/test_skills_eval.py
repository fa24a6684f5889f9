"""`hotlist eval skills`: the scoring rules and the command, on small datasets made here.

Job descriptions go through the same components as resumes, so a job's
requirements and a candidate's skills share ids.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from hotlist.cli import main
from hotlist.evaluation.skills import Score, bio_spans, read_conll, score_expected
from hotlist.pipeline.skills.matcher import MATCHER, extract_skills
from tests.conftest import SAMPLE_JOBS

RESUME = """Priya Raman
priya.raman@example.com

EXPERIENCE
Data Engineer | Cobalt Analytics | 2021 – Present
• Built Airflow pipelines into Snowflake with dbt and Python
• Go to market dashboards for the sales team; I excel at explaining data

SKILLS
Python, SQL, Airflow, Snowflake, dbt, Tableau
"""


@pytest.fixture(scope="module")
def nlp():
    from hotlist.flows.resources import skill_nlp

    return skill_nlp()


@pytest.fixture(scope="module")
def taxonomy(nlp):
    return nlp.get_pipe(MATCHER).taxonomy


def test_score_rules(nlp, taxonomy):
    mentions = extract_skills(nlp, RESUME)
    expected = ["Python", "python 3", "SQL", "Apache Airflow", "Snowflake", "Looker", "Data Build Tool (dbt)"]
    score = score_expected(taxonomy, expected, mentions)
    # "python 3" and "Python" are one key; Looker is missed; Tableau was found but not expected.
    assert (score.gold, score.recalled) == (6, 5)
    assert (score.found, score.correct) == (6, 5)
    judged = score_expected(taxonomy, expected, mentions, judged_ok=frozenset({"tableau"}))
    assert judged.correct == 6 and judged.precision == 1.0
    assert round(score.f1, 3) == round(2 * (5 / 6) * (5 / 6) / (10 / 6), 3)


def test_an_unknown_expected_string_matches_the_found_text(nlp, taxonomy):
    mentions = extract_skills(nlp, "Skills: Python, Snowflake")
    score = score_expected(taxonomy, ["snowflake", "Underwater Basket Weaving"], mentions)
    assert (score.gold, score.recalled, score.found, score.correct) == (2, 1, 2, 1)


def test_bio_spans_and_conll(tmp_path):
    assert bio_spans(["O", "B-Skill", "I-Skill", "O", "I-Skill", "B-Skill"]) == [(1, 3), (4, 5), (5, 6)]
    assert bio_spans(["B-Domain", "I-Domain"], "Domain") == [(0, 2)]
    path = tmp_path / "testset.txt"
    path.write_text("Strong O \nPython B-Skill \nskills O \n\n\nExcel B-Skill \nat O \n", encoding="utf-8")
    assert read_conll(path) == [(["Strong", "Python", "skills"], ["O", "B-Skill", "O"]), (["Excel", "at"], ["B-Skill", "O"])]


def test_score_arithmetic():
    total = Score()
    total.add(Score(found=4, correct=3, gold=5, recalled=3))
    total.add(Score(found=0, correct=0, gold=1, recalled=0))
    assert (total.precision, total.recall) == (0.75, 0.5)
    assert Score().f1 == 0.0


@pytest.fixture
def expected_folder(tmp_path) -> Path:
    import docx

    folder = tmp_path / "labelled"
    (folder / "expected").mkdir(parents=True)
    document = docx.Document()
    for line in RESUME.splitlines():
        document.add_paragraph(line)
    document.save(folder / "priya.docx")
    (folder / "expected" / "priya.json").write_text(json.dumps({"skills": ["Python", "SQL", "Airflow", "Snowflake", "dbt"]}))
    (folder / "expected" / "empty.json").write_text("")
    (folder / "expected" / "entry.json").write_text(json.dumps({"company": "Globex", "title": "Engineer", "skills": []}))
    (folder / "expected" / "lost.json").write_text(json.dumps({"skills": ["Python"]}))
    return folder


def test_command_on_an_expected_skills_folder(expected_folder):
    result = CliRunner().invoke(main, ["eval", "skills", str(expected_folder), "--show"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 resumes scored, 5 expected skills; skipped: empty.json (empty file); " \
           "entry.json (describes one work entry, not a resume); lost.json (no resume file with this name)" in out
    strict = next(line for line in out.splitlines() if "whole resume, strict" in line).split()
    # found 6 (Tableau is not expected), TP 5, FP 1, FN 0
    assert strict[3:7] == ["6", "5", "1", "0"]
    assert "priya.docx: missed -; not in the expected list ['tableau']" in out


def test_command_on_a_conll_file(tmp_path):
    path = tmp_path / "testset.txt"
    lines = ["Experience O", "with O", "Python B-Skill", "and O", "AWS B-Skill", "cloud I-Skill", ". O", "",
             "Strong O", "communication B-Skill", "skills I-Skill", "", "We O", "go O", "to O", "market O"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "skills", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = {line.split("  ")[1].strip(): line.split() for line in result.output.splitlines()
            if line.startswith("  exact") or line.startswith("  overlap")}
    # Predictions: Python (exact), AWS (overlaps "AWS cloud"), communication skills (exact, if found).
    exact, overlap = rows["exact span"], rows["overlap (partial)"]
    assert "3 gold Skill spans" in result.output
    assert overlap[2] == overlap[3]  # found == correct: every prediction overlaps a gold span
    assert int(exact[3]) >= 1 and int(overlap[3]) >= 2


def test_command_counts_unjudged_skills_in_a_resume_folder(tmp_path):
    (tmp_path / "a.txt").write_text(RESUME, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Skills: Kubernetes, Terraform", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "skills", str(tmp_path), "--sample", "5"])
    assert result.exit_code == 0, result.output
    assert "first 2 readable documents by SHA-256 (leaving out" in result.output
    assert "0 judged wrong: 0.00 false positives per resume" in result.output
    assert "unjudged" in result.output


def test_command_needs_an_existing_path(tmp_path):
    result = CliRunner().invoke(main, ["eval", "skills", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


# ----------------------------------------------------------------- job descriptions
JOB = """Senior Data Engineer (hybrid, Chicago)
You will own our Snowflake warehouse and Airflow DAGs, write Python and SQL every day,
and run the platform on k8s in AWS. Experience with dbt, Kafka or Spark is a plus.
You excel at explaining data to non-technical teams and help take new products to market.
Must have: Python, SQL, Snowflake. Nice to have: Kubernetes, Terraform.
"""


def test_a_job_description_shares_ids_with_resumes(nlp, taxonomy):
    job_ids = {m.id for m in extract_skills(nlp, JOB)}
    assert {"snowflake", "airflow", "python", "sql", "kubernetes", "aws", "dbt", "kafka", "apache-spark"} <= job_ids
    assert not job_ids & {"microsoft-excel", "go-lang"}
    requirements = {label: taxonomy.resolve(label).id for label in ["Python", "SQL", "Snowflake", "k8s", "Terraform"]}
    assert set(requirements.values()) - {"terraform"} <= job_ids
    resume_ids = {m.id for m in extract_skills(nlp, RESUME)}
    assert {"python", "sql", "snowflake", "airflow", "dbt"} <= resume_ids & job_ids


@pytest.mark.parametrize("path", sorted(SAMPLE_JOBS.glob("*.yaml")), ids=lambda p: p.name)
def test_sample_job_descriptions_mention_their_requirements(nlp, taxonomy, path):
    job = yaml.safe_load(path.read_text())
    found = {m.id for m in extract_skills(nlp, job["description"])}
    wanted = [taxonomy.resolve(label) for label in job.get("must_have", []) + job.get("nice_to_have", [])]
    assert all(wanted)
    assert found, path.name
    # Requirements named in the description are found there under the same ids.
    named = [s for s in wanted if any(f.lower() in job["description"].lower() for f in (s.name, *s.aliases))]
    assert {s.id for s in named} <= found
