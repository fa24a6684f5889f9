"""Places Hotlist recognises by name: the one table of US states and Canadian provinces.

Read by :mod:`hotlist.pipeline.parse.locations` (scoring where a candidate is against a job) and
:mod:`hotlist.pipeline.parse.identity` (finding the candidate's location in a resume header).
"""

from __future__ import annotations

# US states (and DC), written out -> two-letter code (lower case).
US_STATES: dict[str, str] = {
    "alabama": "al", "alaska": "ak", "arizona": "az", "arkansas": "ar", "california": "ca",
    "colorado": "co", "connecticut": "ct", "delaware": "de", "district of columbia": "dc",
    "florida": "fl", "georgia": "ga", "hawaii": "hi", "idaho": "id", "illinois": "il",
    "indiana": "in", "iowa": "ia", "kansas": "ks", "kentucky": "ky", "louisiana": "la",
    "maine": "me", "maryland": "md", "massachusetts": "ma", "michigan": "mi", "minnesota": "mn",
    "mississippi": "ms", "missouri": "mo", "montana": "mt", "nebraska": "ne", "nevada": "nv",
    "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm", "new york": "ny",
    "north carolina": "nc", "north dakota": "nd", "ohio": "oh", "oklahoma": "ok", "oregon": "or",
    "pennsylvania": "pa", "rhode island": "ri", "south carolina": "sc", "south dakota": "sd",
    "tennessee": "tn", "texas": "tx", "utah": "ut", "vermont": "vt", "virginia": "va",
    "washington": "wa", "west virginia": "wv", "wisconsin": "wi", "wyoming": "wy",
}
US_STATE_CODES = frozenset(code.upper() for code in US_STATES.values())

CA_PROVINCES = frozenset({"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"})
CA_PROVINCE_NAMES = frozenset({"ontario", "quebec", "british columbia", "alberta", "manitoba", "nova scotia",
                               "saskatchewan", "new brunswick", "newfoundland and labrador", "prince edward island"})
