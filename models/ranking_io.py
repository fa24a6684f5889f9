"""Bridges between stored rows and the pipeline's ranking and export types."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from models.orm import Job
from models.store import candidate_rows_for_ranking, do_not_call_ids, last_contacts, latest_matches, list_jobs
from pipeline.export import CallListRow
from pipeline.ranking import CandidateProfile, JobProfile, text_requirement_id


def load_candidate_profiles(session: Session) -> list[CandidateProfile]:
    """Every rankable candidate as a ``CandidateProfile``."""
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
            )
        )
    return profiles


def job_profile(job: Job) -> JobProfile:
    """A stored job as a ``JobProfile``: requirements keyed by skill id, or by normalised text."""

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


def call_list_rows(
    session: Session, job_id: str, *, cooldown_days: int, limit: int, now: datetime | None = None
) -> list[CallListRow]:
    """The call list for a job from its latest match run.

    Do-not-call candidates never appear; candidates contacted within the cooldown are
    left out, and so is anyone who has none of the job's must-haves (when it has
    some).  Ranks are renumbered 1..n over who remains.
    """
    now = now or datetime.now(timezone.utc)
    blocked = do_not_call_ids(session)
    contacts = last_contacts(session)
    rows: list[CallListRow] = []
    for match, candidate in latest_matches(session, job_id):
        if candidate.id in blocked:
            continue
        contact = contacts.get(candidate.id)
        if contact and (now - contact[0]).days < cooldown_days:
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
                matched_skills=", ".join(explanation.get("matched_must", []) + explanation.get("matched_nice", [])),
                missing_skills=", ".join(explanation.get("missing_must", [])),
                reason=match.reason,
                location=candidate.location or "",
                years_experience=candidate.years_experience,
                source_file=_source_file(candidate),
            )
        )
        if len(rows) >= limit:
            break
    return rows


def _source_file(candidate) -> str:
    docs = sorted(candidate.documents, key=lambda d: d.id)
    return docs[-1].path if docs else ""
