"""Stored hot jobs: insert or update them from YAML, list them, get one.

Functions take an open ``Session`` or ``Connection`` (the caller owns the transaction) and return
plain data; nothing here parses or ranks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hotlist.models.orm import Job, JobRequirement
from hotlist.errors import UnknownJob


def upsert_jobs(session: Session, jobs: Sequence, resolve: Callable[[str], tuple[str, str] | None], *, source: str | None = None) -> list[str]:
    """Insert or replace jobs (``pipeline.jobs.HotJob``); ``resolve(label)`` maps a skill label to (id, name).

    A job whose definition is unchanged is left alone, so its ``updated_at`` still says
    when it last really changed (the incremental nightly re-ranks only changed jobs). Its client-named
    targets follow the file (``models.targets.sync_yaml_targets``): those typed on the job page are kept.
    """
    ids = []
    for spec in jobs:
        job = session.get(Job, spec.id)
        fields = {
            "title": spec.title, "client": spec.client, "location": spec.location, "remote": spec.remote,
            "min_years": spec.min_years, "urgency": spec.urgency, "openings": spec.openings,
            "status": spec.status, "description": spec.description,
        }
        requirements = [
            (kind, label, (resolve(label) or (None,))[0])
            for kind, labels in (("must", spec.must_have), ("nice", spec.nice_to_have))
            for label in labels
        ]
        ids.append(spec.id)
        if job is not None and _job_state(job) == (fields, requirements):
            _sync_targets(session, spec)
            continue
        if job is None:
            job = Job(id=spec.id)
            session.add(job)
        for name, value in fields.items():
            setattr(job, name, value)
        job.source_file = source
        job.updated_at = datetime.now(timezone.utc)
        job.requirements.clear()
        session.flush()
        for position, (kind, label, skill_id) in enumerate(requirements):
            job.requirements.append(JobRequirement(kind=kind, label=label, skill_id=skill_id, position=position))
        _sync_targets(session, spec)
    session.flush()
    return ids


def _sync_targets(session: Session, spec) -> None:
    from hotlist.models.targets import sync_yaml_targets

    session.flush()
    sync_yaml_targets(session, spec.id, spec.targets)


def _job_state(job: Job) -> tuple[dict, list]:
    fields = {
        "title": job.title, "client": job.client, "location": job.location, "remote": job.remote,
        "min_years": job.min_years, "urgency": job.urgency, "openings": job.openings,
        "status": job.status, "description": job.description,
    }
    return fields, [(r.kind, r.label, r.skill_id) for r in job.requirements]


def list_jobs(session: Session, *, open_only: bool = False) -> list[Job]:
    """Jobs, hottest first (urgency, then id)."""
    query = select(Job).options(selectinload(Job.requirements)).order_by(Job.urgency.desc(), Job.id)
    if open_only:
        query = query.where(Job.status == "open")
    return list(session.scalars(query))


def job_exists(session: Session, job_id: str) -> bool:
    return session.get(Job, job_id) is not None


def get_job(session: Session, job_id: str) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise UnknownJob(f"no hot job with id '{job_id}': see `hotlist jobs list`")
    return job
