"""Personal-data queries: find a candidate by email, gather everything held about them, erase it.

Functions take an open ``Session`` (the caller owns the transaction). Files on disk are
the caller's business (``hotlist.service``): these functions only say which ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from hotlist.models.orm import CallOutcome, Candidate, CandidateOverride, CandidateSkill, Document, Match, MatchRun
from hotlist.models.identity import refresh_suppressions, suppression_salt
from hotlist.models.identity_orm import CandidateMerge, PersonKey
from hotlist.models.privacy_orm import ErasedContent, Erasure
from hotlist.models.targets import erase_targets_of
from hotlist.errors import UnknownCandidate
from hotlist.pipeline.calls.erasure import content_key


@dataclass
class ErasedCandidate:
    """What was removed from the database for one candidate, and the document files to remove from disk."""

    candidate_id: int
    documents: int = 0
    skills: int = 0
    matches: int = 0
    outcomes: int = 0
    files: list[tuple[str, str, int | None]] = field(default_factory=list)  # (path, sha256, size) of each document
    erasure_id: int | None = None
    merged_ids: list[int] = field(default_factory=list)  # ids merged into them earlier: old call-list rows use these
    targets: int = 0  # client-named targets (on any job) that were this person


def candidate_ids_by_email(session: Session, email: str) -> list[int]:
    """Candidates whose main or any other email is ``email`` (case-insensitive)."""
    wanted = email.strip().lower()
    ids = set(session.scalars(select(Candidate.id).where(func.lower(Candidate.email) == wanted)))
    for cid, emails in session.execute(select(Candidate.id, Candidate.emails)):
        if any(str(e).lower() == wanted for e in emails or ()):
            ids.add(cid)
    if not ids:
        raise UnknownCandidate(f"no candidate with email {email}: see `hotlist candidates`")
    return sorted(ids)


def _candidate(session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise UnknownCandidate(f"no candidate with id {candidate_id}: see `hotlist candidates`")
    return candidate


def erase_candidate(session: Session, candidate_id: int, *, requested_by: str = "id") -> ErasedCandidate:
    """Delete the candidate, their documents, skills, matches and outcomes; log an erasure without personal data.

    The documents' contents are remembered as salted hashes only (``erased_contents``): ingest refuses
    the same bytes from then on, wherever they turn up.
    """
    _candidate(session, candidate_id)
    erased = ErasedCandidate(candidate_id)
    erased.merged_ids = sorted(set(session.scalars(
        select(CandidateMerge.merged_id).where(CandidateMerge.kept_id == candidate_id))) - {candidate_id})
    # Never-call outlives the erasure: the person's contacts stay on the suppression list as salted hashes only.
    refresh_suppressions(session, suppression_salt())
    erased.targets = erase_targets_of(session, [candidate_id, *erased.merged_ids])  # before their keys go
    session.execute(delete(PersonKey).where(PersonKey.candidate_id == candidate_id))
    session.execute(delete(CandidateMerge).where(CandidateMerge.kept_id == candidate_id))
    session.execute(delete(CandidateOverride).where(CandidateOverride.candidate_id == candidate_id))  # corrected contacts
    erased.files = [(p, s, n) for p, s, n in session.execute(
        select(Document.path, Document.sha256, Document.size_bytes).where(Document.candidate_id == candidate_id))]
    erased.documents = session.execute(delete(Document).where(Document.candidate_id == candidate_id)).rowcount
    erased.skills = session.execute(delete(CandidateSkill).where(CandidateSkill.candidate_id == candidate_id)).rowcount
    erased.matches = session.execute(delete(Match).where(Match.candidate_id == candidate_id)).rowcount
    erased.outcomes = session.execute(delete(CallOutcome).where(CallOutcome.candidate_id == candidate_id)).rowcount
    session.execute(delete(Candidate).where(Candidate.id == candidate_id))
    entry = Erasure(candidate_id=candidate_id, requested_by=requested_by, documents=erased.documents,
                    skills=erased.skills, matches=erased.matches, outcomes=erased.outcomes, files=0)
    session.add(entry)
    session.flush()
    erased.erasure_id = entry.id
    remember_erased(session, [sha for _, sha, _ in erased.files], entry.id)
    return erased


def remember_erased(session: Session, shas: Iterable[str], erasure_id: int) -> int:
    """Record the salted keys of erased contents (those already recorded are skipped); return how many are new."""
    salt = suppression_salt()
    keys = {content_key(sha, salt) for sha in shas if sha}
    held = set(session.scalars(select(ErasedContent.key_hash).where(ErasedContent.key_hash.in_(sorted(keys))))) \
        if keys else set()
    new = sorted(keys - held)
    if new:
        session.execute(insert(ErasedContent), [{"key_hash": k, "erasure_id": erasure_id} for k in new])
    return len(new)


def erased_among(session: Session, shas: Iterable[str]) -> set[str]:
    """The subset of ``shas`` (document sha256s) whose content was erased on request."""
    salt = suppression_salt()
    by_key = {content_key(sha, salt): sha for sha in set(shas) if sha}
    keys, found = sorted(by_key), set()
    for i in range(0, len(keys), 500):
        found.update(session.scalars(select(ErasedContent.key_hash).where(ErasedContent.key_hash.in_(keys[i : i + 500]))))
    return {by_key[k] for k in found}


def record_files_removed(session: Session, erasure_id: int, files: int) -> None:
    """Note on the erasure entry how many files were removed from disk."""
    entry = session.get(Erasure, erasure_id)
    if entry is not None:
        entry.files = files


def erasures(session: Session) -> list[dict]:
    """The erasure log, oldest first."""
    return [
        {"id": e.id, "erased_at": e.erased_at.isoformat(), "candidate_id": e.candidate_id,
         "requested_by": e.requested_by, "documents": e.documents, "skills": e.skills, "matches": e.matches,
         "outcomes": e.outcomes, "files": e.files}
        for e in session.scalars(select(Erasure).order_by(Erasure.id))
    ]


def candidate_data(session: Session, candidate_id: int) -> dict:
    """Everything stored about one candidate, as JSON-ready data (a subject access request)."""
    c = _candidate(session, candidate_id)
    documents = session.scalars(select(Document).where(Document.candidate_id == candidate_id).order_by(Document.id))
    skills = session.scalars(select(CandidateSkill).where(CandidateSkill.candidate_id == candidate_id)
                             .order_by(CandidateSkill.skill_id))
    matches = session.execute(select(Match, MatchRun.finished_at).join(MatchRun, MatchRun.id == Match.run_id)
                              .where(Match.candidate_id == candidate_id).order_by(Match.run_id, Match.job_id))
    outcomes = session.scalars(select(CallOutcome).where(CallOutcome.candidate_id == candidate_id)
                               .order_by(CallOutcome.id))
    return {
        "candidate": {
            "id": c.id, "name": c.name, "email": c.email, "phone": c.phone, "emails": c.emails, "phones": c.phones,
            "links": c.links, "location": c.location, "years_experience": c.years_experience,
            "experience": c.experience, "education": c.education, "status": c.status,
            "created_at": _iso(c.created_at), "updated_at": _iso(c.updated_at), "resume_text": c.resume_text,
        },
        "documents": [
            {"filename": d.filename, "path": d.path, "sha256": d.sha256, "size_bytes": d.size_bytes, "kind": d.kind,
             "status": d.status, "reason": d.reason, "parsed_at": _iso(d.parsed_at), "received_at": _iso(d.created_at),
             "parser_version": d.parser_version, "taxonomy_version": d.taxonomy_version}
            for d in documents
        ],
        "skills": [
            {"skill_id": s.skill_id, "mentions": s.mentions, "sections": s.sections, "snippet": s.snippet,
             "last_used": s.last_used}
            for s in skills
        ],
        "matches": [
            {"job_id": m.job_id, "run_id": m.run_id, "ranked_at": _iso(at), "rank": m.rank, "score": m.score,
             "reason": m.reason}
            for m, at in matches
        ],
        "outcomes": [
            {"job_id": o.job_id, "outcome": o.outcome, "note": o.note, "source": o.source,
             "created_at": _iso(o.created_at)}
            for o in outcomes
        ],
        "corrections": [
            {"field": o.field, "value": o.value, "by": o.edited_by, "at": _iso(o.edited_at)}
            for o in session.scalars(select(CandidateOverride).where(CandidateOverride.candidate_id == candidate_id)
                                     .order_by(CandidateOverride.field))
        ],
    }


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None
