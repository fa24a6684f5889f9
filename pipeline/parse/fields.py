"""Resume plain text → :class:`ParsedResume` (everything except skills)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date

from hotlist.pipeline.parse.contacts import find_emails, find_links, find_phones
from hotlist.pipeline.parse.doc_date import DEFAULT_MARGIN_MONTHS, DocumentDates, document_date
from hotlist.pipeline.parse.education import parse_certifications, parse_education, parse_languages
from hotlist.pipeline.parse.experience import parse_experience
from hotlist.pipeline.parse.years import recruiter_years, stated_total_years, years_disagree
from hotlist.pipeline.parse.identity import (
    _as_name,
    find_location,
    guess_location,
    guess_name,
    name_candidates,
    name_with_evidence,
    region_code,
)
from hotlist.pipeline.parse.nlp import HeaderNer
from hotlist.pipeline.parse.regions import country_signals
from hotlist.pipeline.parse.sections import canonical_heading, split_sections
from hotlist.pipeline.types import ParsedResume, Section


_CID_RE = re.compile(r"\(cid:\d+\)")
# Look-alike hyphens become "-"; zero-width characters and soft hyphens go (NFKC keeps both).
_LOOKALIKES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2043": "-", "\u2212": "-",
                             "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
                             "\u00ad": None})
_LOOKALIKE_RE = re.compile("[\u2010\u2011\u2012\u2043\u2212\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalise_text(text: str) -> str:
    """NFKC (ligatures "ﬁ ﬂ ﬀ ﬃ" → letters, full-width "＠" → "@", no-break spaces → spaces), look-alike
    hyphens → "-", zero-width characters removed. Cheap on text that needs nothing."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        if _LOOKALIKE_RE.search(text):
            text = text.translate(_LOOKALIKES)
    return text
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_SPACES_RE = re.compile(r"\s+")


def _readable(text: str) -> bool:
    """Enough real words to be worth parsing (not empty, not only (cid:N) garbage)."""
    cleaned = _CID_RE.sub(" ", text) if "(cid:" in text else text
    words = _WORD_RE.finditer(cleaned)  # stop at the second word rather than list them all
    return next(words, None) is not None and next(words, None) is not None


_CONTACT_RE = re.compile(r"contact|personal|details|info|touch|reach", re.IGNORECASE)
_NER_LINES = 6  # the model reads at most this many of the first lines
_NOT_FOR_NER = re.compile(r"@|https?:|www\.|\d{3}|^[\W\d_]*$")


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


def _headline_name(headline: Sequence[str]) -> str | None:
    """The largest text at the top of page 1, when it reads as a name (see pipeline.pdf_layout).

    A name set on two lines in the same large type ("CHRISTIAN" / "LARICO DEPAZ") is read as one."""
    if len(headline) >= 2 and len(headline[0].split()) == 1 and not canonical_heading(headline[0]):
        joined = _as_name(_SPACES_RE.sub(" ", f"{headline[0]} {headline[1]}"))
        if joined and len(joined.split()) <= 4:
            return joined
    for line in headline[:2]:
        line = _SPACES_RE.sub(" ", line)
        if canonical_heading(line):  # "Work History" set as large as a name
            continue
        name = _as_name(line)
        if name:
            return name
    return None


_FULLER_LINES = 40


def _fuller_name(name: str, text: str) -> str:
    """The same name written in full on an early line: "Nguyen Phuong" → "Nguyen Ngoc Phuong" (a family-name-first
    name whose large display form drops the middle name). Same first and last word, the chosen words in order,
    more words."""
    words = name.lower().split()
    if len(words) < 2:
        return name
    for line in _top_lines(text, _FULLER_LINES):
        if len(line) > 60 or words[0] not in line.lower():
            continue
        full = _as_name(line)
        if not full:
            continue
        longer = full.lower().split()
        if len(longer) > len(words) and longer[0] == words[0] and longer[-1] == words[-1] and \
                _in_order(words, longer):
            return full
    return name


def _in_order(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _top_lines(text: str, n: int) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()][:n]


