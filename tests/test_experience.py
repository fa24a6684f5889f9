"""Dates, date ranges, work-history entries and years of experience."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotlist.pipeline.parse.dates import find_date_ranges, parse_date
from hotlist.pipeline.parse.experience import parse_experience, years_of_experience
from hotlist.pipeline.types import Experience

# --- dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2019", "2019-01"),
        ("January 2019", "2019-01"),
        ("01/2019", "2019-01"),
        ("1/2019", "2019-01"),
        ("2019-01", "2019-01"),
        ("2019", "2019"),
        ("Sept. 2020", "2020-09"),
        ("Jan-2024", "2024-01"),
        ("Jan '19", "2019-01"),
        ("15 March 2018", "2018-03"),
        ("Summer 2012", "2012"),
        ("Present", None),
        ("13/2019", None),
        ("May", None),
        ("1899", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jan 2019 – Present", [("2019-01", None, True)]),
        ("01/2019 - 03/2022", [("2019-01", "2022-03", False)]),
        ("2019 – 2021", [("2019", "2021", False)]),
        ("March 2018 to June 2020", [("2018-03", "2020-06", False)]),
        ("2020 - Current", [("2020", None, True)]),
        ("Since 2017", [("2017", None, True)]),
        ("Jun 2020 to Till Date", [("2020-06", None, True)]),
        ("Jan – Mar 2020", [("2020-01", "2020-03", False)]),
        ("06/15 - Now", [("2015-06", None, True)]),
        ("Senior Engineer, Acme Corp    Aug. 2008 – July. 2012", [("2008-08", "2012-07", False)]),
        ("2019–2021, 2022-Present", [("2019", "2021", False), ("2022", None, True)]),
        ("2021 - 2019", []),
        ("+1 (415) 555-0142", []),
        ("Led a team of 12 engineers", []),
    ],
)
def test_find_date_ranges(line: str, expected: list) -> None:
    assert find_date_ranges(line) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_date_never_raises_and_is_well_formed(text: str) -> None:
    value = parse_date(text)
    assert value is None or re.fullmatch(r"(19[5-9]\d|20[0-4]\d)(-(0[1-9]|1[0-2]))?", value)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789/-– JanFebPresntoSic", max_size=40))
def test_find_date_ranges_is_well_formed(line: str) -> None:
    for start, end, current in find_date_ranges(line):
        assert start is not None and parse_date(start) == start
        assert (end is None) == current
        if end is not None:
            assert end[:4] >= start[:4]


# --- entries ----------------------------------------------------------------


def _tuples(entries: list[Experience]) -> list[tuple]:
    return [(e.title, e.employer, e.start, e.end, e.current, e.location) for e in entries]


def test_title_employer_and_dates_on_one_line_with_bullets() -> None:
    text = """Senior Engineer, Acme Corp    Jan 2019 – Present
