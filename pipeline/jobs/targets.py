"""Client-named targets: the people a client asked for by name (``targets:`` in a job, or the job page's form).

Pure functions, no database. A target is matched to a stored candidate by the identity rules of
``pipeline.people``: a shared contact (email, phone or profile link) whose name is not clearly another
person's, or the same name plus the same company among the candidate's employers. The same name alone is only
a possible match, for the recruiter to check; nobody found means the target is still "to source".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hotlist.pipeline.calls.people import PersonRecord, contact_keys, names_conflict, normalise_email, normalise_link, normalise_name

__all__ = ["TargetMatch", "company_words", "match_target", "target_contact_keys", "target_key"]

_COMPANY_SUFFIXES = {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc",
                     "gmbh", "ag", "sa", "bv", "the", "group"}


@dataclass(frozen=True)
class TargetMatch:
    """Who a target is among the stored candidates.

    ``candidate_id`` is set when the rules say it is them (``how``: ``contact`` or ``name and company``);
    ``possible`` lists candidates with the same name but nothing more, for a recruiter to check.
    """

    candidate_id: int | None = None
    how: str = ""
    possible: tuple[int, ...] = ()


def company_words(company: str | None) -> str:
    """A company name without case, punctuation or legal suffix: ``"Acme, Inc."`` -> ``"acme"``."""
    words = re.findall(r"[a-z0-9]+", (company or "").lower())
    return " ".join(w for w in words if w not in _COMPANY_SUFFIXES)


def target_key(name: str, company: str | None) -> str:
    """What makes two targets of one job the same entry: the normalised name and company."""
    return f"{normalise_name(name)}|{company_words(company)}"


def target_contact_keys(contact: str | None, default_region: str = "US") -> set[str]:
    """The identity keys of a target's free-text contact: an email, a profile link or a phone number."""
    value = (contact or "").strip()
    if not value:
        return set()
    if normalise_email(value):
        return contact_keys(emails=[value])
    if normalise_link(value) and not re.fullmatch(r"[\d\s()+./-]+", value):
        return contact_keys(links=[value])
    return contact_keys(phones=[value], default_region=default_region)


def match_target(name: str, company: str | None, contact: str | None, records: Sequence[PersonRecord], *,
                 default_region: str = "US") -> TargetMatch:
    """The stored candidate a client-named target is (lowest id when several are), or possible matches."""
    keys = target_contact_keys(contact, default_region)
    ordered = sorted(records, key=lambda r: r.id)
    for record in ordered:
        if keys and keys & record.keys() and not names_conflict(name, record.name):
            return TargetMatch(record.id, "contact")
    wanted, firm = normalise_name(name), company_words(company)
    same_name = [r for r in ordered if wanted and normalise_name(r.name) == wanted]
    for record in same_name:
        if firm and any(company_words(e) == firm for e in record.employers):
            return TargetMatch(record.id, "name and company")
    return TargetMatch(possible=tuple(r.id for r in same_name))
