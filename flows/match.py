"""Match flow: rank every candidate against every open hot job (or one) and store the run.

When enough calls have a clear result (``HOTLIST_OUTCOME_MODEL_MIN``), a logistic
regression fitted on them is blended into the scores (``HOTLIST_OUTCOME_BLEND``);
the run's ``notes`` record the model and how it moved each job's top 10.
"""

from __future__ import annotations

import os
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.runtime import flow_run

from hotlist.settings import get_settings
from hotlist.models.db import session_scope
from hotlist.models.ranking_io import load_candidate_profiles, load_job_profiles
from hotlist.models.jobs import get_job
from hotlist.models.outcomes import outcome_training_samples
from hotlist.models.runs import ranking_freshness, save_match_run
from hotlist.pipeline.rank.incremental import RescorePlan, plan_rescore
from hotlist.pipeline.calls.outcomes import OutcomeModel, blend_changes, describe_changes, fit_outcome_model
from hotlist.pipeline.rank.ranking import CandidateProfile, JobProfile, RankedCandidate, RankingWeights, load_weights, rank_candidates


@task(name="plan-rescore")
def plan(database_url: str, full: bool, with_outcomes: bool) -> RescorePlan:
    """Which open jobs changed, or saw new candidates, since they were last ranked."""
    with session_scope(database_url) as session:
        job_changed, last_ranked, latest_candidate = ranking_freshness(session, with_outcomes=with_outcomes)
    return plan_rescore(job_changed, last_ranked, latest_candidate, full=full)


@task(name="load-profiles")
def load_profiles(database_url: str, job_ids: list[str] | None) -> tuple[list[CandidateProfile], list[JobProfile]]:
    """Candidates and the jobs to rank: ``job_ids`` (open or not), or every open job when None."""
    with session_scope(database_url) as session:
        for job_id in job_ids or []:
            get_job(session, job_id)  # raises UnknownJob with a helpful message
        if job_ids is None:
            jobs = load_job_profiles(session, None)
        else:
            jobs = [profile for job_id in job_ids for profile in load_job_profiles(session, job_id)]
        return load_candidate_profiles(session), jobs


@task(name="fit-outcome-model")
def fit_model(database_url: str, min_samples: int) -> OutcomeModel | None:
    """A logistic regression on recorded outcomes, or None while there are too few."""
    with session_scope(database_url) as session:
        samples = outcome_training_samples(session)
    return fit_outcome_model(samples, min_samples=min_samples)


@task(name="rank")
def rank(
    candidates: list[CandidateProfile],
    jobs: list[JobProfile],
    weights: RankingWeights,
    keep: int,
    model: OutcomeModel | None = None,
    blend: float = 0.0,
) -> dict[str, list[RankedCandidate]]:
    return rank_candidates(candidates, jobs, weights, top_n=keep, model=model, blend=blend)


@task(name="save-run")
def save_run(
    database_url: str,
    ranked: dict[str, list[RankedCandidate]],
    candidate_count: int,
    run_id: str | None,
    notes: dict[str, Any] | None = None,
) -> int:
    with session_scope(database_url) as session:
        return save_match_run(session, ranked, candidate_count=candidate_count, flow_run_id=run_id, notes=notes)


def _run_name() -> str:
    return f"match-{flow_run.parameters.get('job_id') or 'open-jobs'}"


@flow(name="match", flow_run_name=_run_name)
def match(job_id: str | None = None, full: bool = False) -> dict[str, int]:
    """Rank candidates for the open jobs that need it (or ``job_id``); returns job id -> candidates ranked.

    Without ``job_id``, a job is re-ranked only if it changed or candidates (or, with the
    outcome model on, call outcomes) changed since its last ranking; ``full`` re-ranks all.
    A run with nothing to do stores nothing and returns an empty mapping.
    """
    settings = get_settings()
    job_ids: list[str] | None = [job_id] if job_id else None
    if job_id is None:
        todo = plan(settings.db_url, full, settings.outcome_blend > 0)
        get_run_logger().info("re-ranking %d job(s), %d unchanged", len(todo.rerank), len(todo.unchanged))
        if not todo.rerank:
            return {}
        job_ids = todo.job_ids
    candidates, jobs = load_profiles(settings.db_url, job_ids)
    weights = load_weights(settings.ranking_weights, env=os.environ)
    model = fit_model(settings.db_url, settings.outcome_model_min) if settings.outcome_blend > 0 else None
    ranked = rank(candidates, jobs, weights, settings.match_keep, model, settings.outcome_blend)
    notes = None
    if model is not None:
        changes = blend_changes(ranked)
        notes = {"outcome_model": model.describe(), "blend": settings.outcome_blend, "changes": changes}
        logger = get_run_logger()
        logger.info("outcome model %s, blended at %s", model.describe(), settings.outcome_blend)
        for jid, change in changes.items():
            logger.info("%s: %s", jid, describe_changes(change))
    save_run(settings.db_url, ranked, len(candidates), flow_run.get_id(), notes)
    return {job_id: len(rows) for job_id, rows in ranked.items()}
