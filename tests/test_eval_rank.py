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
        # A smoke test on the project's own samples and grades (circular, never the headline). The shipped weights
        # are fitted on independently graded real resumes (leave-one-job-out), which moved NDCG@10 here from
        # 0.95+ to 0.94: the bar is 0.93 so that a real regression still fails it.
        assert auc >= 0.95 and ndcg5 >= 0.9 and ndcg10 >= 0.93, line


def test_eval_rank_needs_something_to_evaluate():
    result = CliRunner().invoke(main, ["eval", "rank", "--no-samples"])

    assert result.exit_code == 1
    assert result.output == "Error: nothing to evaluate: pass --relevancy DIR and/or keep the sample fixtures\n"


def test_eval_rank_graded_runs_the_real_path_and_scores_it_beside_tfidf(tmp_path):
    from hotlist.evaluation.rank_graded import ndcg

    docs = tmp_path / "docs"
    docs.mkdir()
    people = {
        "ana.pdf": (["Ana Lima", "ana@example.com", "Experience", "Backend Engineer, Acme  Jan 2016 - Present",
                     "Built Python and Django REST APIs on PostgreSQL.", "Skills", "Python, Django, PostgreSQL"], 3),
        "raj.pdf": (["Raj Patel", "raj@example.com", "Experience", "Developer, Initech  Jan 2019 - Present",
                     "Wrote Python scripts and MySQL reports.", "Skills", "Python, MySQL"], 2),
        "eve.pdf": (["Eve Martin", "eve@example.com", "Experience", "Pastry Chef, Le Four  Jan 2015 - Present",
                     "Croissants and sourdough.", "Skills", "Baking"], 0),
    }
    gold = []
    for name, (lines, grade) in people.items():
        make_pdf(docs / name, lines)
        gold.append({"file": f"docs/{name}", "is_resume": True, "grades": {"backend": grade}})
    graded = tmp_path / "graded"
    graded.mkdir()
    (graded / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold), encoding="utf-8")
    (graded / "jobs.yaml").write_text(
        "- id: backend\n  title: Backend Engineer (Python)\n  min_years: 2\n  must_have: [Python, SQL, REST APIs]\n"
        "  description: Build REST services in Python on PostgreSQL.\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["eval", "rank", "--graded", str(graded), "--root", str(tmp_path), "--json",
                                       "--workspace", str(tmp_path / "ws"), "--bootstrap", "50"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 3 and report["candidates"] == 3
    whole = report["subsets"]["all"]
    assert whole["jobs"] == ["backend"] and whole["hotlist_ndcg5"] == 1.0
    assert whole["per_job"]["backend"]["templates_top10"] == 0
    assert ndcg([3, 2, 0], [0, 2, 3], 5) == 1.0 and ndcg([0, 2, 3], [0, 2, 3], 5) < 1.0


def test_ranking_order_undoes_the_contact_sort_of_an_export():
    from hotlist.evaluation.rank_graded import exported_order, ranking_order

    # exported: callable rows first (scores 0.9, 0.5), then a contact-missing row that the ranking put second
    rows = [(3, 0.9), (1, 0.5), (7, 0.7), (2, 0.5)]
    assert exported_order(rows) == [3, 1, 7, 2]
    assert ranking_order(rows) == [3, 7, 1, 2]  # score descending, ties by candidate id
