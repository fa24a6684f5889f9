"""Local time and calling hours from a phone number and a stated location, in five time zones."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from hotlist.pipeline.calls.local_time import local_time, zone_from_location, zone_from_phone

# 14:30 UTC on a Tuesday in March (US on daylight time, UK and Australia not yet changed).
NOW = datetime(2026, 3, 10, 14, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(("phone", "location", "zone", "clock", "callable_now"), [
    ("+15125550101", "Austin, TX", "America/Chicago", "09:30", True),
    ("+447911123456", "London, UK", "Europe/London", "14:30", True),
    ("+919812300001", "Bangalore, India", "Asia/Kolkata", "20:00", False),  # 20:00 is already outside 8-20
    ("+61491570006", "Sydney, Australia", "Australia/Sydney", "01:30", False),
    ("5125550101", None, "America/Chicago", "09:30", True),  # a national number, the default region
    (None, "Berlin, Germany", "Europe/Berlin", "15:30", True),  # a one-zone country
])
def test_local_time_in_each_zone(phone, location, zone, clock, callable_now):
    found = local_time(phone, location, NOW)
    assert found.local.utcoffset() == NOW.astimezone(ZoneInfo(zone)).utcoffset()
    assert found.local.strftime("%H:%M") == clock
    assert found.callable_now is callable_now
    assert not found.disagree


def test_stated_location_wins_over_the_phone_and_both_must_be_inside_hours():
    found = local_time("+12125550102", "Seattle, WA", NOW)  # a New York number, living in Seattle
    assert (found.zone, found.phone_zone, found.location_zone) == ("America/Los_Angeles", "America/New_York",
                                                                   "America/Los_Angeles")
    assert found.disagree and found.source == "location"
    assert found.local.strftime("%H:%M") == "07:30" and found.other_local().strftime("%H:%M") == "10:30"
    assert not found.callable_now  # 10:30 where the phone is from, but 07:30 where they live
    assert "wins" in found.why
    later = local_time("+12125550102", "Seattle, WA", NOW.replace(hour=17))
    assert later.callable_now  # 10:00 in Seattle, 13:00 in New York


def test_late_evening_on_the_phones_coast_is_not_callable_even_if_the_location_is_inside_hours():
    evening = NOW.replace(hour=23, minute=30)  # 19:30 New York, 16:30 Seattle
    assert local_time("+12125550102", "Seattle, WA", evening).callable_now
    night = NOW.replace(hour=0, minute=30, day=11)  # 20:30 New York, 17:30 Seattle
    assert not local_time("+12125550102", "Seattle, WA", night).callable_now


def test_unknown_zone_is_never_callable():
    found = local_time("+61491570006", None, NOW)  # an Australian mobile: several clocks
    assert found.zone is None and not found.callable_now and "unknown" in found.why
    assert zone_from_phone("not a phone", NOW) is None
    assert zone_from_location("Remote", NOW) is None


def test_calling_hours_are_configurable():
    assert not local_time("+15125550101", "Austin, TX", NOW, start_hour=10).callable_now
    assert local_time("+919812300001", "Bangalore, India", NOW, end_hour=21).callable_now


def test_one_clock_with_several_zone_names_is_named_by_its_main_zone():
    assert zone_from_phone("+447911123456", NOW) == "Europe/London"
    assert zone_from_location("Toronto, Canada", NOW) == "America/Toronto"


def test_a_country_with_several_clocks_gives_no_zone_without_a_state_or_city():
    assert zone_from_location("Springfield, USA", NOW) is None  # the US spans six zones
    assert zone_from_location("Springfield, IL, USA", NOW) == "America/Chicago"
    assert zone_from_location("Somewhere, Australia", NOW) is None
    assert zone_from_location("Small Town, India", NOW) in ("Asia/Kolkata", "Asia/Calcutta")
