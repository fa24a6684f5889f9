"""Nightly schedule logic (cron + time zone, catch-up) and the arrival settle rule: pure functions."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hotlist.pipeline.read.arrivals import SettleTracker
from hotlist.pipeline.errors import InvalidSchedule
from hotlist.pipeline.rank.schedule import next_run, nightly_missed, previous_run, validate

CHICAGO = ZoneInfo("America/Chicago")


def test_next_run_is_in_the_schedule_time_zone():
    after = datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)  # 04:00 in Chicago
    assert next_run("0 2 * * *", "America/Chicago", after) == datetime(2026, 11, 28, 2, 0, tzinfo=CHICAGO)
    assert next_run("0 2 * * *", "UTC", after) == datetime(2026, 11, 28, 2, 0, tzinfo=timezone.utc)


def test_schedule_follows_daylight_saving():
    # 2026-03-08: Chicago springs forward; 02:00 local does not exist that night.
    before_dst = datetime(2026, 3, 7, 6, 0, tzinfo=timezone.utc)  # midnight CST
    first = next_run("0 3 * * *", "America/Chicago", before_dst)
    second = next_run("0 3 * * *", "America/Chicago", first)
    assert first.utcoffset() != second.utcoffset()
    assert (first.hour, second.hour) == (3, 3)


def test_weekday_schedule():
    friday_night = datetime(2026, 11, 27, 23, 0, tzinfo=timezone.utc)
    assert next_run("30 6 * * 1-5", "UTC", friday_night).weekday() == 0  # Monday


def test_catch_up_after_downtime():
    cron, tz = "0 2 * * *", "America/Chicago"
    now = datetime(2026, 11, 27, 15, 0, tzinfo=timezone.utc)  # 09:00 Chicago
    ran_this_morning = datetime(2026, 11, 27, 8, 1, tzinfo=timezone.utc)  # 02:01 Chicago
    ran_yesterday = datetime(2026, 11, 26, 8, 1, tzinfo=timezone.utc)
    assert previous_run(cron, tz, now) == datetime(2026, 11, 27, 2, 0, tzinfo=CHICAGO)
    assert not nightly_missed(cron, tz, ran_this_morning, now)
    assert nightly_missed(cron, tz, ran_yesterday, now)
    assert nightly_missed(cron, tz, None, now)


@pytest.mark.parametrize(
    ("cron", "tz", "message"),
    [
        ("0 2 * *", "UTC", "invalid cron expression '0 2 * *'"),
        ("61 2 * * *", "UTC", "invalid cron expression '61 2 * * *'"),
        ("0 2 * * *", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
    ],
)
def test_invalid_schedule_is_a_clear_error(cron, tz, message):
    with pytest.raises(InvalidSchedule, match=message.replace("*", r"\*")):
        validate(cron, tz)


def test_settle_waits_for_a_growing_file():
    tracker = SettleTracker(settle=1.0)
    path = Path("inbox/a.pdf")
    tracker.observe(path, (100, 1), now=0.0)
    tracker.observe(path, (200, 2), now=0.8)  # still growing
    assert tracker.settled(now=1.5) == []
    assert tracker.settled(now=1.9) == [path]
    assert tracker.settled(now=5.0) == []  # released once
    tracker.observe(path, (200, 2), now=6.0)  # same version seen again (a sweep): not re-released
    assert tracker.settled(now=9.0) == []
    tracker.observe(path, (300, 3), now=10.0)  # edited: released again
    assert tracker.settled(now=11.0) == [path]


def test_empty_file_waits_longer_but_is_released():
    tracker = SettleTracker(settle=1.0)
    path = Path("inbox/empty.pdf")
    tracker.observe(path, (0, 1), now=0.0)
    assert tracker.settled(now=2.0) == []
    assert tracker.settled(now=5.0) == [path]


def test_deleted_file_is_forgotten():
    tracker = SettleTracker(settle=1.0)
    path = Path("inbox/gone.pdf")
    tracker.observe(path, (10, 1), now=0.0)
    tracker.observe(path, None, now=0.5)
    assert tracker.settled(now=3.0) == [] and tracker.waiting() == []
