"""People across documents and the do-not-call suppression list: load and store (rules in ``pipeline.people``).

Merges run on a connection with tables reflected from the database as it is, so the
migration that merges existing databases (``0005``) runs the same code as ``hotlist
candidate merge`` whatever columns later revisions add.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, delete, insert, inspect, select, update
from sqlalchemy.orm import Session

from hotlist.errors import UnknownCandidate
from hotlist.models.identity_orm import CandidateMerge, PersonKey, Suppression
from hotlist.models.orm import CallOutcome, Candidate, CandidateOverride, CandidateSkill, Document
from hotlist.pipeline.errors import HotlistError
from hotlist.pipeline.calls.outcomes import DO_NOT_CALL
from hotlist.pipeline.calls.people import (
    PersonRecord,
    ProbableMatch,
    contact_keys,
    group_records,
    hash_key,
    merged_contacts,
    names_conflict,
    probable_duplicates,
)

SALT_FILE = "suppression.salt"
_SNAPSHOT_SKIP = {"id", "created_at", "updated_at"}


class CannotMerge(HotlistError):
    """A merge or unmerge that the data does not allow."""


# --- the salt ----------------------------------------------------------------------------------------------------------


def suppression_salt(home: Path | None = None) -> bytes:
    """The workspace's secret salt for suppression hashes (created owner-only on first use)."""
    if home is None:
        from hotlist.settings import get_settings

        home = get_settings().home_dir
    path = Path(home) / SALT_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except ValueError as exc:
        raise CannotMerge(f"{path}: not a suppression salt (hex); restore it from a backup") from exc
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it a moment ago
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        value = secrets.token_hex(32)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value + "\n")
        return bytes.fromhex(value)


# --- keys and lookups --------------------------------------------------------------------------------------------------


def keys_of(emails: Iterable[str], phones: Iterable[str], links: Iterable[str], default_region: str = "US") -> set[str]:
    return contact_keys(emails, phones, links, default_region=default_region)


def candidates_with_keys(connection: Connection, keys: Iterable[str]) -> list[int]:
    """Candidates holding any of ``keys``, lowest id first."""
    wanted = sorted(set(keys))
    if not wanted:
        return []
    rows = connection.execute(select(PersonKey.candidate_id).where(PersonKey.key.in_(wanted)).distinct())
    return sorted(rows.scalars())


def add_keys(connection: Connection, candidate_id: int, keys: Iterable[str]) -> None:
    """Record ``keys`` for a candidate (those already held are skipped)."""
    held = set(connection.execute(select(PersonKey.key).where(PersonKey.candidate_id == candidate_id)).scalars())
    new = sorted(set(keys) - held)
    if new:
        connection.execute(insert(PersonKey), [{"candidate_id": candidate_id, "key": k} for k in new])


def same_person(connection: Connection, keys: Iterable[str], name: str | None = None) -> int | None:
    """The candidate a new document with ``keys`` (and ``name``) belongs to (None: a new person).

    A candidate whose name is clearly another's (``pipeline.people.names_conflict``) is not the same
    person however many contacts they share. When the document joins several candidates (say, one
    shares its email and another its phone), they are one person: merged into the lowest id, unless
    a recruiter split them.
    """
    found = candidates_with_keys(connection, keys)
    if found and name:
        held = dict(connection.execute(select(Candidate.id, Candidate.name).where(Candidate.id.in_(found))).all())
        # A name a recruiter corrected (often a mangled parse of this very resume) says nothing against a match.
        corrected = set(connection.execute(select(CandidateOverride.candidate_id).where(
            CandidateOverride.candidate_id.in_(found), CandidateOverride.field == "name")).scalars())
        found = [cid for cid in found if cid in corrected or not names_conflict(name, held.get(cid))]
    if not found:
        return None
    keep, apart = found[0], apart_pairs(connection) if len(found) > 1 else set()
    for other in found[1:]:
        if frozenset((keep, other)) not in apart:
            merge_candidates(connection, keep, other, source="ingest")
    return keep


def on_suppression_list(connection: Connection, keys: Iterable[str], salt: bytes) -> bool:
    """Whether any of ``keys`` is on the suppression list (as its salted hash)."""
    hashes = sorted({hash_key(k, salt) for k in keys})
    if not hashes:
        return False
    return connection.execute(select(Suppression.id).where(Suppression.key_hash.in_(hashes)).limit(1)).first() is not None


IN_CHUNK = 1000


