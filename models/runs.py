"""Match runs and call-list exports: save a ranking, read the latest matches, exports and freshness.

Functions take an open ``Session`` or ``Connection`` (the caller owns the transaction) and return
plain data; nothing here parses or ranks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hotlist.models.orm import CallListExport, CallOutcome, Candidate, CandidateSkill, Match, MatchRun
from hotlist.pipeline.calls.call_list import EXCLUDED_STATUSES

from hotlist.models.jobs import list_jobs
from hotlist.models.outcomes import as_utc


def last_match_time(session: Session) -> datetime | None:
    """When the latest match run finished (UTC), or None if nothing was ever ranked."""
    return session.scalar(select(func.max(MatchRun.finished_at)))


def candidate_rows_for_ranking(session: Session) -> list[tuple[Candidate, list[CandidateSkill]]]:
    """Candidates that can be ranked (not quarantined, erased, or a template / non-resume), with their skills."""
    candidates = session.scalars(
        select(Candidate).options(selectinload(Candidate.skills)).where(Candidate.status.not_in(EXCLUDED_STATUSES)).order_by(Candidate.id)
    ).all()
    return [(c, list(c.skills)) for c in candidates]


def save_match_run(
    session: Session,
    ranked: dict[str, list],
    *,
    candidate_count: int,
    flow_run_id: str | None = None,
    notes: dict | None = None,
) -> int:
    """Store one match run (``ranked``: job id -> ``RankedCandidate`` list) and return its id.

    ``notes``: what else shaped the run (the outcome model and how it moved the order).
    """
    run = MatchRun(job_ids=sorted(ranked), candidate_count=candidate_count, flow_run_id=flow_run_id, notes=notes)
    session.add(run)
    session.flush()
    for job_id, rows in ranked.items():
        for row in rows:
            session.add(
                Match(
                    run_id=run.id,
                    job_id=job_id,
                    candidate_id=row.candidate_id,
                    rank=row.rank,
                    score=row.score,
                    reason=row.reason,
                    explanation=row.explanation(),
                )
            )
    run.finished_at = datetime.now(timezone.utc)
    session.flush()
    return run.id


def latest_matches(session: Session, job_id: str) -> list[tuple[Match, Candidate]]:
    """The newest match run's ranked candidates for ``job_id``, best first."""
    run_id = session.scalar(select(func.max(Match.run_id)).where(Match.job_id == job_id))
    if run_id is None:
        return []
    return list(
        session.execute(
            select(Match, Candidate)
            .join(Candidate, Candidate.id == Match.candidate_id)
            .where(Match.job_id == job_id, Match.run_id == run_id)
            .order_by(Match.rank)
        ).all()
    )


def latest_run_id(session: Session, job_id: str) -> int | None:
    """The newest match run that ranked ``job_id``."""
    return session.scalar(select(func.max(Match.run_id)).where(Match.job_id == job_id))


def previous_export(session: Session, job_id: str, *, skip: int = 0) -> dict[int, int] | None:
    """candidate id -> rank on the newest export of ``job_id`` (``skip=1``: the one before); None if none."""
    row = session.scalars(
        select(CallListExport).where(CallListExport.job_id == job_id).order_by(CallListExport.id.desc())
        .offset(skip).limit(1)
    ).first()
    if row is None:
        return None
    return {int(cid): int(rank) for cid, rank in row.entries}


def save_call_list_export(
    session: Session, job_id: str, entries: Sequence[tuple[int, int]], changes: dict, *, run_id: int | None
) -> int:
    """Record who was on an exported call list and where (``entries``: (candidate id, rank))."""
    row = CallListExport(job_id=job_id, run_id=run_id, entries=[list(e) for e in entries], changes=changes)
    session.add(row)
    session.flush()
    return row.id


def latest_export_time(session: Session, job_id: str) -> datetime | None:
    """When ``job_id`` was last exported (None: never)."""
    return session.scalar(
        select(CallListExport.created_at).where(CallListExport.job_id == job_id).order_by(CallListExport.id.desc()).limit(1)
    )


def latest_export_changes(session: Session, job_id: str) -> dict | None:
    """The ``changes`` recorded with the newest export of ``job_id``."""
    return session.scalar(
        select(CallListExport.changes).where(CallListExport.job_id == job_id).order_by(CallListExport.id.desc()).limit(1)
    )


def latest_run_notes(session: Session) -> dict | None:
    """The ``notes`` of the newest match run (the outcome model used and how it moved each job's top)."""
    return session.scalar(select(MatchRun.notes).order_by(MatchRun.id.desc()).limit(1))


def ranking_freshness(session: Session, *, with_outcomes: bool = False) -> tuple[dict[str, datetime], dict[str, datetime | None], datetime | None]:
    """What the incremental nightly compares: open jobs' last change (hottest first), when each
    was last ranked, and the latest candidate change (and call outcome, when outcomes shape the ranking)."""
    jobs = list_jobs(session, open_only=True)
    last_run = dict(session.execute(select(Match.job_id, func.max(Match.run_id)).group_by(Match.job_id)).all())
    started = dict(session.execute(select(MatchRun.id, MatchRun.started_at)).all()) if last_run else {}
    latest = session.scalar(select(func.max(Candidate.updated_at)))
    if with_outcomes:
        latest_outcome = session.scalar(select(func.max(CallOutcome.created_at)))
        if latest_outcome is not None and (latest is None or as_utc(latest_outcome) > as_utc(latest)):
            latest = latest_outcome
    return (
        {job.id: job.updated_at for job in jobs},
        {job.id: started.get(last_run[job.id]) if job.id in last_run else None for job in jobs},
        latest,
    )
