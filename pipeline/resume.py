"""Parse one resume file end to end: text, fields, skills with evidence.

``parse_file`` never raises for a bad document: it returns an outcome with
status ``quarantined`` and the reason, so a batch always carries on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from spacy.language import Language

from pipeline.dates import find_date_ranges
from pipeline.documents import read_document, sha256_of
from pipeline.errors import UnreadableDocument
from pipeline.fields import parse_fields
from pipeline.sections import split_sections
from pipeline.skills import extract_skills, summarise_skills
from pipeline.types import CandidateSkill, ParsedResume, Section

# A parse with neither a name nor any contact detail cannot be acted on.
NEEDS_REVIEW_REASON = "no name, email or phone found: check the file and enter the contact details by hand"


@dataclass
class ParseOutcome:
    """What became of one file: the parsed resume, or the reason it was quarantined."""

    path: str
    filename: str
    sha256: str
    size_bytes: int
    status: str  # ok | needs_review | quarantined
    reason: str | None = None
    kind: str | None = None
    resume: ParsedResume | None = None


def parse_file(
    path: Path,
    *,
    skill_nlp: Language,
    default_region: str = "US",
    max_bytes: int | None = None,
    as_of: date | None = None,
) -> ParseOutcome:
    """Read and parse ``path``; bad files come back quarantined with a reason."""
    path = Path(path)
    try:
        sha = sha256_of(path)
        size = path.stat().st_size
    except OSError as exc:
        return ParseOutcome(str(path), path.name, "", 0, "quarantined", f"cannot read the file ({exc.strerror or exc})")
    try:
        document = read_document(path, max_bytes=max_bytes)
    except UnreadableDocument as exc:
        return ParseOutcome(str(path), path.name, sha, size, "quarantined", str(exc))
    resume = parse_text(
        document.text,
        skill_nlp=skill_nlp,
        default_region=default_region,
        as_of=as_of or _file_date(path),
    )
    status, reason = "ok", None
    if not (resume.name or resume.emails or resume.phones):
        status, reason = "needs_review", NEEDS_REVIEW_REASON
    return ParseOutcome(str(path), path.name, sha, size, status, reason, document.kind, resume)


def parse_text(text: str, *, skill_nlp: Language, default_region: str = "US", as_of: date) -> ParsedResume:
    """Parse resume text into fields and skills (with the section and year each skill was seen)."""
    resume = parse_fields(text, default_region=default_region, as_of=as_of)
    sections = split_sections(text)
    mentions = extract_skills(skill_nlp, text)
    skills = summarise_skills(mentions, text, sections)
    _fill_last_used(skills, mentions, sections, text, as_of)
    resume.skills = skills
    return resume


def _file_date(path: Path) -> date:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).date()


_YEAR = re.compile(r"(19|20)\d{2}")


def _fill_last_used(
    skills: list[CandidateSkill], mentions, sections: list[Section], text: str, as_of: date
) -> None:
    """Set ``last_used`` from the dated work-history entry nearest above each mention."""
    anchors: list[tuple[int, int]] = []  # (offset, year the entry ended)
    for section in sections:
        if section.name != "experience":
            continue
        offset = section.start
        for line in text[section.start : section.end].splitlines(keepends=True):
            for start, end, current in find_date_ranges(line):
                year = as_of.year if current or (start and not end and "present" in line.lower()) else _year(end or start)
                if year:
                    anchors.append((offset, year))
            offset += len(line)
    if not anchors:
        return
    latest: dict[str, int] = {}
    for mention in mentions:
        preceding = [year for pos, year in anchors if pos <= mention.start]
        inside = any(s.name == "experience" and s.start <= mention.start < s.end for s in sections)
        if not inside:
            continue
        year = preceding[-1] if preceding else anchors[0][1]
        latest[mention.id] = max(year, latest.get(mention.id, 0))
    for skill in skills:
        skill.last_used = latest.get(skill.id)


def _year(value: str | None) -> int | None:
    if not value:
        return None
    match = _YEAR.match(value)
    return int(match.group(0)) if match else None
