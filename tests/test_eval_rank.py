"""``hotlist eval rank`` on the graded sample fixtures and on a small relevancy set made here."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from hotlist.cli import main
from tests.test_documents import make_pdf

RESUME = ["Ana Lima", "ana@example.com | (512) 555-0100 | Austin, TX", "Experience",
          "Backend Engineer, Acme Corp  Jan 2018 - Present", "Built Python and Django services on PostgreSQL and AWS.",
          "Skills", "Python, Django, PostgreSQL, AWS, Docker"]
JDS = [
    ("Backend Engineer (Python)\nRequirements:\nPython, Django and PostgreSQL.\nAWS is a plus.", "True"),
    ("Python Developer\nRequirements:\nStrong Python, Docker and AWS experience.", "True"),
    ("Registered Nurse\nRequirements:\nBLS and ACLS certification, critical care.", "False"),
    ("Pastry Chef\nRequirements:\nLaminated dough, sourdough, 3 years of experience.", "False"),
    ("Senior Accountant\nRequirements:\nCPA, GAAP, Excel and month-end close.", "False"),
]


def test_eval_rank_prints_a_table_with_the_baselines(tmp_path):
    folder = tmp_path / "relevancy"
    folder.mkdir()
    make_pdf(folder / "resume.pdf", RESUME)
    with open(folder / "job_descriptions.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["job_description_id", "job_description", "label"])
        writer.writerows([(i, text, label) for i, (text, label) in enumerate(JDS)])

    result = CliRunner().invoke(main, ["eval", "rank", "--relevancy", str(folder), "--no-samples", "--json"])

    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["dataset"], r["method"]) for r in rows[:3]] == [
        ("relevancy (5 JDs)", "hotlist"), ("relevancy (5 JDs)", "tf-idf cosine (plain)"),
        ("relevancy (5 JDs)", "tf-idf cosine (tuned)")]
    assert rows[0]["auc"] == 1.0 and rows[0]["ndcg5"] == 1.0 and rows[0]["relevant"] == 2


def test_eval_rank_on_the_graded_samples_keeps_its_quality():
    result = CliRunner().invoke(main, ["eval", "rank"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["data", "set", "method", "ROC", "AUC", "NDCG@5", "NDCG@10"]
    hotlist = [line for line in lines if "hotlist" in line]
    assert len(hotlist) == 2  # graded by profession, and by profession and skills
    for line in hotlist:
        auc, ndcg5, ndcg10 = map(float, line.split()[-3:])
        assert auc >= 0.95 and ndcg5 >= 0.9 and ndcg10 >= 0.95, line


def test_eval_rank_needs_something_to_evaluate():
    result = CliRunner().invoke(main, ["eval", "rank", "--no-samples"])

    assert result.exit_code == 1
    assert result.output == "Error: nothing to evaluate: pass --relevancy DIR and/or keep the sample fixtures\n"