def parse_fields(
    text: str,
    *,
    default_region: str = "US",
    as_of: date | None = None,
    file_date: date | None = None,
    headline: Sequence[str] = (),
    ner: HeaderNer | None = None,
    sections: Sequence[Section] | None = None,
    document_dates: DocumentDates | None = None,
    margin_months: int = DEFAULT_MARGIN_MONTHS,
) -> ParsedResume:
    """Read name, contacts, location, experience, education, certifications, languages and section names.

    Name, in order: the largest text at the top of page 1 when it reads as a name (``headline``, from
    the PDF layout or the DOCX title); else the header's name (text above the first heading, or a
    leading "Contact"/"Personal Information" section) unless a name-like line elsewhere matches the
    email address or a profile URL better (two-column layouts extract the sidebar first); else one of
    the first three lines shaped like a name in any letter case ("tarun vk") when a word of it is in an
    email/profile URL or the English model (``ner``, header lines only) tags the line as a PERSON. A
    name-like line that matches nothing is not taken from the body.

    Location comes from the header, else from a contact/personal section, else from a place the model
    tags in the first lines when it is written "City, Region". Phones are read in the region of that
    location ("Pune, Maharashtra" → IN) when it has one, else in the regions the resume's other signals point
    to (:func:`pipeline.regions.country_signals`: "+CC" numbers, email/link country domains, places in the
    header), else ``default_region``: the first region that gives a number wins; numbers with a "+"
    country code are read as written. Contacts are read from the whole text; experience and education
    from every section of that kind. The text is normalised first (:func:`normalise_text`: NFKC, so
    ligatures such as "ﬁ" become "fi"; look-alike hyphens; zero-width characters). Text without at least two
    real words gives an empty ParsedResume. ``as_of`` given wins (source "given"); else
    :func:`pipeline.doc_date.document_date` of ``document_dates`` (metadata, file name, ``file_date``) and the
    text. ``years_experience`` follows :func:`pipeline.experience.recruiter_years` (0.0 when no job counts). ``sections`` is ``split_sections(text)`` when the caller already
    has it (the skills stage reads it too).
    """
    if not text or not _readable(text):
        return ParsedResume(text=text or "")
    if sections is None:
        text = normalise_text(text)
        sections = split_sections(text)
    header = next((s.text for s in sections if s.name == "header"), "")
    contact = "\n".join(s.text for s in sections if s.name == "other" and _CONTACT_RE.search(s.heading))
    if not header.strip() and sections and sections[0].name == "other":
        header = sections[0].text  # "Personal Information" / "Contact" comes first
    body = {name: "\n".join(s.text for s in sections if s.name == name)
            for name in ("experience", "education", "certifications", "languages")}
    experience = parse_experience(body["experience"])
    dated = [e for e in experience if e.start]
    if as_of is not None:
        when, source = as_of, "given"
    else:
        hints = document_dates or DocumentDates(file_date=file_date)
        if hints.file_date is None and file_date is not None:
            hints = DocumentDates(hints.metadata, hints.file_name, file_date)
        when, source = document_date(hints, text, [d for e in dated for d in (e.start, e.end)],
                                     margin_months=margin_months)
    education = parse_education(body["education"])
    stated = stated_total_years(text)
    years = recruiter_years(experience, education, when)
    emails = find_emails(text)
    links = find_links(text)
    hints = emails + links

    top = _top_lines(header or text, _NER_LINES)
    ents: list[list[tuple[str, str]]] | None = None

    def entities() -> list[list[tuple[str, str]]]:
        nonlocal ents
        if ents is None:
            # only short lines that could hold a name or a place go to the model (it costs ~1 ms a line)
            wanted = [i for i, ln in enumerate(top) if len(ln.split()) <= 8 and not _NOT_FOR_NER.search(ln)]
            found = ner([top[i] for i in wanted]) if ner is not None and wanted else []
            ents = [[] for _ in top]
            for i, e in zip(wanted, found):
                ents[i] = e
        return ents

    name = _headline_name(headline) or _pick_name(header, text, hints)
    if name is None and top:
        name = name_with_evidence(top, hints)
        if name is None and ner is not None:
            persons = [[t for label, t in line if label == "PERSON"] for line in entities()]
            name = name_with_evidence(top, hints, persons)
    if name is not None:
        name = _fuller_name(name, text)
    location = guess_location(header) or guess_location(contact)
    if location is None and ner is not None and top:
        location = _ner_location(top, entities(), name)
    phones: list[str] = []
    loc_region = region_code(location)  # a stated location decides; the text's other signals only without one
    regions = list(dict.fromkeys([loc_region] if loc_region else country_signals(text))) + [default_region]
    for allow_possible in (False, True):  # a valid number in any of the regions before a merely possible one
        for region in regions:
            phones = find_phones(text, default_region=region, allow_possible=allow_possible)
            if phones:
                break
        if phones:
            break
    names: list[str] = []
    for s in sections:
        if s.name not in names:
            names.append(s.name)
    return ParsedResume(
        text=text,
        name=name,
        emails=emails,
        phones=phones,
        links=links,
        location=location,
        experience=experience,
        education=education,
        years_experience=years,
        stated_years=stated,
        quality_flags=["stated_years_disagree"] if years_disagree(stated, years) else [],
        sections=names,
        certifications=parse_certifications(body["certifications"], text),
        languages=parse_languages(body["languages"], text),
        as_of=when.isoformat(),
        as_of_source=source,
    )


def _ner_location(lines: list[str], ents: list[list[tuple[str, str]]], name: str | None) -> str | None:
    """A place the model sees (GPE) at the start of one of the first lines: "Coimbatore - Email me on ...".

    The line's "City, Region" when it has one, else the place as written.
    """
    for line, found in zip(lines, ents):
        if name and name.split()[0].lower() in line.lower():
            continue  # the name line: "Ravi teja" is not a place
        place = next((t for label, t in found if label == "GPE"), None)
        if place and line.startswith(place) and len(place) >= 3:
            return find_location(line) or place.strip(" ,.-")
    return None
