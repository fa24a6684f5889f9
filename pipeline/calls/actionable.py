"""Rows a recruiter can act on: who can be reached first, who cannot after, each marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["CONTACT_MISSING", "FOLLOWUP_COLUMNS", "Followup", "callable_first", "followups_due"]

CONTACT_MISSING = "missing"


def callable_first(rows: Sequence[Any]) -> list[Any]:
    """Rows with a phone or an email first (in their order), then those with neither, marked ``contact: missing``;
    ranks renumbered 1..n. ``rows``: objects with ``phone``, ``email``, ``contact`` and ``rank``."""
    reachable = [r for r in rows if (r.phone or "").strip() or (r.email or "").strip()]
    unreachable = [r for r in rows if not ((r.phone or "").strip() or (r.email or "").strip())]
    for row in unreachable:
        row.contact = CONTACT_MISSING
    ordered = reachable + unreachable
    for rank, row in enumerate(ordered, start=1):
        row.rank = rank
    return ordered


FOLLOWUP_COLUMNS = ["callback_on", "candidate_id", "name", "phone", "email", "job_id", "outcome", "note"]


@dataclass(frozen=True)
class Followup:
    """Someone to call back on a date (their latest outcome said so, e.g. ``interested --callback``)."""

    callback_on: str  # YYYY-MM-DD
    candidate_id: int
    name: str
    phone: str
    email: str
    job_id: str | None
    outcome: str
    note: str

    def cells(self) -> list[Any]:
        return [getattr(self, name) if getattr(self, name) is not None else "" for name in FOLLOWUP_COLUMNS]


def followups_due(latest: Sequence[Followup], *, job_id: str | None = None) -> list[Followup]:
    """Follow-ups by date (then candidate): all, or those about ``job_id`` or about no job."""
    chosen = [f for f in latest if job_id is None or f.job_id in (job_id, None)]
    return sorted(chosen, key=lambda f: (f.callback_on, f.candidate_id))
