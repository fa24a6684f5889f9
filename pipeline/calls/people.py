"""Who is who: the rules that make documents one person, and the keys of a suppression list.

Pure functions, no database. A person is one candidate across resumes: two records are the
same person when they share any email, the same normalised phone (E.164) or the same profile
link (:func:`contact_keys`, :func:`group_records`). The same name plus one more matching
signal (an employer or the location) only makes a probable match, for a human to review
(:func:`probable_duplicates`). Do-not-call is kept as salted hashes of those keys
(:func:`hash_key`), so it outlives an erasure without holding any contact in clear.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import phonenumbers

__all__ = [
    "PersonRecord",
    "ProbableMatch",
    "contact_keys",
    "group_records",
    "hash_key",
    "merged_contacts",
    "names_conflict",
    "normalise_email",
    "normalise_link",
    "normalise_name",
    "normalise_phone",
    "probable_duplicates",
]

_LINK_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def normalise_email(email: str) -> str | None:
    """Lower case, trimmed; None when it is not an address."""
    value = (email or "").strip().lower().removeprefix("mailto:")
    return value if "@" in value and " " not in value else None


def normalise_phone(phone: str, default_region: str = "US") -> str | None:
    """E.164 (``+15125550132``) or None when it is not a valid number."""
    try:
        number = phonenumbers.parse((phone or "").strip(), default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_link(link: str) -> str | None:
    """A profile link without scheme, ``www.``, query, fragment or trailing slash, lower case."""
    value = _LINK_SCHEME.sub("", (link or "").strip().lower())
    value = value.split("#", 1)[0].split("?", 1)[0].removeprefix("www.").rstrip("/")
    return value if "/" in value and "." in value.split("/", 1)[0] else None


def normalise_name(name: str | None) -> str:
    """Accents, case, punctuation and word order removed: ``"Ana-María  López"`` -> ``"ana lopez maria"``."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(sorted(re.findall(r"[a-z0-9]+", text)))


def names_conflict(first: str | None, second: str | None) -> bool:
    """Whether two names are clearly different people: every word of the shorter must match a word of the
    longer (equal, or an initial of it), else they conflict. A missing name never conflicts.

    A contact shared by two clearly different names is not personal (a job board's or an agency's own
    address printed on every export), so it does not make them one person.
    """
    a, b = normalise_name(first).split(), normalise_name(second).split()
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return not all(any(w == v or (len(w) == 1 and v.startswith(w)) or (len(v) == 1 and w.startswith(v))
                       for v in long_) for w in short)


def contact_keys(
    emails: Iterable[str] = (), phones: Iterable[str] = (), links: Iterable[str] = (), *, default_region: str = "US"
) -> set[str]:
    """Every identity key of a record: ``email:…``, ``phone:+E164`` and ``link:…``."""
    keys = {f"email:{e}" for e in map(normalise_email, emails) if e}
    keys |= {f"phone:{p}" for p in (normalise_phone(p, default_region) for p in phones) if p}
    keys |= {f"link:{k}" for k in map(normalise_link, links) if k}
    return keys


def hash_key(key: str, salt: bytes) -> str:
    """The salted SHA-256 of one identity key (what a suppression list keeps)."""
    return hashlib.sha256(salt + key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PersonRecord:
    """What identity rules look at in one stored candidate."""

    id: int
    name: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()
    location: str | None = None

    def keys(self) -> set[str]:
        return contact_keys(self.emails, self.phones, self.links)


def group_records(records: Sequence[PersonRecord], *, apart: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Groups of record ids that are one person (sharing any key, names not clearly different), each sorted,
    ordered by first id.

    ``apart``: pairs a recruiter split (unmerged); they are never joined directly.
    """
    parent = {r.id: r.id for r in records}
    split = {frozenset(p) for p in apart}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    names = {r.id: r.name for r in records}
    for record in sorted(records, key=lambda r: r.id):
        for key in sorted(record.keys()):
            other = owner.setdefault(key, record.id)
            if other != record.id and frozenset((other, record.id)) not in split \
                    and not names_conflict(names[other], record.name):
                a, b = find(other), find(record.id)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for record in records:
        groups.setdefault(find(record.id), []).append(record.id)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


@dataclass(frozen=True)
class ProbableMatch:
    """Two candidates who may be one person: same name and at least one more signal, no shared contact."""

    first: int
    second: int
    signals: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        return "same name, " + ", ".join(self.signals)


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def probable_duplicates(records: Sequence[PersonRecord], *, apart: Iterable[tuple[int, int]] = ()) -> list[ProbableMatch]:
    """Pairs with the same (normalised) name plus a shared employer or the same location, and no shared key.

    Pairs sharing a key are the same person already (:func:`group_records`); ``apart``
    (pairs a recruiter unmerged) are still listed, since a name and an employer may be worth a look.
    """
    by_name: dict[str, list[PersonRecord]] = {}
    for record in records:
        name = normalise_name(record.name)
        if len(name.split()) >= 2:
            by_name.setdefault(name, []).append(record)
    found = []
    for group in by_name.values():
        group = sorted(group, key=lambda r: r.id)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.keys() & b.keys():
                    continue
                signals = []
                shared = sorted({_words(e) for e in a.employers if _words(e)} & {_words(e) for e in b.employers})
                if shared:
                    signals.append("employer " + ", ".join(shared))
                if _words(a.location) and _words(a.location) == _words(b.location):
                    signals.append("location " + _words(a.location))
                if signals:
                    found.append(ProbableMatch(a.id, b.id, tuple(signals)))
    return found


def merged_contacts(newest: Sequence[str], older: Sequence[str]) -> list[str]:
    """Contacts of one person across documents: the newest first, nothing twice, nothing dropped."""
    seen: set[str] = set()
    out = []
    for value in [*newest, *older]:
        key = value.strip().lower()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def suppressed(keys: Iterable[str], salt: bytes, hashes: Mapping[str, object] | set[str]) -> bool:
    """Whether any of ``keys`` is on the suppression list (``hashes``: salted key hashes)."""
    return any(hash_key(k, salt) in hashes for k in keys)