def merged_into(session: Session, ids: Iterable[int]) -> dict[int, int]:
    """For ids of candidates merged into another (and not unmerged): the candidate they are part of now."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    found: dict[int, int] = {}
    for i in range(0, len(wanted), IN_CHUNK):  # bounded IN lists: PostgreSQL takes at most 65,535 parameters
        rows = session.execute(select(CandidateMerge.merged_id, CandidateMerge.kept_id)
                               .where(CandidateMerge.merged_id.in_(wanted[i : i + IN_CHUNK]),
                                      CandidateMerge.undone_at.is_(None))
                               .order_by(CandidateMerge.id))
        found.update({merged: kept for merged, kept in rows})
    return found


def apart_pairs(connection: Connection) -> set[frozenset[int]]:
    """Pairs a recruiter split with ``unmerge``: never joined again automatically."""
    rows = connection.execute(select(CandidateMerge.kept_id, CandidateMerge.merged_id)
                              .where(CandidateMerge.undone_at.is_not(None)))
    return {frozenset(r) for r in rows}


# --- merge and unmerge -------------------------------------------------------------------------------------------------


def _tables(connection: Connection) -> dict[str, Table]:
    meta = MetaData()
    meta.reflect(connection, only=["candidates", "documents", "call_outcomes", "matches", "candidate_skills",
                                   "person_keys", "candidate_merges"])
    return meta.tables


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def merge_candidates(connection: Connection, keep: int, other: int, *, source: str = "cli") -> None:
    """Make ``other`` part of ``keep``: its documents, outcomes, contacts and skills move; nothing is lost.

    ``other``'s row and skills are kept in a ``candidate_merges`` snapshot, so :func:`unmerge` can undo it.
    Its matches are dropped (the next ``hotlist match`` ranks the person once).
    """
    if keep == other:
        raise CannotMerge(f"candidate {keep} cannot be merged with itself")
    t = _tables(connection)
    candidates, documents, outcomes = t["candidates"], t["documents"], t["call_outcomes"]
    skills, keys = t["candidate_skills"], t["person_keys"]
    kept_row = connection.execute(select(candidates).where(candidates.c.id == keep)).mappings().first()
    other_row = connection.execute(select(candidates).where(candidates.c.id == other)).mappings().first()
    for cid, row in ((keep, kept_row), (other, other_row)):
        if row is None:
            raise UnknownCandidate(f"no candidate with id {cid}: see `hotlist candidates`")
    other_skills = [dict(r) for r in connection.execute(select(skills).where(skills.c.candidate_id == other)).mappings()]
    kept_skill_ids = set(connection.execute(select(skills.c.skill_id).where(skills.c.candidate_id == keep)).scalars())
    snapshot = {
        "candidate": {k: _plain(v) for k, v in other_row.items() if k not in _SNAPSHOT_SKIP},
        "skills": [{k: _plain(v) for k, v in s.items() if k != "candidate_id"} for s in other_skills],
        "kept_contacts": {k: list(kept_row[k] or []) for k in ("emails", "phones", "links")},
        "kept_skill_ids": sorted(kept_skill_ids),
        "documents": sorted(connection.execute(select(documents.c.id).where(documents.c.candidate_id == other)).scalars()),
        "outcomes": sorted(connection.execute(select(outcomes.c.id).where(outcomes.c.candidate_id == other)).scalars()),
    }
    connection.execute(update(documents).where(documents.c.candidate_id == other).values(candidate_id=keep))
    connection.execute(update(outcomes).where(outcomes.c.candidate_id == other).values(candidate_id=keep))
    moving = [s for s in other_skills if s["skill_id"] not in kept_skill_ids]
    connection.execute(delete(skills).where(skills.c.candidate_id == other))
    if moving:
        connection.execute(insert(skills), [{**s, "candidate_id": keep} for s in moving])
    connection.execute(delete(t["matches"]).where(t["matches"].c.candidate_id == other))
    other_keys = set(connection.execute(select(keys.c.key).where(keys.c.candidate_id == other)).scalars())
    connection.execute(delete(keys).where(keys.c.candidate_id == other))
    fields: dict[str, Any] = {k: merged_contacts(kept_row[k] or [], other_row[k] or []) for k in ("emails", "phones", "links")}
    for name in ("name", "email", "phone", "location"):
        if not kept_row[name] and other_row[name]:
            fields[name] = other_row[name]
    fields["updated_at"] = datetime.now(timezone.utc)  # the incremental nightly re-ranks the person
    connection.execute(update(candidates).where(candidates.c.id == keep).values(**fields))
    connection.execute(update(t["candidate_merges"]).where(t["candidate_merges"].c.kept_id == other)
                       .values(kept_id=keep))
    _move_overrides(connection, keep, other)
    connection.execute(delete(candidates).where(candidates.c.id == other))
    add_keys_table(connection, keys, keep, other_keys)
    connection.execute(insert(t["candidate_merges"]).values(
        kept_id=keep, merged_id=other, merged_at=datetime.now(timezone.utc), source=source, snapshot=snapshot))


def _move_overrides(connection: Connection, keep: int, other: int) -> None:
    """A recruiter's corrections of ``other`` go with the person, unless ``keep`` has its own for that field."""
    if not inspect(connection).has_table("candidate_overrides"):  # the migration that merges older databases
        return
    overrides = Table("candidate_overrides", MetaData(), autoload_with=connection)
    kept = list(connection.execute(select(overrides.c.field).where(overrides.c.candidate_id == keep)).scalars())
    connection.execute(update(overrides).where(overrides.c.candidate_id == other, overrides.c.field.not_in(kept or [""]))
                       .values(candidate_id=keep))


