"""``hotlist eval rank``: Hotlist's ranking against graded relevance, beside a plain TF-IDF cosine baseline.

Two data sets, both given by path (nothing is copied into the project):

* ``--relevancy DIR``: one resume (``resume.pdf``) and job descriptions labelled
  relevant or not (``job_descriptions.csv``: ``job_description_id, job_description,
  label``), as in panoslin/ResumeJDRelevancy. Each description is drafted into a hot
  job with ``pipeline.jd_parse`` (as ``hotlist jobs add --from-text`` does), the
  resume is parsed like any other, and the jobs are ranked by the resume's score for
  each. Reported on all rows and on the rows left after dropping texts that appear
  with conflicting labels.
* ``--samples DIR --jobs DIR --grades FILE``: the generated sample resumes ranked for
  each sample job, against hand-written graded relevance (2 strong, 1 partial, 0
  unrelated, by profession: ``hotlist/evaluation/data/sample_relevance.yaml``);
  NDCG averaged over jobs, ROC AUC of strong vs the rest pooled within jobs.

Baselines, computed in the same run on the same texts: scikit-learn's
``TfidfVectorizer()`` with its defaults ("plain"), and with sublinear TF and English
stop words ("tuned"). ``--bootstrap N`` adds a paired bootstrap 95% interval for
Hotlist's AUC minus each baseline's.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import click
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
GRADES = Path(__file__).resolve().parent / "data" / "sample_relevance.yaml"


@dataclass
class Result:
    """One line of the table."""

    dataset: str
    method: str
    auc: float
    ndcg5: float
    ndcg10: float
    items: int
    relevant: int
    notes: dict = field(default_factory=dict)


def _metrics(labels: np.ndarray, scores: np.ndarray) -> tuple[float, float, float]:
    from sklearn.metrics import ndcg_score, roc_auc_score

    binary = labels > 0
    auc = float(roc_auc_score(binary, scores)) if 0 < binary.sum() < len(binary) else float("nan")
    return auc, float(ndcg_score([labels], [scores], k=5)), float(ndcg_score([labels], [scores], k=10))


def _baselines(query: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    out = {}
    for name, vectorizer in (
        ("tf-idf cosine (plain)", TfidfVectorizer()),
        ("tf-idf cosine (tuned)", TfidfVectorizer(sublinear_tf=True, stop_words="english")),
    ):
        matrix = vectorizer.fit_transform([query, *texts])
        out[name] = (matrix[1:] @ matrix[0].T).toarray().ravel()
    return out


def _candidate(resume, cid: int):
    from hotlist.pipeline.rank.ranking import WORK_SECTIONS, CandidateProfile

    return CandidateProfile(
        id=cid,
        name=resume.name,
        text=resume.text,
        skill_ids=frozenset(s.id for s in resume.skills),
        skill_last_used={s.id: s.last_used for s in resume.skills if s.last_used},
        years_experience=resume.years_experience,
        location=resume.location,
        titles=tuple(e.title for e in resume.experience if e.title),
        skill_snippets={s.id: s.snippet for s in resume.skills if s.snippet},
        skill_in_work=frozenset(s.id for s in resume.skills if WORK_SECTIONS & set(s.sections or ())),
    )


def _resolver():
    from hotlist.flows.resources import taxonomy

    tax = taxonomy()

    def resolve(label: str) -> str | None:
        skill = tax.resolve(label)
        return skill.id if skill else None

    return resolve


def _bootstrap(labels: np.ndarray, ours: np.ndarray, theirs: np.ndarray, n: int, seed: int = 7) -> list[float]:
    """Paired bootstrap 95% interval of AUC(ours) - AUC(theirs), resampling items."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(seed)
    diffs = []
    binary = labels > 0
    for _ in range(n):
        idx = rng.integers(0, len(labels), len(labels))
        if 0 < binary[idx].sum() < len(idx):
            diffs.append(roc_auc_score(binary[idx], ours[idx]) - roc_auc_score(binary[idx], theirs[idx]))
    return [round(float(np.percentile(diffs, 2.5)), 3), round(float(np.percentile(diffs, 97.5)), 3)]


