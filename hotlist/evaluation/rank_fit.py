"""Fit the ranking blend on a graded set with leave-one-job-out cross-validation.

``hotlist eval rank-fit --graded DIR --workspace WS`` reuses the workspace that
``hotlist eval rank --graded DIR --workspace WS`` ingested (candidates and jobs
are read from its database once), then scores many weight settings in-process
with the same ranking and call-list policy the real path uses. Each setting's
NDCG@5 per job is computed once for a pool of random settings; the best of them
is then hill-climbed on all jobs (the in-sample pick, printed for the shipped
weights) and, for leave-one-job-out, on the other jobs only, the held-out job
scored with what that search found.
The figure to quote comes afterwards from ``hotlist eval rank --graded`` (real path).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import click
import numpy as np

from hotlist.evaluation.rank_graded import graded_jobs, load_graded, ndcg

# Ranges searched (uniform); the shipped defaults are always one of the settings tried.
SPACE = {
    "must": (0.0, 0.6), "nice": (0.0, 0.3), "text": (0.0, 0.6), "bm25": (0.0, 0.8), "title": (0.0, 0.3),
    "years": (0.0, 0.5), "location": (0.0, 0.1), "related_credit": (0.3, 1.0), "wording_credit": (0.3, 1.0),
    "text_evidence_min": (0.2, 1.2), "entry_fade": (2.0, 8.0), "work": (0.0, 0.5), "acronym_credit": (0.3, 1.0),
}


def _load_workspace(home: Path):
    from hotlist.models.db import session_scope
    from hotlist.models.ranking_io import load_candidate_profiles, load_job_profiles

    with session_scope(f"sqlite:///{home / 'hotlist.db'}") as session:
        return load_candidate_profiles(session), load_job_profiles(session)


def per_job_ndcg(candidates, jobs, weights, graded, doc_of: Mapping[int, list[int]], job_ids: Sequence[str],
                 k: int = 5) -> dict[str, float]:
    """NDCG@k per job of the call lists the policy cuts from a ranking with ``weights``."""
    from hotlist.pipeline.calls.call_list import listable
    from hotlist.pipeline.rank.explain import Explanation
    from hotlist.pipeline.rank.ranking import rank_candidates

    ranked = rank_candidates(candidates, jobs, weights)
    out = {}
    for job in job_ids:
        order = [r.candidate_id for r in ranked[job]
                 if r.candidate_id in doc_of and listable(Explanation.from_dict(r.explanation()))]
        grades = [max(graded.grades[i][job] for i in doc_of[c]) for c in order]
        ideal = [max(graded.grades[i][job] for i in ds) for ds in doc_of.values()]
        out[job] = ndcg(grades, ideal, k)
    return out


def fit(graded_dir: Path, root: Path, home: Path, trials: int, refine_steps: int = 60, seed: int = 11,
        names: Sequence[str] | None = None) -> dict:
    from hotlist.evaluation.rank_graded import _workspace_documents
    from hotlist.pipeline.rank.ranking import DEFAULT_WEIGHTS

    graded = load_graded(graded_dir, root)
    candidates, jobs = _load_workspace(home)
    doc_to_candidate, _ = _workspace_documents(graded, home)
    doc_of: dict[int, list[int]] = {}
    for i, c in doc_to_candidate.items():
        doc_of.setdefault(c, []).append(i)
    job_ids = graded_jobs(graded, [j.id for j in jobs])
    rng = np.random.default_rng(seed)
    space = {n: SPACE[n] for n in (names or SPACE)}

    def score(w) -> np.ndarray:
        row = per_job_ndcg(candidates, jobs, w, graded, doc_of, job_ids)
        return np.array([row[j] for j in job_ids])

    def draw(base=None, scale: float = 1.0):
        for _ in range(20):
            if base is None:
                values = {n: float(np.round(rng.uniform(lo, hi), 2)) for n, (lo, hi) in space.items()}
            else:
                values = {n: getattr(base, n) for n in space}
                for n in rng.choice(list(space), size=2, replace=False):
                    lo, hi = space[n]
                    values[n] = float(np.round(np.clip(values[n] + rng.normal(0, 0.25 * scale * (hi - lo)), lo, hi), 2))
            try:
                return dataclasses.replace(DEFAULT_WEIGHTS, **values)
            except ValueError:
                continue
        return DEFAULT_WEIGHTS

    settings = [DEFAULT_WEIGHTS] + [draw() for _ in range(trials)]
    table = np.array([score(w) for w in settings])

    def refine(mask: np.ndarray, steps: int):
        """Hill-climb from the best pooled setting on the jobs in ``mask`` only."""
        best_k = int(np.argmax(table[:, mask].mean(axis=1)))
        best_w, best_row = settings[best_k], table[best_k]
        for step in range(steps):
            cand = draw(best_w, scale=1.0 - step / max(steps, 1) * 0.7)
            row = score(cand)
            if row[mask].mean() > best_row[mask].mean():
                best_w, best_row = cand, row
        return best_w, best_row

    everything = np.ones(len(job_ids), dtype=bool)
    best_w, best_row = refine(everything, refine_steps)
    lojo = {}
    for k, job in enumerate(job_ids):
        mask = everything.copy()
        mask[k] = False
        w, row = refine(mask, max(refine_steps // 2, 0))
        lojo[job] = {"held_out_ndcg5": float(row[k]), "weights": {n: getattr(w, n) for n in space}}
    return {
        "jobs": job_ids, "settings": len(settings),
        "defaults_ndcg5": dict(zip(job_ids, table[0].tolist())), "defaults_mean": float(table[0].mean()),
        "in_sample_mean": float(best_row.mean()), "in_sample_per_job": dict(zip(job_ids, best_row.tolist())),
        "lojo_mean": float(np.mean([v["held_out_ndcg5"] for v in lojo.values()])), "lojo": lojo,
        "weights": {name: getattr(best_w, name) for name in space},
    }


@click.command(name="rank-fit")
@click.option("--graded", required=True, type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder the graded set's file paths are relative to (default: two levels above --graded).")
@click.option("--workspace", required=True, type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A workspace ingested by `hotlist eval rank --graded DIR --workspace WS`.")
@click.option("--trials", default=200, show_default=True, help="Random weight settings tried.")
@click.option("--refine", "refine_steps", default=60, show_default=True,
              help="Hill-climbing steps from the best random setting (half as many in each leave-one-job-out fold).")
@click.option("--only", default="", help="Comma-separated weights to search (default: all of SPACE); the rest keep their defaults.")
def command(graded: Path, root: Path | None, workspace: Path, trials: int, refine_steps: int, only: str) -> None:
    """Fit the ranking blend on a graded set; leave-one-job-out NDCG@5 beside in-sample."""
    names = [n.strip() for n in only.split(",") if n.strip()] or None
    unknown = sorted(set(names or ()) - set(SPACE))
    if unknown:
        raise click.ClickException(f"unknown weight {unknown[0]!r} (searchable: {', '.join(SPACE)})")
    report = fit(graded, root or graded.resolve().parents[1], workspace, trials, refine_steps, names=names)
    click.echo(json.dumps(report, indent=1))