• Built the billing pipeline
- Cut costs by 30% (2020-2021)
(cid:127) Mentored interns
Software Engineer, Beta LLC    Jun 2016 – Dec 2018
▪ Wrote services
"""
    assert _tuples(parse_experience(text)) == [
        ("Senior Engineer", "Acme Corp", "2019-01", None, True, None),
        ("Software Engineer", "Beta LLC", "2016-06", "2018-12", False, None),
    ]


def test_employer_dash_title_with_dates_on_next_line() -> None:
    text = "Acme Corp — Senior Engineer\nJan 2019 – Present\n• Built things\n\nBeta Inc — Developer\n2016 - 2018\n"
    assert _tuples(parse_experience(text)) == [
        ("Senior Engineer", "Acme Corp", "2019-01", None, True, None),
        ("Developer", "Beta Inc", "2016", "2018", False, None),
    ]


def test_pipe_separated_with_location() -> None:
    text = "Senior Engineer | Acme Corp | Austin, TX | 2019–2021\n* Did things\nData Analyst | Gamma Analytics | Toronto, ON | 2017–2019"
    assert _tuples(parse_experience(text)) == [
        ("Senior Engineer", "Acme Corp", "2019", "2021", False, "Austin, TX"),
        ("Data Analyst", "Gamma Analytics", "2017", "2019", False, "Toronto, ON"),
    ]


def test_title_employer_dates_on_three_lines() -> None:
    text = "Senior Engineer\nAcme Corp\nJan 2019 - Present\n• Shipped\nJunior Developer\nWidget Works\n03/2016 - 12/2018\n"
    assert _tuples(parse_experience(text)) == [
        ("Senior Engineer", "Acme Corp", "2019-01", None, True, None),
        ("Junior Developer", "Widget Works", "2016-03", "2018-12", False, None),
    ]


def test_employer_line_before_title_line_and_location_column() -> None:
    text = "Northwind Traders                 Hyderabad, India\nSenior Software Engineer  Aug 2021 – Present\n"
    assert _tuples(parse_experience(text)) == [
        ("Senior Software Engineer", "Northwind Traders", "2021-08", None, True, "Hyderabad, India"),
    ]


def test_dates_after_the_bullets() -> None:
    text = """Backend Engineer, Driftwood Labs
• Cached hot reads in Redis
• Raised test coverage to 82%

Jul 2023 – Present

Software Engineer, Parcel Co
• Tuned slow queries, reducing database

Mar 2022 – Jul 2023

load by 41%
"""
    assert _tuples(parse_experience(text)) == [
        ("Backend Engineer", "Driftwood Labs", "2023-07", None, True, None),
        ("Software Engineer", "Parcel Co", "2022-03", "2023-07", False, None),
    ]


def test_dates_column_before_the_headers() -> None:
    text = """June 2020 –
Present

July 2015 –
May 2020