def evaluate_relevancy(folder: Path, weights, *, bootstrap: int = 0) -> list[Result]:
    """Rank the job descriptions for the one resume; metrics on all rows and without conflicting duplicates."""
    from hotlist.flows.resources import skill_nlp
    from hotlist.pipeline.jobs.draft import draft_job
    from hotlist.pipeline.rank.ranking import build_job_profile, rank_candidates
    from hotlist.pipeline.parse.resume import parse_file

    with open(folder / "job_descriptions.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    nlp = skill_nlp()
    outcome = parse_file(folder / "resume.pdf", skill_nlp=nlp)
    if outcome.resume is None:
        raise click.ClickException(f"{folder / 'resume.pdf'}: {outcome.reason}")
    resume = outcome.resume
    resolve = _resolver()
    jobs = [
        build_job_profile(draft_job(row["job_description"], skill_nlp=nlp, job_id=f"jd-{i}").job, resolve)
        for i, row in enumerate(rows)
    ]
    ranked = rank_candidates([_candidate(resume, 1)], jobs, weights, as_of=_as_of(folder / "resume.pdf"))
    methods = {"hotlist": np.array([ranked[job.id][0].score for job in jobs])}
    methods.update(_baselines(resume.text, [row["job_description"] for row in rows]))
    labels = np.array([row["label"].strip().lower() == "true" for row in rows], dtype=float)

    by_text: dict[str, set[float]] = {}
    for row, label in zip(rows, labels):
        by_text.setdefault(" ".join(row["job_description"].split()), set()).add(label)
    keep = np.array([len(by_text[" ".join(row["job_description"].split())]) == 1 for row in rows])
    conflicting = sum(1 for labels_seen in by_text.values() if len(labels_seen) > 1)

    results = []
    for subset, mask in ((f"relevancy ({len(rows)} JDs)", np.ones(len(rows), bool)),
                         (f"relevancy, {conflicting} conflicting texts dropped ({keep.sum()} JDs)", keep)):
        for method, scores in methods.items():
            auc, n5, n10 = _metrics(labels[mask], scores[mask])
            notes = {}
            if bootstrap and method == "hotlist":
                for other in methods:
                    if other != "hotlist":
                        notes[f"auc minus {other}, 95% CI"] = _bootstrap(labels[mask], scores[mask], methods[other][mask], bootstrap)
            results.append(Result(subset, method, auc, n5, n10, int(mask.sum()), int(labels[mask].sum()), notes))
    return results


def _as_of(path: Path) -> date:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).date()


def sample_grades(grades: dict, job, truth: dict) -> tuple[float, float]:
    """(grade by profession, grade by profession and skills) of one ground-truth resume for one hot job."""
    rule = grades["jobs"][job.id]
    strong, partial = truth["profession"] in rule.get("strong", []), truth["profession"] in rule.get("partial", [])
    must = {m.casefold() for m in job.must_have}
    share = len(must & {s.casefold() for s in truth.get("skills", [])}) / len(must) if must else 1.0
    enough = share >= grades.get("min_must_share", 0.5)
    by_profession = 2.0 if strong else 1.0 if partial else 0.0
    by_skills = 2.0 if strong and enough else 1.0 if strong or (partial and enough) else 0.0
    return by_profession, by_skills


def evaluate_samples(samples: Path, jobs_dir: Path, grades_file: Path, weights) -> list[Result]:
    """Rank the sample resumes for each sample job against the graded fixtures (two gradings)."""
    import yaml

    from hotlist.flows.resources import skill_nlp
    from hotlist.pipeline.read.files import collect_files
    from hotlist.pipeline.jobs.hot_job import load_jobs
    from hotlist.pipeline.rank.ranking import build_job_profile, rank_candidates
    from hotlist.pipeline.parse.resume import parse_file

    truth = {r["file"]: r for r in json.loads((samples / "ground_truth.json").read_text(encoding="utf-8"))}
    grades = yaml.safe_load(grades_file.read_text(encoding="utf-8"))
    nlp = skill_nlp()
    files, _ = collect_files([samples])
    parsed = [(f, parse_file(f, skill_nlp=nlp)) for f in files if f.name in truth]
    people = [(f, o.resume) for f, o in parsed if o.resume is not None]
    candidates = [_candidate(resume, i + 1) for i, (_, resume) in enumerate(people)]
    hot_jobs = [job for job in load_jobs(jobs_dir) if job.id in grades["jobs"]]
    resolve = _resolver()
    profiles = [build_job_profile(job, resolve) for job in hot_jobs]
    ranked = rank_candidates(candidates, profiles, weights)

    gradings = ("by profession", "by profession and skills")
    per: dict[tuple[str, str], list[tuple[np.ndarray, np.ndarray]]] = {}
    for job, profile in zip(hot_jobs, profiles):
        labels = np.array([sample_grades(grades, job, truth[f.name]) for f, _ in people])
        score_of = {r.candidate_id: r.score for r in ranked[job.id]}
        methods = {"hotlist": np.array([score_of[c.id] for c in candidates])}
        job_text = "\n".join([job.title, job.description, ", ".join([*job.must_have, *job.nice_to_have])])
        methods.update(_baselines(job_text, [c.text for c in candidates]))
        for g, grading in enumerate(gradings):
            for name, scores in methods.items():
                per.setdefault((grading, name), []).append((labels[:, g], scores))
    results = []
    for (grading, name), pairs in per.items():
        ndcg5 = float(np.mean([_metrics(lab, sc)[1] for lab, sc in pairs]))
        ndcg10 = float(np.mean([_metrics(lab, sc)[2] for lab, sc in pairs]))
        auc = float(np.nanmean([_metrics((lab == 2).astype(float), sc)[0] for lab, sc in pairs]))
        results.append(Result(f"samples, {grading} ({len(candidates)} resumes x {len(profiles)} jobs)", name,
                              auc, ndcg5, ndcg10, len(candidates) * len(profiles),
                              int(sum((lab == 2).sum() for lab, _ in pairs))))
    return results


