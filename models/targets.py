"""Client-named targets of a job: stored from the job's YAML or the job page, and matched to candidates.

A YAML import keeps the file's targets in step with the file (adds, updates and drops its own entries) and never
touches a target typed on the page; the page's targets are only ever added by a recruiter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hotlist.errors import DuplicateTarget
from hotlist.models.identity import candidates_with_keys, person_records
from hotlist.models.jobs import get_job
from hotlist.models.orm import Candidate, JobTarget
from hotlist.pipeline.calls.people import normalise_name
from hotlist.pipeline.jobs.targets import TargetMatch, match_target, target_contact_keys, target_key

__all__ = ["StoredTarget", "add_target", "erase_targets_of", "job_targets", "match_targets", "sync_yaml_targets"]


@dataclass(frozen=True)
class StoredTarget:
    id: int
    job_id: str
    name: str
    company: str
    contact: str
    source: str
    added_by: str
    added_at: datetime


def _plain(row: JobTarget) -> StoredTarget:
    added = row.added_at if row.added_at.tzinfo else row.added_at.replace(tzinfo=timezone.utc)
    return StoredTarget(row.id, row.job_id, row.name, row.company, row.contact or "", row.source, row.added_by or "", added)


def job_targets(session: Session, job_id: str) -> list[StoredTarget]:
    """A job's client-named targets, in the order they were added."""
    rows = session.scalars(select(JobTarget).where(JobTarget.job_id == job_id).order_by(JobTarget.id))
    return [_plain(row) for row in rows]


def add_target(session: Session, job_id: str, name: str, company: str, contact: str | None = None, *,
               added_by: str | None = None) -> StoredTarget:
    """A target typed on the job page; raises ``DuplicateTarget`` when the job already lists that person."""
    get_job(session, job_id)
    key = target_key(name, company)
    held = session.scalar(select(JobTarget).where(JobTarget.job_id == job_id, JobTarget.target_key == key))
    if held is not None:
        raise DuplicateTarget(f"{held.name} ({held.company}) is already a client-named target of {job_id}")
    row = JobTarget(job_id=job_id, name=name.strip(), company=company.strip(), contact=(contact or "").strip() or None,
                    target_key=key, source="web", added_by=added_by, added_at=datetime.now(timezone.utc))
    session.add(row)
    session.flush()
    return _plain(row)


def sync_yaml_targets(session: Session, job_id: str, targets: Sequence) -> None:
    """Make the job's YAML targets (``pipeline.jobs.Target``) what the file says; targets added on the page stay
    as the recruiter typed them, even when the file names the same person."""
    held = {row.target_key: row for row in session.scalars(select(JobTarget).where(JobTarget.job_id == job_id))}
    wanted = {}
    for target in targets:
        wanted.setdefault(target_key(target.name, target.company), target)
    for key, row in held.items():
        if row.source == "yaml" and key not in wanted:
            session.execute(delete(JobTarget).where(JobTarget.id == row.id))
    for key, target in wanted.items():
        row = held.get(key)
        if row is None:
            session.add(JobTarget(job_id=job_id, name=target.name, company=target.company, contact=target.contact,
                                  target_key=key, source="yaml", added_at=datetime.now(timezone.utc)))
        elif row.source == "yaml":
            row.name, row.company, row.contact = target.name, target.company, target.contact
    session.flush()


def match_targets(session: Session, targets: Sequence[StoredTarget], default_region: str = "US") -> dict[int, TargetMatch]:
    """Each target's stored candidate (by target id), found by a shared contact or the same name (then checked
    against the company by ``pipeline.targets.match_target``)."""
    if not targets:
        return {}
    by_key = {t.id: candidates_with_keys(session.connection(), target_contact_keys(t.contact, default_region))
              for t in targets}
    names = {normalise_name(t.name) for t in targets}
    same_name = [cid for cid, name in session.execute(select(Candidate.id, Candidate.name))
                 if normalise_name(name) in names]
    records = person_records(session, {*same_name, *(cid for found in by_key.values() for cid in found)})
    return {t.id: match_target(t.name, t.company, t.contact, records, default_region=default_region) for t in targets}


def erase_targets_of(session: Session, candidate_ids: Sequence[int], default_region: str = "US") -> int:
    """Delete every job's client-named target that is one of these candidates (an erased person); return how many.

    A target row holds a name, a company and maybe a contact: personal data of the person erased. Only targets
    the matching rules say *are* them go (``candidate_id``), not those merely sharing a name.
    """
    wanted = set(candidate_ids)
    targets = [_plain(row) for row in session.scalars(select(JobTarget))]
    gone = [tid for tid, found in match_targets(session, targets, default_region).items() if found.candidate_id in wanted]
    if gone:
        session.execute(delete(JobTarget).where(JobTarget.id.in_(gone)))
    return len(gone)