Full Stack Developer, Orbit Media, Boston, MA
Built the storefront and its admin.
Software Developer, Plainview Systems, Albany, NY
Maintained the billing system.
"""
    assert _tuples(parse_experience(text)) == [
        ("Full Stack Developer", "Orbit Media", "2020-06", None, True, "Boston, MA"),
        ("Software Developer", "Plainview Systems", "2015-07", "2020-05", False, "Albany, NY"),
    ]


def test_promotion_inherits_employer_and_at_form() -> None:
    text = "Acme Corp, Austin, TX\nStaff Engineer   2021 - Present\nSenior Engineer   2019 - 2021\n\nEngineer at Beta Labs  2017 - 2019\n"
    assert _tuples(parse_experience(text)) == [
        ("Staff Engineer", "Acme Corp", "2021", None, True, "Austin, TX"),
        ("Senior Engineer", "Acme Corp", "2019", "2021", False, None),
        ("Engineer", "Beta Labs", "2017", "2019", False, None),
    ]


def test_employer_as_title_form() -> None:
    text = "Bharat Motors Pvt. Ltd. as Territory Manager (Sales)\nJun 2020 to Till Date\nManaged dealers."
    assert _tuples(parse_experience(text)) == [
        ("Territory Manager (Sales)", "Bharat Motors Pvt. Ltd.", "2020-06", None, True, None),
    ]


def test_bullets_and_prose_with_years_are_not_entries() -> None:
    text = (
        "Developer, Acme Inc  2018 - 2020\n"
        "• Migrated 2015 - 2017 archives to S3\n"
        "Worked on the data platform from 2018 to 2019 with a team of eight engineers across three offices and time zones\n"
    )
    assert len(parse_experience(text)) == 1


def test_no_dates_no_entries() -> None:
    assert parse_experience("Senior Engineer, Acme Corp\n• Built things") == []
    assert parse_experience("") == []


# --- years of experience ----------------------------------------------------

AS_OF = date(2024, 6, 15)


def _e(start: str | None, end: str | None = None, current: bool = False) -> Experience:
    return Experience(title="Engineer", employer="Acme", start=start, end=end, current=current)


def test_years_year_only_counts_january_to_december() -> None:
    assert years_of_experience([_e("2019", "2021")], AS_OF) == 3.0


def test_years_months_inclusive() -> None:
    assert years_of_experience([_e("2019-01", "2019-12")], AS_OF) == 1.0


def test_years_current_resolves_against_as_of() -> None:
    assert years_of_experience([_e("2024-01", current=True)], AS_OF) == 0.5


def test_years_overlaps_are_merged() -> None:
    entries = [_e("2018-01", "2020-12"), _e("2019-06", "2021-12"), _e("2023-01", "2023-06")]
    assert years_of_experience(entries, AS_OF) == 4.5


def test_years_ignores_undated_future_and_backwards_entries() -> None:
    entries = [_e(None), _e("2030-01", current=True), _e("2022-05", "2021-01"), _e("2020-01", "2020-06")]
    assert years_of_experience(entries, AS_OF) == 0.5
    assert years_of_experience([], AS_OF) == 0.0


def test_years_end_after_as_of_is_clamped() -> None:
    assert years_of_experience([_e("2024-01", "2026-12")], AS_OF) == 0.5


# --- layouts from real producers (invented text) ---------------------------------------------------


def test_job_board_export_with_lower_case_headers_urls_and_since() -> None:
    text = (
        "\nstore supervisor\n\nharbor foods -  Nagpur, Maharashtra -\n\nhttps://www.example-board.com/r/x/1a2b3c\n\n"
        "March 2016 to Present\n\nManaged a team of 12.\n\nCashier\n\nCity Mart -  Nagpur, Maharashtra -\n\n"
        "June 2013 to February 2016\n\nNagpur, since March 2016 to till date.\n"
    )
    assert _tuples(parse_experience(text)) == [
        ("store supervisor", "harbor foods", "2016-03", None, True, "Nagpur, Maharashtra"),
        ("Cashier", "City Mart", "2013-06", "2016-02", False, "Nagpur, Maharashtra"),
    ]


def test_employer_on_the_line_below_the_dates() -> None:
    text = "Senior Software Engineer   Jan 2023 - Present\nStripe • San Francisco, CA\n• Built fraud models\n"
    assert _tuples(parse_experience(text)) == [
        ("Senior Software Engineer", "Stripe", "2023-01", None, True, "San Francisco, CA")]


def test_worked_as_sentences_and_labelled_blocks() -> None:
    text = (
        "• Worked as Test Engineer with Lumen Softech from Dec' 2015 to Sept' 2016\n"
        "• Worked for Northgate Data Centre from Apr' 2014 to Oct' 2015\n\n"
        "Company 2: Orbit Systems Pvt Ltd, Pune\nDesignation: Support Analyst\nDuration: May 2012 - Mar 2014\n"
    )
    assert _tuples(parse_experience(text)) == [
        ("Test Engineer", "Lumen Softech", "2015-12", "2016-09", False, None),
        (None, "Northgate Data Centre", "2014-04", "2015-10", False, None),
        ("Support Analyst", "Orbit Systems Pvt Ltd", "2012-05", "2014-03", False, None),
    ]


def test_a_job_without_dates_is_a_two_line_block() -> None:
    text = "Data Entry Operator\n\nBlue Harbor Logistics\n\nKeyed 300 invoices a day into the ledger system.\n"
    assert _tuples(parse_experience(text)) == [("Data Entry Operator", "Blue Harbor Logistics", None, None, False, None)]


def test_the_same_job_written_twice_is_kept_once() -> None:
    text = ("Staff Engineer\nCompany 1 - Chennai\nMarch 2009 to Present\n\nDesignation: Staff Engineer\n"
            "Duration: March 2009 - till date\n• Ran upgrades\n")
    assert [(e.title, e.start, e.current) for e in parse_experience(text)] == [("Staff Engineer", "2009-03", True)]


def test_abbreviated_present() -> None:
    assert find_date_ranges("2025.02–pres.") == [("2025-02", None, True)]
