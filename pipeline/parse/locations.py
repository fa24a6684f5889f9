"""Where a candidate is against where a job is: parse ``"Austin, TX"``-style places and score the fit.

A place parses to ``(city, region)`` (US states become their two-letter codes,
countries such as "USA" are dropped), to ``"remote"``, or to ``None`` when empty.
"""

from __future__ import annotations

import functools
import re

from hotlist.pipeline.parse.gazetteer import US_STATE_CODES, US_STATES

__all__ = ["REMOTE", "US_STATE_CODES", "is_onsite", "location_score", "parse_location"]

REMOTE = "remote"
Place = tuple[str | None, str | None] | str | None

_REGIONS = frozenset(US_STATES.values())
_COUNTRIES = {"usa", "us", "u.s", "u.s.a", "united states", "united states of america"}
_NON_WORD = re.compile(r"[^\w+#.]+|\.(?!\w)")
_ZIP = re.compile(r"\s*\d{5}(?:-\d{4})?$")


def _clean(part: str) -> str:
    return " ".join(_NON_WORD.sub(" ", part.casefold()).split())


@functools.lru_cache(maxsize=8192)
def parse_location(text: str | None) -> Place:
    """``(city, region)`` from ``"Austin, TX 78701"`` / ``"Austin, Texas, USA"``; ``"remote"``; or None."""
    if not text:
        return None
    parts = [_ZIP.sub("", _clean(p)).strip() for p in text.split(",")]
    parts = [p for p in parts if p and p not in _COUNTRIES]
    if not parts:
        return None
    if any(p.startswith(REMOTE) for p in parts):
        return REMOTE
    last = US_STATES.get(parts[-1], parts[-1])
    if len(parts) == 1:
        return (None, last) if last in _REGIONS else (parts[0], None)
    return parts[0], last


def location_score(candidate: Place, job_location: str | None, job_remote: bool, unknown: float) -> float:
    """1 same city (or a remote job), 0.5 same region, 0 elsewhere, ``unknown`` when either side is unknown."""
    if job_remote:
        return 1.0
    where = parse_location(job_location)
    if where == REMOTE:
        return 1.0
    if candidate is None or candidate == REMOTE or where is None:
        return unknown
    (c_city, c_region), (j_city, j_region) = candidate, where  # type: ignore[misc]
    regions_agree = c_region is None or j_region is None or c_region == j_region
    if j_city is None:  # the job names a state only
        return 1.0 if c_region == j_region else (unknown if c_region is None else 0.0)
    if c_city == j_city and regions_agree:
        return 1.0
    if c_region is not None and c_region == j_region:
        return 0.5
    return 0.0


def is_onsite(job_location: str | None, job_remote: bool) -> bool:
    """The job names a place and is not remote."""
    return not job_remote and parse_location(job_location) not in (None, REMOTE)
