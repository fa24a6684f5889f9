"""Stored documents behind the current parser, and storing what re-parsing one gives (rules in ``pipeline.reparse``).

Re-parsing updates a candidate's parsed fields and skills only: outcomes, notes, suppression, merges and
recruiter overrides are never touched (overrides are applied over the new fields, as ingest does).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from hotlist.errors import UnknownCandidate
from hotlist.models.identity import add_keys
from hotlist.models.orm import Candidate, CandidateSkill, Document
from hotlist.models.overrides import overrides_of
from hotlist.models.candidates import contact_keys_of, insert_skills
from hotlist.pipeline.parse.reparse import CONTACTS, PARSED_COLUMNS, CandidateChanges, changes_between, refreshed_fields
from hotlist.pipeline.versions import PARSER_VERSION, is_behind, selected, taxonomy_version

if TYPE_CHECKING:  # spaCy comes with it: `hotlist status` must not import it
    from hotlist.pipeline.parse.resume import ParseOutcome

# Documents whose fields a candidate holds (quarantined and suppressed ones have none).
PARSED_STATUSES = ("ok", "needs_review", "not_resume")


@dataclass(frozen=True)
class StoredDocument:
    """One stored document to re-parse: where it came from and whether it is its candidate's latest."""

    id: int
    candidate_id: int
    sha256: str
    path: str
    filename: str
    parser_version: int | None
    taxonomy_version: str | None
    latest: bool


def _parsed_documents(session: Session, candidate_id: int | None = None) -> list[StoredDocument]:
    query = (select(Document.id, Document.candidate_id, Document.sha256, Document.path, Document.filename,
                    Document.parser_version, Document.taxonomy_version)
             .join(Candidate, Candidate.id == Document.candidate_id)
             .where(Document.status.in_(PARSED_STATUSES), Candidate.status != "erased").order_by(Document.id))
    latest_query = select(func.max(Document.id)).where(Document.candidate_id.is_not(None),
                                                       Document.status.in_(PARSED_STATUSES)).group_by(Document.candidate_id)
    if candidate_id is not None:
        query = query.where(Document.candidate_id == candidate_id)
        latest_query = latest_query.where(Document.candidate_id == candidate_id)
    latest = set(session.scalars(latest_query))
    return [StoredDocument(*row, latest=row[0] in latest) for row in session.execute(query).all()]


def documents_to_reparse(session: Session, *, candidate_id: int | None = None, since: int | None = None,
                         current_taxonomy: str | None = None) -> list[StoredDocument]:
    """Documents parsed by an older parser (or another taxonomy), oldest first; ``since``: parsed with version V or later."""
    if candidate_id is not None and session.get(Candidate, candidate_id) is None:
        raise UnknownCandidate(f"no candidate with id {candidate_id}: see `hotlist candidates`")
    current = current_taxonomy or taxonomy_version()
    return [d for d in _parsed_documents(session, candidate_id)
            if is_behind(d.parser_version, d.taxonomy_version, current_taxonomy=current) and selected(d.parser_version, since)]


def behind_by_candidate(session: Session) -> dict[int, dict]:
    """candidate id -> the versions that produced their latest document and how many of their documents are behind."""
    current = taxonomy_version()
    out: dict[int, dict] = {}
    for doc in _parsed_documents(session):
        entry = out.setdefault(doc.candidate_id, {"parser_version": None, "taxonomy_version": None,
                                                  "documents_behind": 0})
        if doc.latest:
            entry["parser_version"] = doc.parser_version or 1
            entry["taxonomy_version"] = doc.taxonomy_version
        entry["documents_behind"] += is_behind(doc.parser_version, doc.taxonomy_version, current_taxonomy=current)
    return out


def count_behind(session: Session) -> int:
    """How many stored documents an older parser or another taxonomy produced (``hotlist status``)."""
    return len(documents_to_reparse(session))


_candidates, _skills, _documents = Candidate.__table__, CandidateSkill.__table__, Document.__table__
_SKILL_COLUMNS = ("skill_id", "mentions", "sections", "snippet", "last_used", "first_used", "years_used")


def apply_reparse(connection: Connection, document: StoredDocument, outcome: ParseOutcome, *,
                  dry_run: bool = False) -> CandidateChanges:
    """Store what re-parsing ``document`` gave (``dry_run``: only say what would change).

    The latest document sets the candidate's parsed fields and skills; an older one adds its contacts.
    Overrides win; when anything changed the candidate's ``updated_at`` moves, so the next ``match``
    re-ranks the open jobs. The document records the current parser and taxonomy versions.
    """
    resume = outcome.resume
    held = connection.execute(select(_candidates).where(_candidates.c.id == document.candidate_id)).mappings().one()
    rows = [dict(r) for r in connection.execute(select(*(_skills.c[c] for c in _SKILL_COLUMNS))
                                                .where(_skills.c.candidate_id == document.candidate_id)
                                                .order_by(_skills.c.skill_id)).mappings()]
    after = refreshed_fields(held, resume, latest=document.latest, overrides=overrides_of(connection, document.candidate_id))
    held_ids = [r["skill_id"] for r in rows]
    new_ids = sorted(s.id for s in resume.skills) if document.latest else held_ids
    changes = changes_between(document.candidate_id, held, after, held_ids, new_ids)
    if document.latest and held["status"] != "erased" and held["status"] != outcome.status:
        changes.fields["status"] = (held["status"], outcome.status)
    new_rows = sorted(({"skill_id": s.id, "mentions": s.count, "sections": list(s.sections), "snippet": s.snippet[:500],
                        "last_used": s.last_used, "first_used": s.first_used, "years_used": s.years_used}
                       for s in resume.skills), key=lambda r: r["skill_id"]) if document.latest else rows
    if dry_run:
        return changes
    now = datetime.now(timezone.utc)
    skills_changed = document.latest and new_rows != rows
    if changes.fields or skills_changed:
        values = {k: after[k] for k in (*PARSED_COLUMNS, *CONTACTS) if k in after}
        if "status" in changes.fields:
            values["status"] = outcome.status
        connection.execute(_candidates.update().where(_candidates.c.id == document.candidate_id)
                           .values(**values, updated_at=now))
    if skills_changed:
        connection.execute(_skills.delete().where(_skills.c.candidate_id == document.candidate_id))
        insert_skills(connection, document.candidate_id, resume.skills)
    add_keys(connection, document.candidate_id, contact_keys_of(after))
    connection.execute(_documents.update().where(_documents.c.id == document.id).values(
        parser_version=PARSER_VERSION, taxonomy_version=taxonomy_version(), parsed_at=now))
    return changes
