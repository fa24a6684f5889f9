"""The queries Hotlist runs: store parsed resumes, jobs, match runs and outcomes; read them back.

Functions take an open ``Session`` (the caller owns the transaction) and return
plain data; nothing here parses or ranks.
"""

from __future__ import annotations

import hashlib

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from hotlist.models.orm import (
    CallListExport,
    CallOutcome,
    Candidate,
    CandidateSkill,
    Document,
    Job,
    JobRequirement,
    Match,
    MatchRun,
    Skill,
)
from hotlist.errors import UnknownCandidate, UnknownJob
from hotlist.pipeline.errors import InvalidOutcomes
from hotlist.pipeline.call_list import EXCLUDED_STATUSES
from hotlist.pipeline.explain import Explanation
from hotlist.pipeline.outcomes import DO_NOT_CALL, OUTCOMES, OutcomeEntry, bounded, training_label
from hotlist.models.db import transaction
from hotlist.models.identity import add_keys, merged_into, on_suppression_list, same_person, suppression_salt
from hotlist.models.overrides import overrides_of
from hotlist.pipeline.overrides import apply_overrides
from hotlist.pipeline.people import contact_keys as person_keys
from hotlist.pipeline.reparse import candidate_fields
from hotlist.pipeline.versions import PARSER_VERSION, taxonomy_version
from hotlist.pipeline.quarantine import printable

if TYPE_CHECKING:  # spaCy comes with it: listing commands must not import it
    from hotlist.pipeline.resume import ParseOutcome



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


# Candidates ------------------------------------------------------------------



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


def last_match_time(session: Session) -> datetime | None:
    """When the latest match run finished (UTC), or None if nothing was ever ranked."""
    return session.scalar(select(func.max(MatchRun.finished_at)))


def quarantined_documents(session: Session) -> list[tuple[str, str]]:
    return list(session.execute(select(Document.path, Document.reason).where(Document.status == "quarantined")).all())


# Jobs --------------------------------------------------------------------------


def upsert_jobs(session: Session, jobs: Sequence, resolve: Callable[[str], tuple[str, str] | None], *, source: str | None = None) -> list[str]:
    """Insert or replace jobs (``pipeline.jobs.HotJob``); ``resolve(label)`` maps a skill label to (id, name).

    A job whose definition is unchanged is left alone, so its ``updated_at`` still says
    when it last really changed (the incremental nightly re-ranks only changed jobs).
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
    session.flush()
    return ids


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


def get_job(session: Session, job_id: str) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise UnknownJob(f"no hot job with id '{job_id}': see `hotlist jobs list`")
    return job


# Matching -----------------------------------------------------------------------


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


# Outcomes -------------------------------------------------------------------------


def record_outcome(
    session: Session,
    candidate_id: int,
    job_id: str | None,
    outcome: str,
    note: str | None = None,
    *,
    source: str = "cli",
    when: datetime | None = None,
    callback_on: date | None = None,
) -> CallOutcome:
    """Store a call outcome (see ``OUTCOMES``); ``when`` defaults to now; ``callback_on``: put them on the follow-ups."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome '{outcome}': use one of {', '.join(OUTCOMES)}")
    get_candidate(session, candidate_id)
    if job_id is not None:
        get_job(session, job_id)
    row = CallOutcome(candidate_id=candidate_id, job_id=job_id, outcome=outcome, note=note, source=source,
                      callback_on=callback_on)
    if when is not None:
        row.created_at = when
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class OutcomeImport:
    """What importing a filled-in call list did."""

    recorded: int
    already_imported: int
    by_outcome: dict[str, int]


def _existing(session: Session, column, values: Iterable) -> set:
    """Which of ``values`` are stored in ``column``, asked in bounded IN lists (PostgreSQL takes 65,535 parameters)."""
    wanted, found = sorted(set(values)), set()
    for i in range(0, len(wanted), 1000):
        found.update(session.scalars(select(column).where(column.in_(wanted[i : i + 1000]))))
    return found


