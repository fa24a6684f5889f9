"""Property tests: the text-level parsers never raise on any text and return well-formed values."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotlist.pipeline.parse.contacts import find_emails, find_links, find_phones
from hotlist.pipeline.parse.dates import find_date_ranges, find_single_dates, parse_date, range_spans
from hotlist.pipeline.parse.fields import parse_fields
from hotlist.pipeline.parse.sections import canonical_heading, split_sections

# Text that looks a little like a resume: words, digits, dates, separators, headings, odd Unicode.
PIECES = st.sampled_from([
    "Jan 2019", "2019 - Present", "06/15", "Sept. 2020", "EXPERIENCE", "Skills:", "Education", "+1 (512) 555-0132",
    "maya@example.com", "https://linkedin.com/in/x", "Python", "–", "—", "•", "\n", "\t", "  ", "Present", "'19",
    "Since 2017", "12/31/1999", "9999", "0000", "Feb 30, 2020", "ACLS", "C++", "R", "(cid:12)", "\u00a0", "\u200b",
    "é", "漢字", "🙂", "\x00", "\r\n", "::", "@@", "..", "+", "-", "/",
])
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map(" ".join))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")


@FUZZ
@given(TEXT)
def test_phones_are_e164(text):
    for phone in find_phones(text):
        assert re.fullmatch(r"\+[1-9]\d{6,14}", phone), phone


@FUZZ
@given(TEXT)
def test_emails_and_links_are_well_formed(text):
    for email in find_emails(text):
        assert email.count("@") == 1 and not any(ch.isspace() for ch in email), email
    for link in find_links(text):
        assert link and not any(ch.isspace() for ch in link)


@FUZZ
@given(TEXT)
def test_dates_are_year_or_year_month(text):
    value = parse_date(text)
    assert value is None or DATE.fullmatch(value)
    for start, end, current in find_date_ranges(text):
        assert start is None or DATE.fullmatch(start)
        assert end is None or DATE.fullmatch(end)
        assert isinstance(current, bool)
        if start and end:
            assert end[:4] >= start[:4]
    for a, b in range_spans(text):
        assert 0 <= a < b <= len(text)
    for value, (a, b) in find_single_dates(text):
        assert DATE.fullmatch(value) and 0 <= a < b <= len(text)


@FUZZ
@given(TEXT)
def test_sections_index_into_the_text(text):
    sections = split_sections(text)
    previous = 0
    for section in sections:
        assert 0 <= section.start <= section.end <= len(text)
        assert section.text == text[section.start:section.end]
        assert section.start >= previous
        previous = section.end
    for line in text.splitlines():
        heading = canonical_heading(line)
        assert heading is None or (heading and heading == heading.strip())


@FUZZ
@given(TEXT)
def test_fields_never_raise_and_are_well_formed(text):
    resume = parse_fields(text, as_of=date(2026, 1, 1))
    assert all(re.fullmatch(r"\+[1-9]\d{6,14}", p) for p in resume.phones)
    assert all("@" in e for e in resume.emails)
    assert resume.years_experience is None or 0 <= resume.years_experience <= 80
    assert all(0 <= c <= 1 for c in resume.confidence.values())
    for entry in resume.experience:
        assert entry.start is None or DATE.fullmatch(entry.start)
        assert entry.end is None or DATE.fullmatch(entry.end)


@pytest.fixture(scope="module")
def nlp(skill_nlp):
    return skill_nlp


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_skills_never_raise_and_spans_are_in_the_text(nlp, text):
    from hotlist.pipeline.skills.matcher import extract_skills

    for mention in extract_skills(nlp, text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.id and mention.name
