"""Match flow: rank every candidate against every open hot job (or one) and store the run."""

from __future__ import annotations

import os

from prefect import flow, task
from prefect.runtime import flow_run

from hotlist.settings import get_settings
from models.db import session_scope
from models.ranking_io import load_candidate_profiles, load_job_profiles
from models.store import get_job, save_match_run
from pipeline.ranking import CandidateProfile, JobProfile, RankedCandidate, RankingWeights, load_weights, rank_candidates


@task(name="load-profiles")
def load_profiles(database_url: str, job_id: str | None) -> tuple[list[CandidateProfile], list[JobProfile]]:
    with session_scope(database_url) as session:
        if job_id is not None:
            get_job(session, job_id)  # raises UnknownJob with a helpful message
        return load_candidate_profiles(session), load_job_profiles(session, job_id)


@task(name="rank")
def rank(candidates: list[CandidateProfile], jobs: list[JobProfile], weights: RankingWeights, keep: int) -> dict[str, list[RankedCandidate]]:
    return rank_candidates(candidates, jobs, weights, top_n=keep)


@task(name="save-run")
def save_run(database_url: str, ranked: dict[str, list[RankedCandidate]], candidate_count: int, run_id: str | None) -> int:
    with session_scope(database_url) as session:
        return save_match_run(session, ranked, candidate_count=candidate_count, flow_run_id=run_id)


def _run_name() -> str:
    return f"match-{flow_run.parameters.get('job_id') or 'open-jobs'}"


@flow(name="match", flow_run_name=_run_name)
def match(job_id: str | None = None) -> dict[str, int]:
    """Rank candidates for each open job (or ``job_id``); returns job id -> candidates ranked."""
    settings = get_settings()
    candidates, jobs = load_profiles(settings.db_url, job_id)
    weights = load_weights(settings.ranking_weights, env=os.environ)
    ranked = rank(candidates, jobs, weights, settings.match_keep)
    save_run(settings.db_url, ranked, len(candidates), flow_run.get_id())
    return {job_id: len(rows) for job_id, rows in ranked.items()}
