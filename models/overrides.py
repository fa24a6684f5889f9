"""Recruiter corrections of candidates (rules in ``pipeline.overrides``): load, store, and list them with who and when."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from hotlist.errors import UnknownCandidate
from hotlist.models.identity import add_keys
from hotlist.models.orm import Candidate, CandidateOverride
from hotlist.pipeline.parse.overrides import apply_overrides
from hotlist.pipeline.calls.people import contact_keys

_overrides = CandidateOverride.__table__
_candidates = Candidate.__table__


def overrides_of(connection: Connection, candidate_id: int) -> dict[str, Any]:
    """A candidate's corrected fields: field -> value (empty when a recruiter changed nothing)."""
    rows = connection.execute(select(_overrides.c.field, _overrides.c.value)
                              .where(_overrides.c.candidate_id == candidate_id))
    return dict(rows.all())


def override_records(session: Session, candidate_ids: Iterable[int] | None = None) -> dict[int, dict[str, dict]]:
    """candidate id -> field -> ``{"value", "by", "at"}`` (ISO time), for ``candidates --json``."""
    query = select(CandidateOverride).order_by(CandidateOverride.candidate_id, CandidateOverride.field)
    if candidate_ids is not None:
        query = query.where(CandidateOverride.candidate_id.in_(sorted(set(candidate_ids))))
    out: dict[int, dict[str, dict]] = {}
    for row in session.scalars(query):
        at = row.edited_at if row.edited_at.tzinfo else row.edited_at.replace(tzinfo=timezone.utc)
        out.setdefault(row.candidate_id, {})[row.field] = {"value": row.value, "by": row.edited_by,
                                                           "at": at.isoformat(timespec="seconds")}
    return out


def edit_candidate(connection: Connection, candidate_id: int, edit: Mapping[str, Any], who: str) -> dict[str, Any]:
    """Store ``edit`` (``pipeline.overrides.validate_edit``) as overrides by ``who``; update the candidate now.

    A corrected phone or email joins the person's identity keys (so the next resume with it is theirs, and a
    do-not-call person's new contact is suppressed too). Returns every override the candidate now has.
    """
    row = connection.execute(select(_candidates).where(_candidates.c.id == candidate_id)).mappings().first()
    if row is None:
        raise UnknownCandidate(f"no candidate with id {candidate_id}: see `hotlist candidates`")
    now = datetime.now(timezone.utc)
    held = overrides_of(connection, candidate_id)
    for field, value in edit.items():
        values = {"value": value, "edited_by": who, "edited_at": now}
        if field in held:
            connection.execute(_overrides.update().where(_overrides.c.candidate_id == candidate_id,
                                                         _overrides.c.field == field).values(**values))
        else:
            connection.execute(_overrides.insert().values(candidate_id=candidate_id, field=field, **values))
    overrides = {**held, **edit}
    fields = apply_overrides({k: row[k] for k in ("name", "email", "phone", "emails", "phones", "location",
                                                  "years_experience")}, overrides)
    connection.execute(_candidates.update().where(_candidates.c.id == candidate_id).values(**fields, updated_at=now))
    add_keys(connection, candidate_id, contact_keys(fields["emails"] or [], fields["phones"] or [], []))
    return overrides
