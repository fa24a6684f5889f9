"""A candidate's local time now, from their phone number and their stated location, and whether to call.

The phone gives a zone through ``phonenumbers.timezone`` (a US number's area code names one zone; a
mobile number of a one-zone country names that zone; a number that maps to several zones says nothing).
The stated location gives one through the US state (its main zone), a large city or a one-zone country.

**When they disagree, the stated location wins** for the time shown (people keep their mobile number when
they move; the resume says where they live now), both are shown, and the candidate counts as callable only
when it is inside calling hours in *both* zones: nobody is offered for a call that could be outside hours
where they really are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo

import phonenumbers
from phonenumbers import timezone as phone_zones

from hotlist.pipeline.parse.locations import parse_location
from hotlist.pipeline.parse.regions import country_signals

__all__ = ["LocalTime", "local_time", "zone_from_location", "zone_from_phone"]

# The zone most of each state's people live in.
_STATE_ZONES = {
    "America/New_York": "ct de dc fl ga in ky me md ma mi nh nj ny nc oh pa ri sc vt va wv",
    "America/Chicago": "al ar il ia ks la mn ms mo ne nd ok sd tn tx wi",
    "America/Denver": "co id mt nm ut wy",
    "America/Phoenix": "az",
    "America/Los_Angeles": "ca nv or wa",
    "America/Anchorage": "ak",
    "Pacific/Honolulu": "hi",
}
STATE_ZONE = {state: zone for zone, states in _STATE_ZONES.items() for state in states.split()}
# Large cities of countries that span several zones.
CITY_ZONE = {
    "sydney": "Australia/Sydney", "melbourne": "Australia/Melbourne", "brisbane": "Australia/Brisbane",
    "perth": "Australia/Perth", "adelaide": "Australia/Adelaide",
    "toronto": "America/Toronto", "montreal": "America/Toronto", "ottawa": "America/Toronto",
    "vancouver": "America/Vancouver", "calgary": "America/Edmonton", "edmonton": "America/Edmonton",
    "sao paulo": "America/Sao_Paulo", "são paulo": "America/Sao_Paulo", "rio de janeiro": "America/Sao_Paulo",
    "mexico city": "America/Mexico_City", "jakarta": "Asia/Jakarta",
}


@dataclass(frozen=True)
class LocalTime:
    """What the call list shows about a candidate's clock."""

    zone: str | None
    """The zone the time is shown in (None: unknown)."""
    local: datetime | None
    phone_zone: str | None
    location_zone: str | None
    source: str
    """``location``, ``phone``, ``both`` (they agree) or ``unknown``."""
    callable_now: bool
    why: str
    """One line: which zone won and why the candidate is or is not callable now."""

    disagree: bool = False
    """Phone and location give different clocks now."""

    def other_local(self) -> datetime | None:
        """The phone's local time when it differs from the shown one."""
        if not self.disagree or self.local is None:
            return None
        return self.local.astimezone(ZoneInfo(self.phone_zone))


def _offset(zone: str, now: datetime) -> object:
    return now.astimezone(ZoneInfo(zone)).utcoffset()


@lru_cache(maxsize=1)
def _main_zones() -> frozenset[str]:
    """Zones of tzdata's zone1970.tab (the main zone of each clock; territories' aliases are left out)."""
    for folder in TZPATH:
        table = Path(folder) / "zone1970.tab"
        if table.is_file():
            lines = table.read_text(encoding="utf-8").splitlines()
            return frozenset(line.split("\t")[2] for line in lines if line and not line.startswith("#"))
    return frozenset()


def _one_zone(zones: tuple[str, ...], now: datetime) -> str | None:
    """The zone when there is one clock: one zone, or several with the same offset now (named by a main zone)."""
    zones = tuple(z for z in zones if z != "Etc/Unknown")
    if not zones or len({_offset(z, now) for z in zones}) != 1:
        return None
    main = [z for z in zones if z in _main_zones()]
    return (main or list(zones))[0]


def zone_from_phone(phone: str | None, now: datetime, default_region: str = "US") -> str | None:
    """The zone a phone number's clock is in at ``now``, or None (unknown, unparsable, or several clocks)."""
    if not phone:
        return None
    try:
        number = phonenumbers.parse(phone, default_region)
    except phonenumbers.NumberParseException:
        return None
    return _one_zone(phone_zones.time_zones_for_number(number), now)


def _region_zone(region: str, now: datetime) -> str | None:
    """A country's zone when the whole country (its calling code) keeps one clock: India, Germany, not the US."""
    country_level = getattr(phone_zones, "_country_level_time_zones_for_number", None)  # phonenumbers >= 8.0
    code = phonenumbers.country_code_for_region(region)
    if country_level is None or not code:
        return None
    return _one_zone(tuple(country_level(phonenumbers.PhoneNumber(country_code=code, national_number=0))), now)


def zone_from_location(location: str | None, now: datetime) -> str | None:
    """The zone of a stated location: a US state, a large city, or a country with one zone; else None."""
    if not location:
        return None
    lowered = location.casefold()
    for city, zone in CITY_ZONE.items():
        if city in lowered:
            return zone
    place = parse_location(location)
    if isinstance(place, tuple) and place[1] in STATE_ZONE:
        return STATE_ZONE[place[1]]
    regions = country_signals(location)
    if regions:
        return _region_zone(regions[0], now)
    return None


def local_time(phone: str | None, location: str | None, now: datetime, *, default_region: str = "US",
               start_hour: int = 8, end_hour: int = 20) -> LocalTime:
    """The candidate's local time at ``now`` (aware) and whether it is inside ``start_hour``-``end_hour`` there."""
    by_phone = zone_from_phone(phone, now, default_region)
    by_place = zone_from_location(location, now)
    zone = by_place or by_phone
    if zone is None:
        return LocalTime(None, None, None, None, "unknown", False,
                         "local time unknown (no zone from phone or location): check before calling")
    local = now.astimezone(ZoneInfo(zone))
    zones = [z for z in (by_place, by_phone) if z]
    inside = all(start_hour <= now.astimezone(ZoneInfo(z)).hour < end_hour for z in zones)
    disagree = bool(by_phone and by_place and _offset(by_phone, now) != _offset(by_place, now))
    if disagree:
        source = "location"
        why = f"stated location ({by_place}) wins over the phone's zone ({by_phone}); callable only inside hours in both"
    elif by_phone and by_place:
        source, why = "both", f"phone and location agree ({by_place})"
    elif by_place:
        source, why = "location", f"from the stated location ({by_place})"
    else:
        source, why = "phone", f"from the phone number ({by_phone})"
    hours = f"{start_hour:02d}:00-{end_hour:02d}:00"
    why += f"; {'inside' if inside else 'outside'} calling hours {hours}"
    return LocalTime(zone, local, by_phone, by_place, source, inside, why, disagree)