def _print_table(results: list[Result]) -> None:
    click.echo(f"{'data set':<58} {'method':<24} {'ROC AUC':>7} {'NDCG@5':>7} {'NDCG@10':>7}")
    last = None
    for r in results:
        dataset = r.dataset if r.dataset != last else ""
        last = r.dataset
        click.echo(f"{dataset:<58} {r.method:<24} {r.auc:>7.3f} {r.ndcg5:>7.3f} {r.ndcg10:>7.3f}")
        for key, value in r.notes.items():
            click.echo(f"{'':<58}   {key}: [{value[0]:+.3f}, {value[1]:+.3f}]")


@click.command(name="rank")
@click.option("--relevancy", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Folder with resume.pdf and job_descriptions.csv (e.g. ../shared/eval/jobs/panoslin_ResumeJDRelevancy).")
@click.option("--samples", type=click.Path(path_type=Path, file_okay=False), default=ROOT / "sample_resumes",
              show_default="sample_resumes/", help="Sample resumes with ground_truth.json.")
@click.option("--jobs", "jobs_dir", type=click.Path(path_type=Path), default=ROOT / "sample_jobs",
              show_default="sample_jobs/", help="Hot-job YAML for the samples.")
@click.option("--grades", type=click.Path(path_type=Path, dir_okay=False), default=GRADES,
              show_default="hotlist/evaluation/data/sample_relevance.yaml", help="Graded relevance per sample job.")
@click.option("--no-samples", is_flag=True, help="Skip the graded sample fixtures.")
@click.option("--weights", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Ranking weights YAML (default: HOTLIST_RANKING_WEIGHTS, then the shipped weights).")
@click.option("--bootstrap", default=0, show_default=True, help="Paired bootstrap resamples for AUC differences (0: none).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON lines instead of a table.")
@click.option("--graded", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Graded set (jobs.yaml + gold.jsonl, e.g. ../shared/eval/labelled/hotlist-dev): run it through "
                   "ingest, jobs import, match and export in a throwaway workspace; NDCG@5/10 per job beside TF-IDF. "
                   "Skips the sample fixtures.")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder the graded set's file paths are relative to (default: two levels above --graded).")
@click.option("--workspace", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Keep the graded set's workspace here and reuse its ingest (default: a temporary folder).")
def command(relevancy: Path | None, samples: Path, jobs_dir: Path, grades: Path, no_samples: bool,
            weights: Path | None, bootstrap: int, as_json: bool, graded: Path | None, root: Path | None,
            workspace: Path | None) -> None:
    """Rank with Hotlist and a TF-IDF baseline; print ROC AUC and NDCG@5/10 for each data set."""
    from hotlist.settings import get_settings
    from hotlist.pipeline.rank.ranking import load_weights

    ranking_weights = load_weights(weights or get_settings().ranking_weights, env=os.environ)
    if graded is not None:
        from hotlist.evaluation.rank_graded import evaluate_graded, print_report

        env = {"HOTLIST_RANKING_WEIGHTS": str(weights.resolve())} if weights else None
        report = evaluate_graded(graded, (root or graded.resolve().parents[1]), workspace, env=env,
                                 bootstrap=bootstrap or 2000)
        if as_json:
            click.echo(json.dumps(report))
        else:
            print_report(report, click.echo)
        no_samples = True
        if relevancy is None:
            return
    results: list[Result] = []
    if relevancy is not None:
        results += evaluate_relevancy(relevancy, ranking_weights, bootstrap=bootstrap)
    if not no_samples:
        if not (samples / "ground_truth.json").is_file():
            raise click.ClickException(f"{samples}: no ground_truth.json (pass --samples or --no-samples)")
        results += evaluate_samples(samples, jobs_dir, grades, ranking_weights)
    if not results:
        raise click.ClickException("nothing to evaluate: pass --relevancy DIR and/or keep the sample fixtures")
    if as_json:
        for r in results:
            click.echo(json.dumps(asdict(r)))
        return
    _print_table(results)
