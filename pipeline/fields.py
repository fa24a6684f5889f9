"""Resume plain text → :class:`ParsedResume` (everything except skills)."""

from __future__ import annotations

import re
from datetime import date

from pipeline.contacts import find_emails, find_links, find_phones
from pipeline.education import parse_education
from pipeline.experience import parse_experience, years_of_experience
from pipeline.identity import guess_location, guess_name, name_candidates
from pipeline.sections import split_sections
from pipeline.types import ParsedResume


def _readable(text: str) -> bool:
    """Enough real words to be worth parsing (not empty, not only (cid:N) garbage)."""
    cleaned = re.sub(r"\(cid:\d+\)", " ", text)
    return len(re.findall(r"[^\W\d_]{2,}", cleaned)) >= 2


_CONTACT_RE = re.compile(r"contact|personal|details|info|touch|reach", re.IGNORECASE)


def _pick_name(header: str, text: str, hints: list[str]) -> str | None:
    """The header's name, unless a line elsewhere matches the email/profile and it does not.

    Two-column layouts put the sidebar (contact, skills) before the name.
    """
    from_header = guess_name(header)
    scored = name_candidates(text, hints)
    if from_header is not None:
        header_score = next((sc for sc, n in scored if n == from_header), 0)
        if not scored or scored[0][0] <= header_score + 1 or header_score >= 2:
            return from_header
        return scored[0][1] if scored[0][0] >= 2 else from_header
    return scored[0][1] if scored and scored[0][0] >= 2 else None


def parse_fields(text: str, *, default_region: str = "US", as_of: date) -> ParsedResume:
    """Read name, contacts, location, experience, education and section names.

    The name comes from the header (text above the first heading, or a
    leading "Contact"/"Personal Information" section); when that gives none,
    or a name-like line elsewhere matches the email address or a profile URL
    better (two-column layouts extract the sidebar first), that line wins. A
    name-like line that matches nothing is not taken from the body. The
    location comes from the header, else from a contact/personal section.
    Contacts are read from the whole text. Experience and education are read
    from every section of that kind. ``years_experience`` is None when no
    entry has a start date. ``skills`` is left empty for the skills stage.
    Text without at least two real words gives an empty ParsedResume.
    """
    if not text or not _readable(text):
        return ParsedResume(text=text or "")
    sections = split_sections(text)
    header = next((s.text for s in sections if s.name == "header"), "")
    contact = "\n".join(s.text for s in sections if s.name == "other" and _CONTACT_RE.search(s.heading))
    if not header.strip() and sections and sections[0].name == "other":
        header = sections[0].text  # "Personal Information" / "Contact" comes first
    exp_text = "\n".join(s.text for s in sections if s.name == "experience")
    edu_text = "\n".join(s.text for s in sections if s.name == "education")
    experience = parse_experience(exp_text)
    dated = [e for e in experience if e.start]
    emails = find_emails(text)
    links = find_links(text)
    names: list[str] = []
    for s in sections:
        if s.name not in names:
            names.append(s.name)
    return ParsedResume(
        text=text,
        name=_pick_name(header, text, emails + links),
        emails=emails,
        phones=find_phones(text, default_region=default_region),
        links=links,
        location=guess_location(header) or guess_location(contact),
        experience=experience,
        education=parse_education(edu_text),
        years_experience=years_of_experience(dated, as_of) if dated else None,
        sections=names,
    )
