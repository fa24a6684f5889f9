"""Recruiter corrections of a candidate's fields: checked here, stored by ``models.overrides``.

A correction (an *override*) wins over every later parse of the same person's documents:
:func:`apply_overrides` is applied to what a parse would store, by ingest and by reparse alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hotlist.pipeline.errors import InvalidEdit
from hotlist.pipeline.calls.people import normalise_email, normalise_phone

# Field names as `hotlist candidate edit` and `candidates --json` spell them.
FIELDS = ("name", "phone", "email", "location", "years")
MAX_YEARS = 70.0


def validate_edit(*, name: str | None = None, phone: str | None = None, email: str | None = None,
                  location: str | None = None, years: float | None = None,
                  default_region: str = "US") -> dict[str, Any]:
    """The fields given, cleaned (phone as E.164, email lower case); raises ``InvalidEdit`` naming the first bad one."""
    edit: dict[str, Any] = {}
    if name is not None:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise InvalidEdit("the name is empty: give the candidate's full name")
        edit["name"] = cleaned
    if phone is not None:
        number = normalise_phone(phone, default_region)
        if number is None:
            raise InvalidEdit(f"not a phone number: '{phone}' (give it with its country code, e.g. +1 512 555 0132)")
        edit["phone"] = number
    if email is not None:
        address = normalise_email(email)
        if address is None or address.startswith("@") or address.endswith("@") or "." not in address.split("@")[-1]:
            raise InvalidEdit(f"not an email address: '{email}'")
        edit["email"] = address
    if location is not None:
        cleaned = " ".join(location.split())
        if not cleaned:
            raise InvalidEdit("the location is empty: give a city, region or country")
        edit["location"] = cleaned
    if years is not None:
        if not 0 <= years <= MAX_YEARS:
            raise InvalidEdit(f"years of experience must be between 0 and {MAX_YEARS:g}, not {years:g}")
        edit["years"] = float(years)
    if not edit:
        raise InvalidEdit("nothing to change: give --name, --phone, --email, --location or --years")
    return edit


def apply_overrides(fields: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Candidate columns (``fields``) with each override in place: a corrected phone or email comes first in its list."""
    out = dict(fields)
    if "name" in overrides:
        out["name"] = overrides["name"]
    if "location" in overrides:
        out["location"] = overrides["location"]
    if "years" in overrides:
        out["years_experience"] = overrides["years"]
    for field, column in (("phone", "phones"), ("email", "emails")):
        if field in overrides:
            value = overrides[field]
            out[field] = value
            out[column] = [value, *(v for v in out.get(column) or [] if v.strip().lower() != value.lower())]
    return out
