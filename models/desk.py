"""What the recruiter's desk (the web page) reads and writes: call counts per job, a job's call history, one
candidate's record, and an outcome recorded once however often its form is posted."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hotlist.models.orm import CallOutcome, Candidate, CandidateSkill, Document
from hotlist.errors import UnknownCandidate
from hotlist.models.candidates import get_candidate
from hotlist.models.outcomes import record_outcome

__all__ = ["CallRecord", "JobCounts", "call_history", "candidate_record", "contact_cards", "job_counts",
           "record_outcome_once", "recent_documents", "stored_paths"]


@dataclass(frozen=True)
class CallRecord:
    """One recorded call."""

    candidate_id: int
    name: str
    job_id: str | None
    outcome: str
    note: str
    when: datetime
    callback_on: date | None
    source: str


@dataclass
class JobCounts:
    """How far a job's calling has got: distinct people called, and whose latest outcome is interested/placed."""

    called: int = 0
    interested: int = 0
    placed: int = 0
    latest: dict[int, str] = field(default_factory=dict)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def call_history(session: Session, *, job_id: str | None = None, candidate_id: int | None = None) -> list[CallRecord]:
    """Calls about ``job_id`` and/or to ``candidate_id``, oldest first."""
    query = select(CallOutcome, Candidate.name).join(Candidate, Candidate.id == CallOutcome.candidate_id)
    if job_id is not None:
        query = query.where(CallOutcome.job_id == job_id)
    if candidate_id is not None:
        query = query.where(CallOutcome.candidate_id == candidate_id)
    rows = session.execute(query.order_by(CallOutcome.created_at, CallOutcome.id)).all()
    return [CallRecord(o.candidate_id, name or "", o.job_id, o.outcome, o.note or "", _aware(o.created_at), o.callback_on,
                       o.source or "") for o, name in rows]


def job_counts(session: Session) -> dict[str, JobCounts]:
    """Per job id: people called about it, and how many of them are (latest outcome) interested or placed."""
    counts: dict[str, JobCounts] = {}
    rows = session.execute(select(CallOutcome.job_id, CallOutcome.candidate_id, CallOutcome.outcome)
                           .where(CallOutcome.job_id.is_not(None)).order_by(CallOutcome.created_at, CallOutcome.id)).all()
    for job_id, candidate_id, outcome in rows:
        counts.setdefault(job_id, JobCounts()).latest[candidate_id] = outcome
    for entry in counts.values():
        entry.called = len(entry.latest)
        entry.interested = sum(1 for o in entry.latest.values() if o == "interested")
        entry.placed = sum(1 for o in entry.latest.values() if o == "placed")
    return counts


# Document kinds a browser shows inline (and their media types); others are shown as their text.
INLINE_KINDS = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg"}


def candidate_record(session: Session, candidate_id: int) -> dict[str, Any]:
    """A candidate's stored fields, documents and skills (with the resume snippet behind each)."""
    candidate = get_candidate(session, candidate_id)
    documents = session.scalars(select(Document).where(Document.candidate_id == candidate_id).order_by(Document.id)).all()
    skills = session.execute(select(CandidateSkill).where(CandidateSkill.candidate_id == candidate_id)).scalars().all()
    return {
        "id": candidate.id, "name": candidate.name or "", "email": candidate.email or "", "phone": candidate.phone or "",
        "emails": list(candidate.emails or []), "phones": list(candidate.phones or []), "links": list(candidate.links or []),
        "location": candidate.location or "", "years_experience": candidate.years_experience,
        "resume_date": candidate.resume_date or "", "resume_date_source": candidate.resume_date_source or "",
        "experience": list(candidate.experience or []), "education": list(candidate.education or []),
        "status": candidate.status, "resume_text": candidate.resume_text or "",
        "documents": [{"id": d.id, "filename": d.filename, "kind": d.kind or "", "status": d.status, "reason": d.reason or "",
                       "received": _aware(d.created_at),
                       "inline": (d.kind or "").lower() in INLINE_KINDS and d.status != "suppressed"}
                      for d in documents],
        "skills": sorted(({"id": s.skill_id, "name": s.skill.name if s.skill else s.skill_id, "mentions": s.mentions,
                           "last_used": s.last_used, "snippet": s.snippet or ""} for s in skills), key=lambda s: s["name"].lower()),
    }


def document_source(session: Session, candidate_id: int, document_id: int) -> tuple[str, str, int | None, str, str]:
    """``(path, sha256, size, kind, filename)`` of one of the candidate's documents; ``UnknownCandidate`` if it is
    not theirs."""
    found = session.execute(select(Document.path, Document.sha256, Document.size_bytes, Document.kind,
                                   Document.filename).where(Document.id == document_id,
                                                            Document.candidate_id == candidate_id)).first()
    if found is None:
        raise UnknownCandidate(f"candidate {candidate_id} has no document {document_id}")
    return found.path, found.sha256, found.size_bytes, found.kind or "", found.filename


def contact_cards(session: Session, ids) -> dict[int, dict[str, Any]]:
    """Name, phone, email and location of each candidate in ``ids`` (those that exist)."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    rows = session.execute(select(Candidate.id, Candidate.name, Candidate.phone, Candidate.email, Candidate.location)
                           .where(Candidate.id.in_(wanted)))
    return {cid: {"id": cid, "name": name or "", "phone": phone or "", "email": email or "", "location": location or ""}
            for cid, name, phone, email, location in rows}


def recent_documents(session: Session, limit: int = 10) -> list[dict[str, Any]]:
    """The newest stored documents: file name, when, status (and why), and the candidate it joined."""
    rows = session.execute(select(Document, Candidate.name).outerjoin(Candidate, Candidate.id == Document.candidate_id)
                           .order_by(Document.created_at.desc(), Document.id.desc()).limit(limit)).all()
    return [{"filename": d.filename, "received": _aware(d.created_at), "status": d.status, "reason": d.reason or "",
             "candidate_id": d.candidate_id, "name": name or ""} for d, name in rows]


def stored_paths(session: Session, paths: list[str]) -> set[str]:
    """Those of ``paths`` a stored document was read from."""
    found: set[str] = set()
    for i in range(0, len(paths), 500):  # bounded IN lists
        found.update(session.scalars(select(Document.path).where(Document.path.in_(paths[i : i + 500]))))
    return found


def record_outcome_once(session: Session, key: str, candidate_id: int, job_id: str | None, outcome: str,
                        note: str | None = None, *, callback_on: date | None = None, source: str = "web") -> bool:
    """Record a call unless one with this ``key`` (a form's one-time token) was recorded: True when recorded now."""
    digest = hashlib.sha256(f"{source}:{key}".encode()).hexdigest()
    if session.scalar(select(CallOutcome.id).where(CallOutcome.import_key == digest)) is not None:
        return False
    try:
        with session.begin_nested():  # two posts at once: the unique key lets one through
            row = record_outcome(session, candidate_id, job_id, outcome, note, source=source, callback_on=callback_on)
            row.import_key = digest
            session.flush()
    except IntegrityError:
        return False
    return True
