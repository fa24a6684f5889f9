"""Bridges between stored rows and the pipeline's ranking and export types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hotlist.models.orm import Candidate, Job
from hotlist.models.store import (
    candidate_rows_for_ranking,
    do_not_call_ids,
    get_job,
    last_contacts,
    latest_matches,
    latest_run_id,
    list_jobs,
    previous_export,
)
from hotlist.pipeline.export import CallListRow, Changes, compare_with_previous

if TYPE_CHECKING:  # ranking brings scikit-learn: printing a call list must not import it
    from hotlist.pipeline.ranking import CandidateProfile, JobProfile

COOLDOWN_ACTIONS = ("omit", "mark")


def load_candidate_profiles(session: Session) -> list[CandidateProfile]:
    """Every rankable candidate as a ``CandidateProfile``, with each skill's evidence snippet and years."""
    from hotlist.pipeline.ranking import CandidateProfile

    profiles = []
    for candidate, skills in candidate_rows_for_ranking(session):
        profiles.append(
            CandidateProfile(
                id=candidate.id,
                name=candidate.name,
                text=candidate.resume_text or "",
                skill_ids=frozenset(s.skill_id for s in skills),
                skill_last_used={s.skill_id: s.last_used for s in skills if s.last_used},
                years_experience=candidate.years_experience,
                location=candidate.location,
                titles=tuple(e.get("title") or "" for e in candidate.experience or [] if e.get("title")),
                skill_snippets={s.skill_id: s.snippet for s in skills if s.snippet},
                # years_used is absent from skills stored before evidence was recorded.
                skill_years={s.skill_id: y for s in skills if (y := getattr(s, "years_used", None))},
            )
        )
    return profiles


def job_profile(job: Job) -> JobProfile:
    """A stored job as a ``JobProfile``: requirements keyed by skill id, or by normalised text."""
    from hotlist.pipeline.ranking import JobProfile, text_requirement_id

    def reqs(kind: str) -> tuple[tuple[str, str], ...]:
        return tuple(
            (r.skill_id or text_requirement_id(r.label), r.label) for r in job.requirements if r.kind == kind
        )

    return JobProfile(
        id=job.id,
        title=job.title,
        description=job.description or "",
        must_have=reqs("must"),
        nice_to_have=reqs("nice"),
        min_years=job.min_years or 0.0,
        location=job.location,
        remote=job.remote,
    )


def load_job_profiles(session: Session, job_id: str | None = None) -> list[JobProfile]:
    """Open jobs (or the one named, open or not), hottest first."""
    jobs = list_jobs(session, open_only=job_id is None)
    if job_id is not None:
        jobs = [j for j in jobs if j.id == job_id]
    return [job_profile(j) for j in jobs]


@dataclass
class CallList:
    """One job's call list, ready to write or print, and what changed since the previous export."""

    job_id: str
    title: str
    urgency: int
    location: str | None
    rows: list[CallListRow]
    changes: Changes
    run_id: int | None
    gone_names: dict[int, str] = field(default_factory=dict)


def build_call_list(
    session: Session,
    job_id: str,
    *,
    cooldown_days: int,
    limit: int,
    now: datetime | None = None,
    cooldown_action: str = "omit",
    compare_with: str = "latest",
) -> CallList:
    """The call list for a job from its latest match run.

    Do-not-call candidates never appear. Candidates contacted within the cooldown
    are left out (``cooldown_action="omit"``) or kept with ``cooldown_until`` set
    (``"mark"``). Anyone with none of the job's must-haves (when it has some) is
    left out. Ranks are renumbered 1..n over who remains. ``compare_with``:
    ``"latest"`` compares with the newest export of the job (what a new export
    will say), ``"previous"`` with the one before it (what the newest export said).
    """
    if cooldown_action not in COOLDOWN_ACTIONS:
        raise ValueError(f"unknown cooldown action {cooldown_action!r}: use omit or mark")
    now = now or datetime.now(timezone.utc)
    job = get_job(session, job_id)
    blocked = do_not_call_ids(session)
    contacts = last_contacts(session)
    rows: list[CallListRow] = []
    for match, candidate in latest_matches(session, job_id):
        if candidate.id in blocked:
            continue
        contact = contacts.get(candidate.id)
        cooling = contact is not None and (now - contact[0]).days < cooldown_days
        if cooling and cooldown_action == "omit":
            continue
        explanation = match.explanation or {}
        if explanation.get("missing_must") and not explanation.get("matched_must"):
            continue
        rows.append(
            CallListRow(
                rank=len(rows) + 1,
                candidate_id=candidate.id,
                name=candidate.name or "",
                phone=candidate.phone or "",
                email=candidate.email or "",
                score=match.score,
                matched_skills=explanation.get("matched_must", []) + explanation.get("matched_nice", []),
                missing_skills=list(explanation.get("missing_must", [])),
                reason=match.reason,
                location=candidate.location or "",
                years_experience=candidate.years_experience,
                source_file=_source_file(candidate),
                why_not_higher=explanation.get("why_not_higher", ""),
                ask_about=list(explanation.get("ask_about", [])),
                last_contacted=f"{contact[0]:%Y-%m-%d}" if contact else None,
                last_outcome=contact[1] if contact else None,
                needs_review="yes" if candidate.status == "needs_review" else "",
                cooldown_until=f"{contact[0] + timedelta(days=cooldown_days):%Y-%m-%d}" if cooling else None,
                job_id=job_id,
            )
        )
        if len(rows) >= limit:
            break
    previous = previous_export(session, job_id, skip=1 if compare_with == "previous" else 0)
    changes = compare_with_previous(rows, previous)
    names = {}
    if changes.gone:
        names = {c.id: c.name or "" for c in session.query(Candidate).filter(Candidate.id.in_(changes.gone))}
    return CallList(job.id, job.title, job.urgency, job.location, rows, changes, latest_run_id(session, job_id), names)


def call_list_rows(
    session: Session,
    job_id: str,
    *,
    cooldown_days: int,
    limit: int,
    now: datetime | None = None,
    cooldown_action: str = "omit",
    compare_with: str = "latest",
) -> list[CallListRow]:
    """The rows of :func:`build_call_list`."""
    return build_call_list(
        session, job_id, cooldown_days=cooldown_days, limit=limit, now=now,
        cooldown_action=cooldown_action, compare_with=compare_with,
    ).rows


def _source_file(candidate: Candidate) -> str:
    docs = sorted(candidate.documents, key=lambda d: d.id)
    return docs[-1].path if docs else ""
