"""Which jobs the nightly run must re-rank: only what changed since each job's last ranking.

A job is re-ranked when it is new, when its definition changed, or when any
candidate was added or updated since it was last ranked (scores depend on the
whole candidate pool: text similarity is weighted by how rare each word is across
all resumes, so a new resume can move everyone's score a little).  With nothing
changed, nothing is rescored.  ``full=True`` re-ranks every job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone


@dataclass(frozen=True)
class RescorePlan:
    """Jobs to re-rank, and why; jobs left as they were."""

    rerank: dict[str, str]  # job id -> reason
    unchanged: list[str]

    @property
    def job_ids(self) -> list[str]:
        return list(self.rerank)


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def plan_rescore(
    job_changed_at: Mapping[str, datetime],
    last_ranked_at: Mapping[str, datetime | None],
    latest_candidate_change: datetime | None,
    *,
    full: bool = False,
) -> RescorePlan:
    """Decide per job (in the order given) whether it must be re-ranked."""
    latest = _utc(latest_candidate_change)
    rerank: dict[str, str] = {}
    unchanged: list[str] = []
    for job_id, changed in job_changed_at.items():
        ranked = _utc(last_ranked_at.get(job_id))
        if full:
            rerank[job_id] = "full rescore requested"
        elif ranked is None:
            rerank[job_id] = "never ranked"
        elif _utc(changed) > ranked:
            rerank[job_id] = "job changed"
        elif latest is not None and latest > ranked:
            rerank[job_id] = "new or updated candidates"
        else:
            unchanged.append(job_id)
    return RescorePlan(rerank, unchanged)
