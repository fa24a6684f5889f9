"""Call outcomes: record one, import a filled-in call list, and read back do-not-call and last contacts.

Functions take an open ``Session`` or ``Connection`` (the caller owns the transaction) and return
plain data; nothing here parses or ranks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotlist.models.identity_orm import CandidateMerge
from hotlist.models.orm import CallOutcome, Candidate, CandidateOverride, Job, Match, MatchRun
from hotlist.models.privacy_orm import Erasure
from hotlist.pipeline.errors import InvalidOutcomes
from hotlist.pipeline.rank.explain import Explanation
from hotlist.pipeline.calls.outcomes import (DO_NOT_CALL, OUTCOMES, OutcomeEntry, StoredPerson, bounded, identity_mismatch,
                                       training_label)
from hotlist.models.identity import IN_CHUNK, merged_into

from hotlist.models.candidates import get_candidate
from hotlist.models.jobs import get_job


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

    Raises ``InvalidOutcomes`` naming every row whose candidate or job is unknown, whose candidate was
    erased, or whose name and email are someone else's than the id's candidate (and records nothing).
    """
    moved = merged_into(session, {e.candidate_id for e in entries})  # a row about someone merged since the export
    entries = [replace(e, candidate_id=moved.get(e.candidate_id, e.candidate_id)) for e in entries]
    candidate_ids = {e.candidate_id for e in entries}
    job_ids = {e.job_id for e in entries if e.job_id is not None}
    known_candidates = _existing(session, Candidate.id, candidate_ids)
    known_jobs = _existing(session, Job.id, job_ids)
    erased = _existing(session, Erasure.candidate_id, candidate_ids - known_candidates)
    people = stored_people(session, {e.candidate_id for e in entries if e.candidate_id in known_candidates
                                     and (e.name or e.email)})
    problems = []
    for e in entries:
        if e.candidate_id in erased:
            problems.append(f"row {e.line}: candidate {e.candidate_id} was erased: delete the row")
        elif e.candidate_id not in known_candidates:
            problems.append(f"row {e.line}: no candidate with id {e.candidate_id}")
        elif e.candidate_id in people and (what := identity_mismatch(e, people[e.candidate_id])):
            problems.append(f"row {e.line}: the {what} do{'es' if ' and ' not in what else ''} not match candidate "
                            f"{e.candidate_id}: check the row's id with `hotlist candidates`")
        if e.job_id is not None and e.job_id not in known_jobs:
            problems.append(f"row {e.line}: no hot job with id '{e.job_id}'")
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


def stored_people(session: Session, ids: Iterable[int]) -> dict[int, StoredPerson]:
    """Every name and email each candidate is known by: their own, and those of candidates merged into them."""
    wanted = sorted(set(ids))
    names: dict[int, set[str]] = {}
    emails: dict[int, set[str]] = {}
    corrected: set[tuple[int, str]] = set()
    for i in range(0, len(wanted), IN_CHUNK):
        chunk = wanted[i : i + IN_CHUNK]
        for cid, name, email, more in session.execute(
                select(Candidate.id, Candidate.name, Candidate.email, Candidate.emails).where(Candidate.id.in_(chunk))):
            names[cid] = {name} if name else set()
            emails[cid] = {e for e in [email, *(more or [])] if e}
        for cid, snapshot in session.execute(select(CandidateMerge.kept_id, CandidateMerge.snapshot).where(
                CandidateMerge.kept_id.in_(chunk), CandidateMerge.undone_at.is_(None))):
            merged = (snapshot or {}).get("candidate") or {}
            names[cid].update(n for n in [merged.get("name")] if n)
            emails[cid].update(e for e in [merged.get("email"), *(merged.get("emails") or [])] if e)
        corrected.update((cid, field) for cid, field in session.execute(
            select(CandidateOverride.candidate_id, CandidateOverride.field).where(
                CandidateOverride.candidate_id.in_(chunk), CandidateOverride.field.in_(("name", "email")))))
    return {cid: StoredPerson(None if (cid, "name") in corrected else tuple(sorted(names[cid])),
                              None if (cid, "email") in corrected else tuple(sorted(emails.get(cid, ()))))
            for cid in names}


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
            matches.setdefault((row.candidate_id, row.job_id), []).append((as_utc(row.started_at), row.explanation or {}))
    samples = []
    for call in calls:
        found = sorted(matches.get((call.candidate_id, call.job_id), []), key=lambda m: m[0])
        if not found:
            continue
        before = [m for m in found if m[0] <= as_utc(call.created_at)]
        features = Explanation.from_dict((before or found)[-1][1]).features
        samples.append((dict(features), call.outcome))
    return samples


def as_utc(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)
