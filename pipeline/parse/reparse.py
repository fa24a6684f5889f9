"""What a parse stores on a candidate, and what changed: shared by ingest, ``hotlist reparse`` and its dry run.

A candidate's columns come from their latest document; contacts are the union over all their
documents (newest first); recruiter overrides (``pipeline.overrides``) win over both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

from hotlist.pipeline.parse.overrides import apply_overrides
from hotlist.pipeline.calls.people import merged_contacts
from hotlist.pipeline.types import ParsedResume

CONTACTS = ("emails", "phones", "links")
# Columns a document's parse sets (besides contacts), in the order changes are listed.
PARSED_COLUMNS = ("name", "email", "phone", "location", "years_experience", "resume_date", "resume_date_source",
                  "experience", "education", "resume_text")


def candidate_fields(resume: ParsedResume, held_contacts: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """The candidate columns one parsed document gives (``held_contacts``: what the person already has)."""
    contacts = {"emails": list(resume.emails), "phones": list(resume.phones), "links": list(resume.links)}
    if held_contacts is not None:
        contacts = {k: merged_contacts(v, held_contacts.get(k) or []) for k, v in contacts.items()}
    return {
        "name": resume.name,
        "email": resume.emails[0] if resume.emails else None,
        "phone": resume.phones[0] if resume.phones else None,
        **contacts,
        "location": resume.location, "years_experience": resume.years_experience,
        "resume_date": resume.as_of, "resume_date_source": resume.as_of_source,
        # Entries hold scalars only: a copy of their fields is what asdict() gives, without its deep copy.
        "experience": [dict(vars(e)) for e in resume.experience], "education": [dict(vars(e)) for e in resume.education],
        "resume_text": resume.text,
    }


def refreshed_fields(held: Mapping[str, Any], resume: ParsedResume, *, latest: bool,
                     overrides: Mapping[str, Any]) -> dict[str, Any]:
    """A stored candidate's columns after re-parsing one of their documents.

    The latest document sets every parsed column; an older one only adds its contacts. Overrides win.
    """
    held_contacts = {k: held.get(k) or [] for k in CONTACTS}
    if latest:
        fields = candidate_fields(resume, held_contacts)
    else:
        fields = {k: held.get(k) for k in PARSED_COLUMNS}
        fields.update({k: merged_contacts(held_contacts[k], v) for k, v in
                       (("emails", resume.emails), ("phones", resume.phones), ("links", resume.links))})
    return apply_overrides(fields, overrides)


@dataclass(frozen=True)
class CandidateChanges:
    """What re-parsing changed (or would change) on one candidate."""

    candidate_id: int
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # column -> (before, after)
    skills_added: tuple[str, ...] = ()
    skills_removed: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.skills_added or self.skills_removed)

    def describe(self) -> list[str]:
        """One line per changed field, e.g. ``years_experience: 1.5 -> 9``."""
        lines = []
        for name, (before, after) in self.fields.items():
            if name in CONTACTS:
                added = [v for v in after or [] if v not in (before or [])]
                removed = [v for v in before or [] if v not in (after or [])]
                lines.append(f"{name}: " + ", ".join([f"+{v}" for v in added] + [f"-{v}" for v in removed]))
            elif name in ("experience", "education"):
                lines.append(f"{name}: {len(before or [])} -> {len(after or [])} entries")
            elif name == "resume_text":
                lines.append("resume_text: re-read")
            else:
                lines.append(f"{name}: {_show(before)} -> {_show(after)}")
        if self.skills_added:
            lines.append("skills added: " + ", ".join(self.skills_added))
        if self.skills_removed:
            lines.append("skills removed: " + ", ".join(self.skills_removed))
        return lines


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def changes_between(candidate_id: int, before: Mapping[str, Any], after: Mapping[str, Any],
                    skills_before: Sequence[str], skills_after: Sequence[str]) -> CandidateChanges:
    """Compare a candidate's stored columns and skill ids with what a re-parse gives."""
    fields = {k: (before.get(k), after.get(k)) for k in (*PARSED_COLUMNS[:5], *CONTACTS, *PARSED_COLUMNS[5:])
              if k in after and _norm(before.get(k)) != _norm(after.get(k))}
    old, new = set(skills_before), set(skills_after)
    return CandidateChanges(candidate_id, fields, tuple(sorted(new - old)), tuple(sorted(old - new)))


def _norm(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 2)
    return value


def locate_document(path: str, filename: str, sha256: str, kept_in: Sequence[Path]) -> tuple[Path | None, str | None]:
    """The file to re-parse: a copy kept in the workspace (``kept_in``, e.g. ``inbox/processed``), else the original.

    A file is used only if its sha256 is the stored one. Returns ``(path, None)`` or ``(None, why it is skipped)``.
    """
    from hotlist.pipeline.read.documents import sha256_of
    from hotlist.pipeline.read.quarantine import safe_name

    name = safe_name(filename)
    stem, suffix = Path(name).stem, Path(name).suffix
    candidates: list[Path] = []
    for folder in kept_in:
        candidates += [folder / name, *sorted(folder.glob(f"{glob_escape(stem)} (*){glob_escape(suffix)}"))]
    candidates.append(Path(path))
    changed = False
    for candidate in candidates:
        try:
            if not candidate.is_file() or candidate.is_symlink():
                continue
            if sha256_of(candidate) == sha256:
                return candidate, None
            changed = True
        except OSError:
            continue
    if changed:
        return None, "the file has changed since it was ingested: ingest the new version instead"
    return None, f"the file is gone (no copy in the workspace and nothing at {path}): ingest it again to re-read it"


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in text)
