"""``hotlist eval rank --graded DIR``: exported call lists against independently graded relevance.

A graded set is a folder with ``jobs.yaml`` (hot jobs in Hotlist's schema) and
``gold.jsonl`` (one line per document: ``file`` relative to the folder's
``--root``, ``is_resume``, ``grades`` {job id: 0-3}), as in hotlist-dev.

The figure comes from the real path, run as separate ``hotlist`` processes in a
throwaway workspace (SQLite): ``ingest`` every document, ``jobs import``,
``match --full``, ``export --format csv``. Each job's exported order is scored
with NDCG@5/@10 (gain ``2^grade - 1``; the ideal order is over every candidate
the workspace holds). The baseline, computed in the same run over the same
extracted texts (``candidates.resume_text``), is a TF-IDF cosine between each
resume and the job's title, description and requirements.

``--workspace DIR`` keeps the ingested workspace between runs (ingest is skipped
when the documents are already there); match and export always run again.
The exported order puts rows with neither phone nor email last (``contact: missing``, the call-list
policy of issue 13). Many real documents hide their contacts (profile-site exports), so the report
also scores the *ranking order* of the same exported rows: score descending, ties by candidate id,
which is exactly the order the ranking and the must-have/status/do-not-call filters gave before the
contact sort. Both are printed; neither is recomputed outside the real path.

Documents are split by ``sha1(file bytes)`` parity, so a figure on the even half
(where rules were developed) is reported beside the odd half and the whole set.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = ["GradedSet", "JobFigures", "dcg", "evaluate_graded", "load_graded", "ndcg", "tfidf_scores"]


@dataclass
class GradedSet:
    """Documents with their grades per job, and the jobs file."""

    jobs_file: Path
    files: list[Path]
    grades: list[dict[str, float]]
    is_resume: list[bool]
    parity: list[str]  # "even" | "odd": sha1 of the file's bytes


@dataclass
class JobFigures:
    """One job's figures for one method."""

    job_id: str
    ndcg5: float
    ndcg10: float
    templates_top10: int = 0
    order: list[int] = field(default_factory=list)  # document indices, best first


def load_graded(folder: Path, root: Path) -> GradedSet:
    """Read ``gold.jsonl``; ``file`` paths are resolved against ``root``."""
    files, grades, is_resume, parity = [], [], [], []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        path = (root / row["file"]).resolve()
        files.append(path)
        grades.append({k: float(v) for k, v in row["grades"].items()})
        is_resume.append(bool(row.get("is_resume", True)))
        digest = hashlib.sha1(path.read_bytes()).digest()
        parity.append("even" if digest[-1] % 2 == 0 else "odd")
    return GradedSet(folder / "jobs.yaml", files, grades, is_resume, parity)


def dcg(gains: Sequence[float], k: int) -> float:
    """Discounted cumulative gain of the first ``k`` gains (``log2(rank + 1)`` discount)."""
    g = np.asarray(list(gains)[:k], dtype=float)
    return float((g / np.log2(np.arange(2, len(g) + 2))).sum())


def ndcg(order_grades: Sequence[float], all_grades: Sequence[float], k: int) -> float:
    """NDCG@k of a ranked list (grades in list order) against the ideal order of ``all_grades``."""
    ideal = dcg(sorted((2.0 ** g - 1 for g in all_grades), reverse=True), k)
    return dcg([2.0 ** g - 1 for g in order_grades], k) / ideal if ideal > 0 else float("nan")