def add_keys_table(connection: Connection, keys: Table, candidate_id: int, new: Iterable[str]) -> None:
    held = set(connection.execute(select(keys.c.key).where(keys.c.candidate_id == candidate_id)).scalars())
    rows = [{"candidate_id": candidate_id, "key": k} for k in sorted(set(new) - held)]
    if rows:
        connection.execute(insert(keys), rows)


def unmerge(connection: Connection, merged_id: int) -> int:
    """Undo the merge that made ``merged_id`` part of another candidate; returns the candidate it was part of.

    The candidate comes back with the same id, its documents, outcomes, contacts and skills;
    outcomes recorded after the merge stay with the person they were recorded against.
    """
    t = _tables(connection)
    merges, candidates = t["candidate_merges"], t["candidates"]
    row = connection.execute(select(merges).where(merges.c.merged_id == merged_id, merges.c.undone_at.is_(None))
                             .order_by(merges.c.id.desc()).limit(1)).mappings().first()
    if row is None or not row["snapshot"]:
        raise CannotMerge(f"candidate {merged_id} was not merged into anyone: nothing to unmerge")
    keep, snapshot = row["kept_id"], row["snapshot"]
    columns = {c.name: c for c in candidates.columns}
    restored: dict[str, Any] = {"id": merged_id, "created_at": datetime.now(timezone.utc),
                                "updated_at": datetime.now(timezone.utc)}
    for name, value in snapshot["candidate"].items():
        if name in columns:
            restored[name] = _typed(columns[name], value)
    connection.execute(insert(candidates).values(**restored))
    documents, outcomes, skills, keys = t["documents"], t["call_outcomes"], t["candidate_skills"], t["person_keys"]
    if snapshot["documents"]:
        connection.execute(update(documents).where(documents.c.id.in_(snapshot["documents"]))
                           .values(candidate_id=merged_id))
    if snapshot["outcomes"]:
        connection.execute(update(outcomes).where(outcomes.c.id.in_(snapshot["outcomes"]))
                           .values(candidate_id=merged_id))
    moved = [s["skill_id"] for s in snapshot["skills"] if s["skill_id"] not in set(snapshot["kept_skill_ids"])]
    if moved:
        connection.execute(delete(skills).where(skills.c.candidate_id == keep, skills.c.skill_id.in_(moved)))
    if snapshot["skills"]:
        skill_columns = {c.name for c in skills.columns}
        connection.execute(insert(skills), [{**{k: v for k, v in s.items() if k in skill_columns},
                                             "candidate_id": merged_id} for s in snapshot["skills"]])
    kept = connection.execute(select(candidates).where(candidates.c.id == keep)).mappings().first()
    theirs = snapshot["candidate"]
    before = snapshot["kept_contacts"]
    fields = {}
    for name in ("emails", "phones", "links"):
        only_theirs = {v.lower() for v in theirs.get(name) or []} - {v.lower() for v in before.get(name) or []}
        fields[name] = [v for v in kept[name] or [] if v.lower() not in only_theirs]
    fields["updated_at"] = datetime.now(timezone.utc)
    connection.execute(update(candidates).where(candidates.c.id == keep).values(**fields))
    kept_keys = contact_keys(fields["emails"], fields["phones"], fields["links"])
    connection.execute(delete(keys).where(keys.c.candidate_id == keep, keys.c.key.not_in(sorted(kept_keys) or [""])))
    add_keys_table(connection, keys, merged_id,
                   contact_keys(theirs.get("emails") or [], theirs.get("phones") or [], theirs.get("links") or []))
    # The snapshot held personal data twice over: drop it; the row stays to keep the pair apart.
    connection.execute(update(merges).where(merges.c.id == row["id"])
                       .values(undone_at=datetime.now(timezone.utc), snapshot=None))
    return keep


