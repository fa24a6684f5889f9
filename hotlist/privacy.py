"""Candidates' personal data: erase on request, export on request, keep it out of logs and other users' reach.

* :func:`erase` removes a candidate (by id or email) from the database and the files Hotlist
  keeps of their resumes in the workspace (inbox, ``processed/``, quarantine copies), and logs
  an erasure entry holding no personal data (``models.privacy_orm.Erasure``).
* :func:`export_candidate` writes everything stored about one candidate as JSON, owner-only.
* :func:`redact` and :class:`RedactingFilter` keep email addresses and phone numbers out of log lines.
* :func:`owner_only` makes every file Hotlist creates readable by its owner only (umask 077).
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
# Seven or more digits, possibly with a leading + and separators: phone numbers, not counts or years.
PHONE = re.compile(r"(?<![\w])\+?\(?\d(?:[\s().\-]{0,3}\d){6,}(?![\w])")


def redact(text: str) -> str:
    """``text`` with email addresses and phone numbers replaced by ``[email]`` and ``[phone]``."""
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class RedactingFilter(logging.Filter):
    """A logging filter that redacts emails and phone numbers from each record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def owner_only() -> None:
    """Files and folders created from now on by this process are readable by their owner only."""
    os.umask(0o077)


@dataclass(frozen=True)
class ErasureReport:
    """What one erase request removed."""

    candidate_ids: tuple[int, ...]
    documents: int
    skills: int
    matches: int
    outcomes: int
    files: int


def erase(settings, *, candidate_id: int | None = None, email: str | None = None) -> ErasureReport:
    """Erase one candidate by id, or every candidate with ``email``; remove their files kept in the workspace."""
    from hotlist.models.db import session_scope
    from hotlist.models.privacy import candidate_ids_by_email, erase_candidate, record_files_removed

    with session_scope(settings.db_url) as session:
        ids = [candidate_id] if email is None else candidate_ids_by_email(session, email)
        erased = [erase_candidate(session, cid, requested_by="email" if email else "id") for cid in ids]
    files = 0
    with session_scope(settings.db_url) as session:
        for entry in erased:
            removed = sum(_remove_stored_files(settings, path, sha) for path, sha in entry.files)
            record_files_removed(session, entry.erasure_id, removed)
            files += removed
    return ErasureReport(tuple(ids), sum(e.documents for e in erased), sum(e.skills for e in erased),
                         sum(e.matches for e in erased), sum(e.outcomes for e in erased), files)


def _remove_stored_files(settings, path: str, sha256: str) -> int:
    """Remove the copies Hotlist keeps of one document: in the workspace, never the recruiter's own folders."""
    from hotlist.pipeline.quarantine import safe_name

    kept = [settings.inbox_dir, settings.quarantine_path, settings.home_dir]
    candidates = [Path(path), settings.inbox_dir / "processed" / safe_name(Path(path).name)]
    quarantine = settings.quarantine_path
    if quarantine.is_dir() and sha256:
        candidates += list(quarantine.glob(f"{sha256[:12]}-*"))
    removed = 0
    for file in candidates:
        try:
            inside = any(file.absolute().is_relative_to(folder.absolute()) for folder in kept)
            if inside and file.is_file() and not file.is_symlink() and _same_file(file, sha256):
                file.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def _same_file(file: Path, sha256: str) -> bool:
    from hotlist.pipeline.documents import sha256_of

    return file.name.endswith(".reason.txt") or not sha256 or sha256_of(file) == sha256


def export_candidate(settings, candidate_id: int, out: Path | None = None) -> Path:
    """Write everything stored about ``candidate_id`` as JSON (owner-only); return the file written."""
    from hotlist.models.db import session_scope
    from hotlist.models.privacy import candidate_data

    with session_scope(settings.db_url) as session:
        data = candidate_data(session, candidate_id)
    target = out or settings.exports_path / f"candidate-{candidate_id}.json"
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    os.chmod(target, 0o600)
    return target
