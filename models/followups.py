"""The follow-up list: candidates whose latest outcome carries a call-back date (never anyone suppressed)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotlist.models.identity import suppressed_ids
from hotlist.models.orm import CallOutcome, Candidate
from hotlist.pipeline.calls.actionable import Followup, followups_due
from hotlist.pipeline.calls.outcomes import DO_NOT_CALL


def load_followups(session: Session, job_id: str | None = None, salt: bytes | None = None) -> list[Followup]:
    """Each candidate's latest outcome, when it has a ``callback_on``; by date (``job_id``: that job or no job)."""
    rows = session.execute(
        select(CallOutcome, Candidate).join(Candidate, Candidate.id == CallOutcome.candidate_id)
        .order_by(CallOutcome.created_at, CallOutcome.id)
    ).all()
    latest: dict[int, tuple[CallOutcome, Candidate]] = {}
    for outcome, candidate in rows:
        latest[candidate.id] = (outcome, candidate)
    blocked = suppressed_ids(session, salt)
    due = [
        Followup(f"{o.callback_on:%Y-%m-%d}", c.id, c.name or "", c.phone or "", c.email or "", o.job_id, o.outcome,
                 o.note or "")
        for o, c in latest.values()
        if o.callback_on is not None and o.outcome != DO_NOT_CALL and c.id not in blocked
    ]
    return followups_due(due, job_id=job_id)
