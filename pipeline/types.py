"""Typed data passed between pipeline stages.

Dates are ``YYYY-MM`` strings (or ``YYYY`` when only the year is known) so that
every value serialises to JSON unchanged.
"""

from __future__ import annotations

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


@dataclass
class Education:
    """One education entry."""

    degree: str | None = None
    field: str | None = None
    school: str | None = None
    year: int | None = None


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

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_text:
            data.pop("text")
        data["skills"] = [
            {k: v for k, v in s.items()} for s in data["skills"]
        ]
        return data
