"""Stored documents and candidates: store a parse result (one transaction per file), list and count them.

Functions take an open ``Session`` or ``Connection`` (the caller owns the transaction) and return
plain data; nothing here parses or ranks.
"""

from __future__ import annotations

import hashlib

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from hotlist.models.orm import Candidate, CandidateSkill, Document, Skill
from hotlist.errors import UnknownCandidate
from hotlist.models.db import transaction
from hotlist.models.identity import add_keys, on_suppression_list, same_person, suppression_salt
from hotlist.models.overrides import overrides_of
from hotlist.pipeline.parse.overrides import apply_overrides
from hotlist.pipeline.calls.people import contact_keys as person_keys
from hotlist.pipeline.parse.reparse import candidate_fields
from hotlist.pipeline.versions import PARSER_VERSION, taxonomy_version
from hotlist.pipeline.read.quarantine import printable

if TYPE_CHECKING:  # spaCy comes with it: listing commands must not import it
    from hotlist.pipeline.parse.resume import ParseOutcome


SUPPRESSED_REASON = "a contact is on the do-not-call list (stored without personal data, never listed)"


@dataclass(frozen=True)
class StoreResult:
    """What storing one parse outcome did: ``added``, ``updated``, ``duplicate``, ``quarantined`` or ``suppressed``."""

    filename: str
    action: str
    candidate_id: int | None = None
    reason: str | None = None


def known_hashes(session: Session, hashes: Iterable[str]) -> set[str]:
    """The subset of ``hashes`` already recorded as documents."""
    wanted = list(set(hashes))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        found.update(session.scalars(select(Document.sha256).where(Document.sha256.in_(chunk))))
    return found


_documents, _candidates, _skills, _candidate_skills = (
    Document.__table__, Candidate.__table__, Skill.__table__, CandidateSkill.__table__)


_DOCUMENT_BY_SHA = select(_documents.c.id).where(_documents.c.sha256 == bindparam("sha"))


_CONTACTS_OF = select(_candidates.c.emails, _candidates.c.phones, _candidates.c.links).where(
    _candidates.c.id == bindparam("candidate"))


_UPDATE_CANDIDATE = _candidates.update().where(_candidates.c.id == bindparam("candidate"))


_CLEAR_SKILLS = _candidate_skills.delete().where(_candidate_skills.c.candidate_id == bindparam("candidate"))


_INSERT_DOCUMENT, _INSERT_CANDIDATE, _INSERT_SKILL, _INSERT_CANDIDATE_SKILL = (
    _documents.insert(), _candidates.insert(), _skills.insert(), _candidate_skills.insert())


_KNOWN_SKILLS = select(_skills.c.id).where(_skills.c.id.in_(bindparam("ids", expanding=True)))


def store_parse_result(session: Session | Connection, outcome: ParseOutcome) -> StoreResult:
    """Record one file's outcome; create or update its candidate. Idempotent by sha256.

    Written as prepared Core statements (no ORM objects), on a session's connection or
    on a connection in a transaction (``models.db.transaction``, see :func:`store_parsed_file`): it
    runs once per resume beside the parse workers, on the same cores, so its cost comes
    straight off ingest throughput.
    """
    connection = session.connection() if isinstance(session, Session) else session
    if outcome.sha256 and connection.execute(_DOCUMENT_BY_SHA, {"sha": outcome.sha256}).first():
        return StoreResult(outcome.filename, "duplicate")
    now = datetime.now(timezone.utc)
    document = {
        # A file that could not even be hashed is keyed by its path (hashed to fit the column).
        "sha256": outcome.sha256 or hashlib.sha256(f"unreadable:{outcome.path}".encode("utf-8", "replace")).hexdigest(),
        "path": outcome.path, "filename": outcome.filename, "size_bytes": outcome.size_bytes, "kind": outcome.kind,
        "status": outcome.status, "reason": outcome.reason,
        "parsed_at": now if outcome.resume is not None else None, "candidate_id": None, "created_at": now,
        "parser_version": PARSER_VERSION, "taxonomy_version": taxonomy_version(),
    }
    if outcome.resume is None:
        connection.execute(_INSERT_DOCUMENT, document)
        return StoreResult(outcome.filename, "quarantined", reason=outcome.reason)

    resume = outcome.resume
    # One person across documents: any shared email, phone or profile link (pipeline.people).
    keys = person_keys(resume.emails, resume.phones, resume.links)
    candidate_id = same_person(connection, keys, resume.name)
    if candidate_id is None and on_suppression_list(connection, keys, suppression_salt()):
        # Someone erased after asking never to be called: keep the file's hash (it is not parsed again) and no
        # personal data, not even the file name.
        label = f"suppressed-{document['sha256'][:12]}"
        connection.execute(_INSERT_DOCUMENT, {**document, "path": label, "filename": label, "status": "suppressed",
                                              "reason": SUPPRESSED_REASON})
        return StoreResult(outcome.filename, "suppressed", reason=SUPPRESSED_REASON)
    action = "updated" if candidate_id is not None else "added"
    if candidate_id is None:
        fields = candidate_fields(resume)
    else:
        held = connection.execute(_CONTACTS_OF, {"candidate": candidate_id}).mappings().first()
        # A recruiter's corrections win over every later parse of the person's documents.
        fields = apply_overrides(candidate_fields(resume, held), overrides_of(connection, candidate_id))
    fields.update(status=outcome.status, updated_at=now)  # updated_at: what the incremental nightly compares against
    if candidate_id is None:
        candidate_id = connection.execute(_INSERT_CANDIDATE, {**fields, "created_at": now}).inserted_primary_key[0]
    else:
        connection.execute(_UPDATE_CANDIDATE, {**fields, "candidate": candidate_id})
        connection.execute(_CLEAR_SKILLS, {"candidate": candidate_id})
    connection.execute(_INSERT_DOCUMENT, {**document, "candidate_id": candidate_id})
    add_keys(connection, candidate_id, keys)
    insert_skills(connection, candidate_id, resume.skills)
    return StoreResult(outcome.filename, action, candidate_id, outcome.reason)


