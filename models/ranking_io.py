"""Bridges between stored rows and the pipeline's ranking and export types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotlist.models.identity import suppressed_ids
from hotlist.models.orm import Candidate, Job, Skill
from hotlist.models.jobs import get_job, list_jobs
from hotlist.models.outcomes import do_not_call_ids, last_contacts
from hotlist.models.runs import candidate_rows_for_ranking, latest_matches, latest_run_id, previous_export
from hotlist.pipeline.calls.actionable import callable_first
from hotlist.pipeline.calls.call_list import COOLDOWN_ACTIONS, EXCLUDED_STATUSES, Listed, Matched, select_call_list
from hotlist.pipeline.rank.explain import Explanation
from hotlist.pipeline.calls.export import CallListRow, Changes, compare_with_previous

if TYPE_CHECKING:  # ranking brings scikit-learn: printing a call list must not import it
    from hotlist.pipeline.rank.ranking import CandidateProfile, JobProfile

__all__ = ["COOLDOWN_ACTIONS", "CallList", "build_call_list", "call_list_rows", "job_profile",
           "load_candidate_profiles", "load_job_profiles", "skill_names"]


def skill_names(session: Session) -> dict[str, str]:
    """Display name of every stored skill id (one query; shared by every profile)."""
    return {skill_id: name for skill_id, name in session.execute(select(Skill.id, Skill.name))}


def load_candidate_profiles(session: Session) -> list[CandidateProfile]:
    """Every rankable candidate as a ``CandidateProfile``, with each skill's evidence snippet and years."""
    from hotlist.pipeline.rank.ranking import WORK_SECTIONS, CandidateProfile

    profiles = []
    names = skill_names(session)
    for candidate, skills in candidate_rows_for_ranking(session):
        if candidate.status in EXCLUDED_STATUSES:
            continue
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
                skill_names=names,
                skill_in_work=frozenset(s.skill_id for s in skills if WORK_SECTIONS & set(s.sections or ())),
                written_year=_year(candidate.resume_date),
            )
        )
    return profiles


def _year(resume_date: str | None) -> int | None:
    """The year of a stored resume date ("YYYY-MM" or "YYYY-MM-DD"), None when absent or malformed."""
    head = (resume_date or "")[:4]
    return int(head) if head.isdigit() and 1950 <= int(head) <= 2100 else None


def job_profile(job: Job) -> JobProfile:
    """A stored job as a ``JobProfile``: requirements keyed by skill id, or by normalised text."""
    from hotlist.pipeline.rank.ranking import JobProfile, text_requirement_id

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

    Loads the match run, do-not-call ids and last contacts; who is listed is decided by
    :func:`hotlist.pipeline.calls.call_list.select_call_list` (do-not-call, templates, cooldown
    ``omit``/``mark``, the must-have filter, ranks renumbered). ``compare_with``:
    ``"latest"`` compares with the newest export of the job (what a new export
    will say), ``"previous"`` with the one before it (what the newest export said).
    """
    if cooldown_action not in COOLDOWN_ACTIONS:
        raise ValueError(f"unknown cooldown action {cooldown_action!r}: use omit or mark")
    now = now or datetime.now(timezone.utc)
    job = get_job(session, job_id)
    matches = latest_matches(session, job_id)
    candidates = {candidate.id: candidate for _, candidate in matches}
    listed = select_call_list(
        [Matched(candidate.id, Explanation.from_dict(match.explanation), candidate.status) for match, candidate in matches],
        do_not_call=do_not_call_ids(session) | suppressed_ids(session),  # the suppression list: models.identity
        contacts=last_contacts(session), now=now,
        cooldown_days=cooldown_days, cooldown_action=cooldown_action, limit=len(matches),
    )
    scores = {candidate.id: (match.score, match.reason) for match, candidate in matches}
    rows = [_row(item, candidates[item.candidate_id], *scores[item.candidate_id], job_id) for item in listed]
    rows = callable_first(rows)[:limit]  # rows nobody can call go last, marked contact: missing
    previous = previous_export(session, job_id, skip=1 if compare_with == "previous" else 0)
    changes = compare_with_previous(rows, previous)
    names = {}
    if changes.gone:
        names = {c.id: c.name or "" for c in session.query(Candidate).filter(Candidate.id.in_(changes.gone))}
    return CallList(job.id, job.title, job.urgency, job.location, rows, changes, latest_run_id(session, job_id), names)


def call_list_rows(session: Session, job_id: str, **options) -> list[CallListRow]:
    """The rows of :func:`build_call_list` (same keyword options)."""
    return build_call_list(session, job_id, **options).rows


def _row(item: Listed, candidate: Candidate, score: float, reason: str, job_id: str) -> CallListRow:
    why = item.explanation
    return CallListRow(
        rank=item.rank,
        candidate_id=candidate.id,
        name=candidate.name or "",
        phone=candidate.phone or "",
        email=candidate.email or "",
        score=score,
        matched_skills=why.matched_must + why.matched_nice,
        missing_skills=list(why.missing_must),
        reason=reason,
        location=candidate.location or "",
        years_experience=candidate.years_experience,
        source_file=_source_file(candidate),
        why_not_higher=why.why_not_higher,
        ask_about=list(why.ask_about),
        last_contacted=f"{item.last_contacted:%Y-%m-%d}" if item.last_contacted else None,
        last_outcome=item.last_outcome,
        needs_review="yes" if candidate.status == "needs_review" else "",
        cooldown_until=f"{item.cooldown_until:%Y-%m-%d}" if item.cooldown_until else None,
        job_id=job_id,
    )


def _source_file(candidate: Candidate) -> str:
    docs = sorted(candidate.documents, key=lambda d: d.id)
    return docs[-1].path if docs else ""