def tfidf_scores(query: str, texts: Sequence[str]) -> np.ndarray:
    """Cosine of each text to the query under scikit-learn's default ``TfidfVectorizer`` fitted on both."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer().fit_transform([query, *texts])
    return (matrix[1:] @ matrix[0].T).toarray().ravel()


# --------------------------------------------------------------------------- the real path


def _hotlist(args: list[str], home: Path, env: Mapping[str, str] | None = None) -> str:
    """Run one ``hotlist`` command as its own process in workspace ``home``; its stdout."""
    full_env = {**os.environ, "HOTLIST_HOME": str(home), **(env or {})}
    full_env.pop("HOTLIST_DATABASE_URL", None)
    full_env.pop("HOTLIST_CONFIG", None)
    proc = subprocess.run([sys.executable, "-m", "hotlist.cli", *args], env=full_env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"hotlist {' '.join(args[:2])} failed ({proc.returncode}): {proc.stderr[-2000:]}{proc.stdout[-500:]}")
    return proc.stdout


def run_real_path(graded: GradedSet, home: Path, *, env: Mapping[str, str] | None = None,
                  list_size: int = 1000) -> tuple[dict[str, list[tuple[int, float]]], dict[int, int], dict[int, str]]:
    """Ingest (unless done), import jobs, match, export;
    ``({job: (candidate id, score) in exported order}, {doc: candidate}, {candidate: text})``."""
    import csv

    home.mkdir(parents=True, exist_ok=True)
    env = {"HOTLIST_CALL_LIST_SIZE": str(list_size), "HOTLIST_MATCH_KEEP": str(list_size),
           "HOTLIST_OUTCOME_BLEND": "0", **(env or {})}
    marker = home / "graded-ingest.json"
    wanted = sorted(str(f) for f in graded.files)
    if not marker.is_file() or json.loads(marker.read_text()) != wanted:
        with tempfile.TemporaryDirectory() as tmp:
            listing = Path(tmp)
            # Copies (ingest refuses links out of a folder), each under its own name, all seen by one ``ingest``.
            for i, f in enumerate(graded.files):
                (listing / f"{i:04d}").mkdir()
                shutil.copy2(f, listing / f"{i:04d}" / f.name)
            _hotlist(["ingest", str(listing)], home, env)
        marker.write_text(json.dumps(wanted))
    _hotlist(["jobs", "import", str(graded.jobs_file)], home, env)
    _hotlist(["match", "--full"], home, env)
    out = home / "graded-exports"
    for old in out.glob("*.csv"):
        old.unlink()
    _hotlist(["export", "--format", "csv", "--out", str(out)], home, env)
    lists = {}
    for path in sorted(out.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            lists[path.stem] = [(int(row["candidate_id"]), float(row["score"])) for row in csv.DictReader(fh)]
    doc_to_candidate, texts = _workspace_documents(graded, home)
    if not doc_to_candidate:
        raise RuntimeError(f"{home}: no graded document became a candidate (see the workspace's quarantine)")
    return lists, doc_to_candidate, texts


def exported_order(rows: Sequence[tuple[int, float]]) -> list[int]:
    """Candidate ids in the exported order (contact-missing rows last)."""
    return [cid for cid, _ in rows]


def ranking_order(rows: Sequence[tuple[int, float]]) -> list[int]:
    """The same rows in the ranking's order: score descending, ties by candidate id (the ranking's tie-break)."""
    return [cid for cid, _ in sorted(rows, key=lambda r: (-r[1], r[0]))]


def _workspace_documents(graded: GradedSet, home: Path) -> tuple[dict[int, int], dict[int, str]]:
    """Which candidate each graded document became (by file hash), and each candidate's extracted text."""
    import sqlite3

    by_sha = {hashlib.sha256(f.read_bytes()).hexdigest(): i for i, f in enumerate(graded.files)}
    con = sqlite3.connect(home / "hotlist.db")
    try:
        doc_to_candidate = {}
        for sha, cid in con.execute("select sha256, candidate_id from documents where candidate_id is not null"):
            if sha in by_sha:
                doc_to_candidate[by_sha[sha]] = cid
        texts = {cid: text or "" for cid, text in con.execute("select id, resume_text from candidates")}
    finally:
        con.close()
    return doc_to_candidate, texts


# --------------------------------------------------------------------------- figures


