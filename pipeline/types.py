"""Typed data passed between pipeline stages.

Dates are ``YYYY-MM`` strings (or ``YYYY`` when only the year is known) so that
every value serialises to JSON unchanged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A block of resume text under one heading (``name`` is canonical: experience, education, skills...)."""

    name: str
    heading: str
    start: int
    end: int
    text: str


@dataclass
class Experience:
    """One work-history entry."""

    title: str | None = None
    employer: str | None = None
    start: str | None = None
    end: str | None = None
    current: bool = False
    location: str | None = None
    # 0-1: how sure the parser is of title/employer/dates together (not part of equality)
    confidence: float | None = field(default=None, compare=False)


@dataclass
class Education:
    """One education entry."""

    degree: str | None = None
    field: str | None = None
    school: str | None = None
    year: int | None = None
    # 0-1, not part of equality (``dataclasses.field``: the name ``field`` is taken above)
    confidence: float | None = dataclasses.field(default=None, compare=False)


@dataclass(frozen=True)
class SkillMention:
    """One place in a text where a taxonomy skill was seen."""

    id: str
    name: str
    start: int
    end: int
    text: str


@dataclass
class CandidateSkill:
    """A skill attributed to a candidate, with evidence."""

    id: str
    name: str
    count: int = 1
    sections: list[str] = field(default_factory=list)
    snippet: str = ""
    last_used: int | None = None
    first_used: int | None = None
    years_used: float | None = None


@dataclass
class ParsedResume:
    """Everything the parser read from one resume."""

    text: str
    name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    location: str | None = None
    experience: list[Experience] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    skills: list[CandidateSkill] = field(default_factory=list)
    years_experience: float | None = None
    sections: list[str] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    # Per-field confidence 0-1 (name, emails, phones, links, location, experience, education,
    # years_experience, certifications, languages); a field that was not found is absent.
    confidence: dict[str, float] = field(default_factory=dict)
    # Overall parse quality 0-1 (None when nothing was parsed); below REVIEW_QUALITY the file needs review.
    quality: float | None = None
    # Problems with the text or the parse: "cid_glyphs", "fragmented_text", "image_only_pages", "no_name"...
    quality_flags: list[str] = field(default_factory=list)
    # The date "Present" was resolved against (YYYY-MM-DD): when the resume was written (pipeline.doc_date).
    as_of: str | None = None
    # Where as_of came from: given | stated | metadata | file name | text | file date (capped) | file date | today
    as_of_source: str | None = None
    # A total the resume states ("Total experience: 6 years"), kept as evidence beside the dated jobs' total.
    stated_years: float | None = None

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_text:
            data.pop("text")
        data["skills"] = [
            {k: v for k, v in s.items()} for s in data["skills"]
        ]
        return data