def import_outcomes(session: Session, entries: Sequence[OutcomeEntry], *, source: str) -> OutcomeImport:
    """Record the filled-in rows of a call list; rows imported before (same import key) are skipped.

    Raises ``InvalidOutcomes`` naming every row whose candidate or job is unknown
    (and records nothing).
    """
    moved = merged_into(session, {e.candidate_id for e in entries})  # a row about someone merged since the export
    entries = [replace(e, candidate_id=moved.get(e.candidate_id, e.candidate_id)) for e in entries]
    candidate_ids = {e.candidate_id for e in entries}
    job_ids = {e.job_id for e in entries if e.job_id is not None}
    known_candidates = _existing(session, Candidate.id, candidate_ids)
    known_jobs = _existing(session, Job.id, job_ids)
    problems = [f"row {e.line}: no candidate with id {e.candidate_id}" for e in entries if e.candidate_id not in known_candidates]
    problems += [f"row {e.line}: no hot job with id '{e.job_id}'" for e in entries
                 if e.job_id is not None and e.job_id not in known_jobs]
    if problems:
        raise InvalidOutcomes(f"{source}: " + bounded(problems))
    keys = [e.key for e in entries]
    seen = set()
    for i in range(0, len(keys), 500):
        seen.update(session.scalars(select(CallOutcome.import_key).where(CallOutcome.import_key.in_(keys[i : i + 500]))))
    recorded = 0
    by_outcome: dict[str, int] = {}
    for entry in entries:
        if entry.key in seen:
            continue
        seen.add(entry.key)
        session.add(CallOutcome(candidate_id=entry.candidate_id, job_id=entry.job_id, outcome=entry.outcome,
                                note=entry.note, source=source, import_key=entry.key))
        recorded += 1
        by_outcome[entry.outcome] = by_outcome.get(entry.outcome, 0) + 1
    session.flush()
    return OutcomeImport(recorded, len(entries) - recorded, by_outcome)


def do_not_call_ids(session: Session) -> set[int]:
    return set(session.scalars(select(CallOutcome.candidate_id).where(CallOutcome.outcome == DO_NOT_CALL)))


def last_contacts(session: Session) -> dict[int, tuple[datetime, str]]:
    """Each contacted candidate's latest outcome and when it was recorded."""
    rows = session.execute(
        select(CallOutcome.candidate_id, CallOutcome.created_at, CallOutcome.outcome).order_by(
            CallOutcome.created_at, CallOutcome.id
        )
    ).all()
    latest: dict[int, tuple[datetime, str]] = {}
    for candidate_id, created_at, outcome in rows:
        if created_at.tzinfo is None:
            created_at = created_at.replace(tzinfo=timezone.utc)
        latest[candidate_id] = (created_at, outcome)
    return latest


def outcome_training_samples(session: Session) -> list[tuple[dict, str]]:
    """``(ranking features, outcome)`` for each call about a job whose result says something about fit.

    The features are those of the newest match of that candidate and job made
    before the call (or the newest at all, for calls recorded before any match).
    """
    calls = session.execute(
        select(CallOutcome.candidate_id, CallOutcome.job_id, CallOutcome.outcome, CallOutcome.created_at)
        .where(CallOutcome.job_id.is_not(None))
    ).all()
    calls = [c for c in calls if training_label(c.outcome) is not None]
    if not calls:
        return []
    matches: dict[tuple[int, str], list[tuple[datetime, dict]]] = {}
    candidate_ids = sorted({c.candidate_id for c in calls})
    for i in range(0, len(candidate_ids), 500):
        rows = session.execute(
            select(Match.candidate_id, Match.job_id, Match.explanation, MatchRun.started_at)
            .join(MatchRun, MatchRun.id == Match.run_id)
            .where(Match.candidate_id.in_(candidate_ids[i : i + 500]))
        ).all()
        for row in rows:
            matches.setdefault((row.candidate_id, row.job_id), []).append((_aware(row.started_at), row.explanation or {}))
    samples = []
    for call in calls:
        found = sorted(matches.get((call.candidate_id, call.job_id), []), key=lambda m: m[0])
        if not found:
            continue
        before = [m for m in found if m[0] <= _aware(call.created_at)]
        features = Explanation.from_dict((before or found)[-1][1]).features
        samples.append((dict(features), call.outcome))
    return samples


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


# Call list exports ----------------------------------------------------------------


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
        if latest_outcome is not None and (latest is None or _aware(latest_outcome) > _aware(latest)):
            latest = latest_outcome
    return (
        {job.id: job.updated_at for job in jobs},
        {job.id: started.get(last_run[job.id]) if job.id in last_run else None for job in jobs},
        latest,
    )