def score_lists(graded: GradedSet, lists: Mapping[str, Sequence[int]], doc_to_candidate: Mapping[int, int],
                job_ids: Sequence[str], subset: set[int] | None = None) -> dict[str, JobFigures]:
    """NDCG@5/@10 of each job's candidate list, over the documents in ``subset`` (default all).

    A candidate's grade is the highest of its documents' grades; documents that became no candidate
    (quarantined) still count in the ideal order."""
    docs = [i for i in range(len(graded.files)) if subset is None or i in subset]
    of_candidate: dict[int, list[int]] = {}
    for i in docs:
        if i in doc_to_candidate:
            of_candidate.setdefault(doc_to_candidate[i], []).append(i)
    out = {}
    for job in job_ids:
        ideal = [max(graded.grades[i][job] for i in ds) for ds in of_candidate.values()]
        ideal += [graded.grades[i][job] for i in docs if i not in doc_to_candidate]
        ranked = [c for c in lists.get(job, []) if c in of_candidate]
        grades = [max(graded.grades[i][job] for i in of_candidate[c]) for c in ranked]
        templates = sum(any(not graded.is_resume[i] for i in of_candidate[c]) for c in ranked[:10])
        out[job] = JobFigures(job, ndcg(grades, ideal, 5), ndcg(grades, ideal, 10), templates,
                              [of_candidate[c][0] for c in ranked])
    return out


def baseline_lists(jobs: Sequence, texts: Mapping[int, str]) -> dict[str, list[int]]:
    """TF-IDF cosine order of every candidate for each job (ties by id)."""
    ids = sorted(texts)
    out = {}
    for job in jobs:
        query = "\n".join([job.title, job.description, ", ".join([*job.must_have, *job.nice_to_have])])
        scores = tfidf_scores(query, [texts[c] for c in ids])
        out[job.id] = [ids[k] for k in np.lexsort((np.array(ids), -scores))]
    return out


