"""When the nightly run is due: cron + time zone arithmetic, and catch-up after downtime."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cronsim import CronSim, CronSimError

from hotlist.pipeline.errors import InvalidSchedule


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidSchedule(f"unknown time zone '{tz}': use an IANA name such as America/Chicago or UTC") from exc


def _sim(cron: str, start: datetime, tz: str, *, reverse: bool = False) -> CronSim:
    if start.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    try:
        return CronSim(cron, start.astimezone(_zone(tz)), reverse=reverse)
    except CronSimError as exc:
        raise InvalidSchedule(f"invalid cron expression '{cron}': {exc}; e.g. '0 2 * * *' is 02:00 daily") from exc


def validate(cron: str, tz: str) -> None:
    """Raise InvalidSchedule if ``cron`` or ``tz`` is not usable."""
    _sim(cron, datetime.now(timezone.utc), tz)


def next_run(cron: str, tz: str, after: datetime) -> datetime:
    """The first scheduled time strictly after ``after`` (in ``tz``)."""
    return next(_sim(cron, after, tz))


def previous_run(cron: str, tz: str, before: datetime) -> datetime:
    """The last scheduled time at or before ``before`` (in ``tz``)."""
    return next(_sim(cron, before, tz, reverse=True))


def nightly_missed(cron: str, tz: str, last_run: datetime | None, now: datetime) -> bool:
    """True if a scheduled run fell between ``last_run`` and ``now`` (or there never was a run).

    ``hotlist serve`` runs the nightly job at once when this is true, so a machine that
    was off at 02:00 still has fresh call lists in the morning.
    """
    if last_run is None:
        return True
    if last_run.tzinfo is None:
        last_run = last_run.replace(tzinfo=timezone.utc)
    return previous_run(cron, tz, now) > last_run
