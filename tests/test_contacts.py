"""Emails, phone numbers and profile links from resume text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hotlist.pipeline.parse.contacts import find_emails, find_links, find_phones

HEADER = """JANE Q. PUBLIC
Austin, TX 78701 | (512) 555-0132 | Jane.Public@Example.com | jane [at] public [dot] dev
linkedin.com/in/janepublic — GitHub: https://www.github.com/jpublic/ — www.janepublic.dev
"""


def test_emails_lowercased_deduplicated_in_order() -> None:
    text = HEADER + "\nReach me at jane.public@example.com or backup@mail.co.uk."
    assert find_emails(text) == ["jane.public@example.com", "jane@public.dev", "backup@mail.co.uk"]


@pytest.mark.parametrize("text", ["x@y", "user@localhost", "a@b.c1", "@example.com", "name@.com"])
def test_not_emails(text: str) -> None:
    assert find_emails(text) == []


def test_phones_are_e164_and_deduplicated() -> None:
    text = HEADER + "\nMobile: 512-555-0132\nOffice: +44 20 7123 4567"
    assert find_phones(text) == ["+15125550132", "+442071234567"]


def test_phone_default_region_reads_national_numbers() -> None:
    assert find_phones("Mobile: 98765 43210", default_region="IN") == ["+919876543210"]
    assert find_phones("Mobile: 98765 43210", default_region="US") == []


@pytest.mark.parametrize(
    "text",
    [
        "Acme Corp 2019 - 2021",
        "Engineer 01/2019 - 03/2022",
        "Awards 2015, 2016, 2017, 2018",
        "2012 2013 2014 2015 2016",
        "Austin, TX 78701-1234",
        "Employee ID: 4155550132",
        "Order No. 2125550199",
        "Published 12/05/2021",
        "Student roll number 201955501234",
    ],
)
@pytest.mark.parametrize("region", ["US", "IN", "GB", "DE"])
def test_dates_years_zips_and_ids_are_not_phones(text: str, region: str) -> None:
    assert find_phones(text, default_region=region) == []


def test_labelled_phone_number_is_kept() -> None:
    assert find_phones("Phone Number: (415) 555-0142") == ["+14155550142"]


def test_links_normalised_and_email_domains_excluded() -> None:
    assert find_links(HEADER) == [
        "https://linkedin.com/in/janepublic",
        "https://github.com/jpublic",
        "https://janepublic.dev",
    ]
    # the mail host of the address is not a personal site
    assert find_links("jane@janepublic.dev\njanepublic.dev") == []


def test_words_with_dots_are_not_links() -> None:
    text = "Education: B.Tech in CS\nSkills: ASP.NET, Node.js, H2O.ai\n" + "x\n" * 20
    assert find_links(text) == []


def test_bare_domains_in_job_bullets_are_not_links() -> None:
    body = "\n".join(f"line {n}" for n in range(20))
    text = f"Jane Doe\n{body}\n• Rebuilt checkout for booking.com\nPortfolio: janedoe.design"
    assert find_links(text) == ["https://janedoe.design"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_find_phones_never_raises_and_returns_e164(text: str) -> None:
    phones = find_phones(text)
    assert all(re.fullmatch(r"\+[1-9]\d{6,14}", p) for p in phones)
    assert len(phones) == len(set(phones))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ab.@-_ 1[]()atdo\nCOM", max_size=120))
def test_find_emails_returns_wellformed_lowercase(text: str) -> None:
    for email in find_emails(text):
        assert email == email.lower()
        assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", email)