def bootstrap_gain(ours: Sequence[float], theirs: Sequence[float], n: int = 2000, seed: int = 7) -> tuple[float, float]:
    """Paired bootstrap 95% interval of mean(ours - theirs), resampling jobs."""
    diff = np.asarray(ours, dtype=float) - np.asarray(theirs, dtype=float)
    rng = np.random.default_rng(seed)
    means = diff[rng.integers(0, len(diff), (n, len(diff)))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def graded_jobs(graded: GradedSet, job_ids: Sequence[str], subset: set[int] | None = None) -> list[str]:
    """Jobs with at least one document graded 2 or more (within ``subset``)."""
    docs = [i for i in range(len(graded.files)) if subset is None or i in subset]
    return [j for j in job_ids if any(graded.grades[i][j] >= 2 for i in docs)]


def evaluate_graded(folder: Path, root: Path, workspace: Path | None = None, *,
                    env: Mapping[str, str] | None = None, bootstrap: int = 2000) -> dict:
    """Run the real path on a graded set and return every figure (per job, per subset, means, intervals)."""
    from hotlist.pipeline.jobs.hot_job import load_jobs

    graded = load_graded(folder, root)
    jobs = load_jobs(graded.jobs_file)
    job_ids = [j.id for j in jobs]
    if workspace is None:
        with tempfile.TemporaryDirectory(prefix="hotlist-eval-") as tmp:
            lists, doc_to_candidate, texts = run_real_path(graded, Path(tmp), env=env)
    else:
        lists, doc_to_candidate, texts = run_real_path(graded, workspace, env=env)
    baseline = baseline_lists(jobs, texts)
    exported = {job: exported_order(rows) for job, rows in lists.items()}
    by_rank = {job: ranking_order(rows) for job, rows in lists.items()}
    report: dict = {"documents": len(graded.files), "candidates": len(set(doc_to_candidate.values())),
                    "subsets": {}}
    for name, subset in (("all", None),
                         ("even", {i for i, p in enumerate(graded.parity) if p == "even"}),
                         ("odd", {i for i, p in enumerate(graded.parity) if p == "odd"})):
        ours = score_lists(graded, exported, doc_to_candidate, job_ids, subset)
        ranked = score_lists(graded, by_rank, doc_to_candidate, job_ids, subset)
        base = score_lists(graded, baseline, doc_to_candidate, job_ids, subset)
        used = graded_jobs(graded, job_ids, subset)
        if not used:
            continue
        a5, b5 = [ours[j].ndcg5 for j in used], [base[j].ndcg5 for j in used]
        report["subsets"][name] = {
            "documents": len(graded.files) if subset is None else len(subset),
            "jobs": used,
            "per_job": {j: {"hotlist_ndcg5": ours[j].ndcg5, "tfidf_ndcg5": base[j].ndcg5,
                            "hotlist_ndcg10": ours[j].ndcg10, "tfidf_ndcg10": base[j].ndcg10,
                            "templates_top10": ours[j].templates_top10} for j in used},
            "hotlist_ndcg5": float(np.mean(a5)), "tfidf_ndcg5": float(np.mean(b5)),
            "ranking_order": {
                "per_job": {j: ranked[j].ndcg5 for j in used},
                "ndcg5": float(np.mean([ranked[j].ndcg5 for j in used])),
                "ndcg10": float(np.mean([ranked[j].ndcg10 for j in used])),
                "gain_ci95": (list(bootstrap_gain([ranked[j].ndcg5 for j in used], b5, bootstrap))
                              if bootstrap else None),
                "worst_job_gap": float(min(np.subtract([ranked[j].ndcg5 for j in used], b5))),
                "templates_top10": int(sum(ranked[j].templates_top10 for j in job_ids)),
            },
            "hotlist_ndcg10": float(np.mean([ours[j].ndcg10 for j in used])),
            "tfidf_ndcg10": float(np.mean([base[j].ndcg10 for j in used])),
            "gain_ci95": list(bootstrap_gain(a5, b5, bootstrap)) if bootstrap else None,
            "worst_job_gap": float(min(np.subtract(a5, b5))),
            "templates_top10": int(sum(ours[j].templates_top10 for j in job_ids)),
        }
    return report


def print_report(report: dict, echo) -> None:
    """The per-job table and the means, one block per subset."""
    echo(f"{report['documents']} documents -> {report['candidates']} candidates (real path: ingest, jobs import, match, export)")
    for name, sub in report["subsets"].items():
        echo(f"\n[{name}: {sub['documents']} documents, {len(sub['jobs'])} jobs with a grade >= 2]")
        echo(f"{'job':<28} {'hotlist@5':>9} {'tfidf@5':>8} {'gain':>7} {'hotlist@10':>10} {'tfidf@10':>9} {'tmpl@10':>7}")
        for job, row in sub["per_job"].items():
            echo(f"{job:<28} {row['hotlist_ndcg5']:>9.3f} {row['tfidf_ndcg5']:>8.3f} "
                 f"{row['hotlist_ndcg5'] - row['tfidf_ndcg5']:>+7.3f} {row['hotlist_ndcg10']:>10.3f} "
                 f"{row['tfidf_ndcg10']:>9.3f} {row['templates_top10']:>7}")
        ci = sub["gain_ci95"]
        echo(f"{'mean':<28} {sub['hotlist_ndcg5']:>9.3f} {sub['tfidf_ndcg5']:>8.3f} "
             f"{sub['hotlist_ndcg5'] - sub['tfidf_ndcg5']:>+7.3f} {sub['hotlist_ndcg10']:>10.3f} {sub['tfidf_ndcg10']:>9.3f}")
        if ci:
            echo(f"gain NDCG@5 bootstrap 95% interval (jobs resampled): [{ci[0]:+.3f}, {ci[1]:+.3f}]; "
                 f"worst job {sub['worst_job_gap']:+.3f}; templates in a top 10: {sub['templates_top10']}")
        ro = sub.get("ranking_order")
        if ro:
            echo("ranking order (same exported rows by score, before contact-missing rows go last):")
            echo("  " + ", ".join(f"{j} {v:.3f} ({v - sub['per_job'][j]['tfidf_ndcg5']:+.3f})" for j, v in ro["per_job"].items()))
            ci = ro["gain_ci95"]
            echo(f"  mean NDCG@5 {ro['ndcg5']:.3f} vs TF-IDF {sub['tfidf_ndcg5']:.3f} ({ro['ndcg5'] - sub['tfidf_ndcg5']:+.3f}), "
                 f"NDCG@10 {ro['ndcg10']:.3f}; worst job {ro['worst_job_gap']:+.3f}"
                 + (f"; interval [{ci[0]:+.3f}, {ci[1]:+.3f}]" if ci else "")
                 + f"; templates in a top 10: {ro['templates_top10']}")