def _typed(column, value: Any) -> Any:
    if isinstance(value, str):
        try:
            kind = column.type.python_type
        except NotImplementedError:
            return value
        if kind is datetime:
            return datetime.fromisoformat(value)
        if kind is date:
            return date.fromisoformat(value)
    return value


def merge_by_rules(connection: Connection, *, source: str) -> list[list[int]]:
    """Merge every group of candidates that share a contact key (the lowest id is kept); returns the groups merged."""
    rows = connection.execute(select(PersonKey.candidate_id, PersonKey.key)).all()
    held: dict[int, set[str]] = {}
    for cid, key in rows:
        held.setdefault(cid, set()).add(key)
    names = dict(connection.execute(select(Candidate.id, Candidate.name)).all())
    records = [PersonRecord(cid, names.get(cid), emails=tuple(k[6:] for k in ks if k.startswith("email:")),
                            phones=tuple(k[6:] for k in ks if k.startswith("phone:")),
                            links=tuple(k[5:] for k in ks if k.startswith("link:")))
               for cid, ks in held.items()]
    groups = [g for g in group_records(records, apart=apart_pairs(connection)) if len(g) > 1]
    for group in groups:
        for other in group[1:]:
            merge_candidates(connection, group[0], other, source=source)
    return groups


# --- review: people and probable duplicates ----------------------------------------------------------------------------


def person_records(session: Session, ids: Iterable[int] | None = None) -> list[PersonRecord]:
    """What the identity rules look at, for every candidate (or those of ``ids``)."""
    query = select(Candidate.id, Candidate.name, Candidate.emails, Candidate.phones, Candidate.links,
                   Candidate.experience, Candidate.location).order_by(Candidate.id)
    if ids is not None:
        query = query.where(Candidate.id.in_(sorted(set(ids))))
    rows = session.execute(query)
    return [PersonRecord(cid, name, tuple(emails or ()), tuple(phones or ()), tuple(links or ()),
                         tuple(e.get("employer") or "" for e in experience or [] if e.get("employer")), location)
            for cid, name, emails, phones, links, experience, location in rows]


def duplicates(session: Session) -> list[ProbableMatch]:
    """Probable duplicates for review: same name and one more signal, not merged."""
    return probable_duplicates(person_records(session))


def document_counts_by_candidate(session: Session) -> dict[int, int]:
    from sqlalchemy import func

    return dict(session.execute(select(Document.candidate_id, func.count()).where(Document.candidate_id.is_not(None))
                                .group_by(Document.candidate_id)).all())


# --- suppression -------------------------------------------------------------------------------------------------------


def suppress_keys(session: Session, keys: Iterable[str], salt: bytes) -> int:
    """Put ``keys`` on the suppression list (as salted hashes); returns how many were new."""
    hashes = {hash_key(k, salt) for k in keys}
    if not hashes:
        return 0
    held = set(session.scalars(select(Suppression.key_hash).where(Suppression.key_hash.in_(sorted(hashes)))))
    for value in sorted(hashes - held):
        session.add(Suppression(key_hash=value))
    session.flush()
    return len(hashes - held)


def refresh_suppressions(session: Session, salt: bytes) -> None:
    """Every key of every do-not-call person is on the suppression list (new resumes add new keys)."""
    blocked = select(CallOutcome.candidate_id).where(CallOutcome.outcome == DO_NOT_CALL)
    keys = session.scalars(select(PersonKey.key).where(PersonKey.candidate_id.in_(blocked)))
    suppress_keys(session, keys, salt)


def suppressed_ids(session: Session, salt: bytes | None = None) -> set[int]:
    """Candidates never to list: a do-not-call outcome, or any contact key on the suppression list."""
    salt = suppression_salt() if salt is None else salt
    refresh_suppressions(session, salt)
    hashes = set(session.scalars(select(Suppression.key_hash)))
    ids = set(session.scalars(select(CallOutcome.candidate_id).where(CallOutcome.outcome == DO_NOT_CALL)))
    if hashes:
        for cid, key in session.execute(select(PersonKey.candidate_id, PersonKey.key)):
            if cid not in ids and hash_key(key, salt) in hashes:
                ids.add(cid)
    return ids


def suppression_count(session: Session) -> int:
    from sqlalchemy import func

    return session.scalar(select(func.count()).select_from(Suppression)) or 0


def candidate_keys(session: Session, candidate_id: int) -> set[str]:
    return set(session.scalars(select(PersonKey.key).where(PersonKey.candidate_id == candidate_id)))


def skills_of(session: Session, candidate_id: int) -> list[str]:
    return sorted(session.scalars(select(CandidateSkill.skill_id).where(CandidateSkill.candidate_id == candidate_id)))