def insert_skills(connection: Connection, candidate_id: int, skills: Sequence) -> None:
    """Store a candidate's skills (``pipeline.types.CandidateSkill``), adding taxonomy ids not seen before."""
    if not skills:
        return
    known = set(connection.execute(_KNOWN_SKILLS, {"ids": [s.id for s in skills]}).scalars())
    missing = {s.id: s.name for s in skills if s.id not in known}
    if missing:
        connection.execute(_INSERT_SKILL, [{"id": i, "name": n, "category": None} for i, n in missing.items()])
    connection.execute(_INSERT_CANDIDATE_SKILL, [
        {"candidate_id": candidate_id, "skill_id": skill.id, "mentions": skill.count,
         "sections": list(skill.sections), "snippet": skill.snippet[:500], "last_used": skill.last_used,
         "first_used": skill.first_used, "years_used": skill.years_used}
        for skill in skills
    ])


def contact_keys_of(fields: dict) -> set[str]:
    """The identity keys of a candidate's stored contacts (corrected ones included)."""
    return person_keys(fields.get("emails") or [], fields.get("phones") or [], fields.get("links") or [])


def store_parsed_file(database_url: str, outcome: ParseOutcome) -> StoreResult:
    """Store one parsed file in its own transaction (what ingest calls once per file).

    Names may hold undecodable bytes or newlines: the database and logs get a printable copy.
    If another process (the watcher, a second CLI) stored the same file a moment earlier, the
    unique sha256 makes this one roll back whole: it is a duplicate.
    """
    outcome = replace(outcome, path=printable(outcome.path), filename=printable(outcome.filename))
    try:
        with transaction(database_url) as connection:
            return store_parse_result(connection, outcome)
    except IntegrityError:
        return StoreResult(outcome.filename, "duplicate")


def list_candidates(session: Session) -> list[dict]:
    """Every stored candidate, newest first, with their source file."""
    latest_doc = (
        select(Document.candidate_id, func.max(Document.id).label("doc_id")).group_by(Document.candidate_id).subquery()
    )
    rows = session.execute(
        select(Candidate, Document.path)
        .outerjoin(latest_doc, latest_doc.c.candidate_id == Candidate.id)
        .outerjoin(Document, Document.id == latest_doc.c.doc_id)
        .options(selectinload(Candidate.skills).selectinload(CandidateSkill.skill))
        .order_by(Candidate.id)
    ).all()
    return [
        {
            "id": c.id,
            "name": c.name,
            "emails": c.emails,
            "phones": c.phones,
            "location": c.location,
            "years_experience": c.years_experience,
            "resume_date": c.resume_date,
            "resume_date_source": c.resume_date_source,
            "skills": sorted(s.skill_id for s in c.skills),
            "source_file": path,
            "status": c.status,
        }
        for c, path in rows
    ]


def get_candidate(session: Session, candidate_id: int) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise UnknownCandidate(f"no candidate with id {candidate_id}: see `hotlist candidates`")
    return candidate


def document_counts(session: Session) -> dict[str, int]:
    """Documents by status."""
    return dict(session.execute(select(Document.status, func.count()).group_by(Document.status)).all())


def count_candidates(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Candidate)) or 0


def quarantined_documents(session: Session) -> list[tuple[str, str]]:
    return list(session.execute(select(Document.path, Document.reason).where(Document.status == "quarantined")).all())
