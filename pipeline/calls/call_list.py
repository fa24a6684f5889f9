"""Who goes on a job's call list, and in what order: the call-list policy, as a pure function.

``models/`` loads the inputs (the latest match run in rank order, do-not-call ids,
last contacts) and stores the result; the rules live here:

* do-not-call candidates never appear;
* candidates whose status is in :data:`EXCLUDED_STATUSES` (templates and
  placeholders, erased records) never appear;
* candidates contacted within ``cooldown_days`` are left out (``"omit"``) or kept
  with ``cooldown_until`` set (``"mark"``);
* anyone with none of the job's must-haves is left out, unless the ranking found
  real text evidence for them (:attr:`Explanation.text_evidence`);
* ranks are renumbered 1..n over who remains, at most ``limit`` rows.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from hotlist.pipeline.parse.doc_kind import NOT_RESUME_STATUS
from hotlist.pipeline.rank.explain import Explanation

__all__ = ["COOLDOWN_ACTIONS", "EXCLUDED_STATUSES", "Listed", "Matched", "cooldown_end", "listable", "select_call_list"]

COOLDOWN_ACTIONS = ("omit", "mark")
EXCLUDED_STATUSES = frozenset({NOT_RESUME_STATUS, "erased"})
"""Candidate statuses never called (template and non-resume detection, ``pipeline.doc_kind``, sets ``not_resume``)."""


@dataclass(frozen=True)
class Matched:
    """One ranked candidate of a match run, in rank order."""

    candidate_id: int
    explanation: Explanation
    status: str = "active"


@dataclass(frozen=True)
class Listed:
    """One row of a call list: the candidate, their new rank, and their last contact if any."""

    rank: int
    candidate_id: int
    explanation: Explanation
    last_contacted: datetime | None = None
    last_outcome: str | None = None
    cooldown_until: datetime | None = None


def cooldown_end(contacted: datetime | None, now: datetime, cooldown_days: int) -> datetime | None:
    """When the cooldown after a contact at ``contacted`` ends, or None when it is over (or there was none)."""
    if contacted is None or (now - contacted).days >= cooldown_days:
        return None
    return contacted + timedelta(days=cooldown_days)


def listable(explanation: Explanation) -> bool:
    """False for someone with none of the job's must-haves and no text evidence."""
    return not (explanation.missing_must and not explanation.matched_must and not explanation.text_evidence)


def select_call_list(
    matches: Sequence[Matched],
    *,
    do_not_call: Collection[int] = (),
    contacts: Mapping[int, tuple[datetime, str]] | None = None,
    now: datetime,
    cooldown_days: int,
    cooldown_action: str = "omit",
    limit: int,
) -> list[Listed]:
    """The call list cut from ``matches`` (best first) by the rules in the module docstring.

    Raises ``ValueError`` on an unknown ``cooldown_action``.
    """
    if cooldown_action not in COOLDOWN_ACTIONS:
        raise ValueError(f"unknown cooldown action {cooldown_action!r}: use omit or mark")
    contacts = contacts or {}
    blocked = set(do_not_call)
    rows: list[Listed] = []
    for match in matches:
        if len(rows) >= limit:
            break
        if match.candidate_id in blocked or match.status in EXCLUDED_STATUSES:
            continue
        contact = contacts.get(match.candidate_id)
        cooling = cooldown_end(contact[0] if contact else None, now, cooldown_days)
        if cooling and cooldown_action == "omit":
            continue
        if not listable(match.explanation):
            continue
        rows.append(Listed(
            rank=len(rows) + 1,
            candidate_id=match.candidate_id,
            explanation=match.explanation,
            last_contacted=contact[0] if contact else None,
            last_outcome=contact[1] if contact else None,
            cooldown_until=cooling,
        ))
    return rows
