"""Helpers added to make parsing cheaper (they must not change what is parsed), and Indian regions."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, Leniency, PhoneMetadata, PhoneNumberMatcher

from hotlist.pipeline.parse.contacts import MIN_INTERNATIONAL_DIGITS, _Matcher, _min_digits, _prefix_growth, _shortest_valid
from hotlist.pipeline.parse.experience import parse_experience
from hotlist.pipeline.parse.identity import find_location, region_code


def test_min_international_digits_matches_the_metadata() -> None:
    def metadata(cc: int, region: str) -> PhoneMetadata | None:
        return PhoneMetadata.metadata_for_nongeo_region(cc) if region == "001" else PhoneMetadata.metadata_for_region(region)

    fewest = min(
        len(str(cc)) + min(_shortest_valid(metadata(cc, r)) for r in regions) - _prefix_growth(metadata(cc, regions[0]))
        for cc, regions in COUNTRY_CODE_TO_REGION_CODE.items()
    )
    assert fewest == MIN_INTERNATIONAL_DIGITS


def test_min_digits_per_region() -> None:
    assert _min_digits("US") == 7  # Canada lists 7-digit numbers
    assert _min_digits("IN") == 8
    assert _min_digits("ZZ") == 0  # unknown region: every candidate is parsed


@pytest.mark.parametrize("region", ["US", "IN", "GB", "CA", "AU", "DE", "BS", "JE", "AT", "AR", "BR", "NU", "ZZ"])
def test_matcher_finds_what_the_library_finds(region: str) -> None:
    rng = random.Random(region)
    numbers = []
    for r in ("US", "IN", "GB", "DE", "AT", "NU", "BS", region):
        example = phonenumbers.example_number(r)
        if example is not None:
            numbers += [phonenumbers.format_number(example, f) for f in (0, 1, 2)]
    pieces = ["2019 - 2021", "Jan 2019 – Present", "06/2019", "x", "ext 12", "+", "(", ")", "/", " ", "\n", "12345"]
    for _ in range(150):
        text = " ".join(rng.choice(numbers + pieces + [str(rng.randint(0, 10**rng.randint(1, 9)))])
                        for _ in range(rng.randint(1, 8)))

        def found(matcher: PhoneNumberMatcher) -> list[tuple[int, str, str]]:
            return [(m.start, m.raw_string, str(m.number)) for m in matcher]

        assert found(_Matcher(text, region, Leniency.VALID)) == found(
            PhoneNumberMatcher(text, region, leniency=Leniency.VALID)
        ), text


def test_indian_states_and_union_territories_are_regions() -> None:
    assert find_location("Srinagar, Jammu and Kashmir") == "Srinagar, Jammu and Kashmir"
    assert region_code("Leh, Ladakh") == region_code("Agartala, Tripura") == "IN"
    # the city of a "City, State" line under the title is the job's place, not its employer
    job = parse_experience("Network Engineer\nSamba, Jammu and Kashmir\nJan 2019 - Present\n• Built networks")[0]
    assert job.employer is None and job.location == "Samba, Jammu and Kashmir"
