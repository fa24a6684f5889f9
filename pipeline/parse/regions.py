"""Which country a resume is from, read from its own signals, so that local phone numbers parse.

:func:`country_signals` counts, in order of weight:

* a "+CC" country code written before a number anywhere in the text (6 points each);
* the country-code top-level domain of an email address or link ("unmsm.edu.pe" → PE, "x.co.in" → IN; 4 each);
* a country, an Indian state or a large city of the gazetteer below: 2 each in the first lines (the header,
  where the address is), 1 each elsewhere (where the jobs were).

Generic domains (.com, .io, .ai, .me, .co...) say nothing. The caller tries the best region first and
``HOTLIST_DEFAULT_REGION`` last.
"""

from __future__ import annotations

import re
from collections import Counter

import phonenumbers

from hotlist.pipeline.parse.identity import _INDIAN_STATES  # noqa: PLC2701 - the one list of Indian states

HEADER_LINES = 15

# Country names (and short forms) → ISO 3166 region.
_COUNTRIES = {
    "india": "IN", "singapore": "SG", "bangladesh": "BD", "peru": "PE", "perú": "PE", "vietnam": "VN",
    "viet nam": "VN", "pakistan": "PK", "sri lanka": "LK", "nepal": "NP", "malaysia": "MY", "indonesia": "ID",
    "philippines": "PH", "thailand": "TH", "china": "CN", "hong kong": "HK", "japan": "JP", "south korea": "KR",
    "australia": "AU", "new zealand": "NZ", "united kingdom": "GB", "uk": "GB", "england": "GB",
    "scotland": "GB", "ireland": "IE", "germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES",
    "españa": "ES", "italy": "IT", "netherlands": "NL", "belgium": "BE", "switzerland": "CH", "austria": "AT",
    "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI", "poland": "PL", "portugal": "PT",
    "nigeria": "NG", "kenya": "KE", "ghana": "GH", "south africa": "ZA", "egypt": "EG", "uae": "AE",
    "united arab emirates": "AE", "saudi arabia": "SA", "qatar": "QA", "mexico": "MX", "méxico": "MX",
    "brazil": "BR", "brasil": "BR", "argentina": "AR", "chile": "CL", "colombia": "CO", "canada": "CA",
    "usa": "US", "united states": "US", "u.s.a.": "US",
}
# Large cities that are written without their country.
_CITIES = {
    "IN": ("bangalore", "bengaluru", "mumbai", "new delhi", "delhi", "noida", "gurgaon", "gurugram", "hyderabad",
           "chennai", "kolkata", "pune", "ahmedabad", "jaipur", "lucknow", "kanpur", "nagpur", "indore", "bhopal",
           "patna", "coimbatore", "kochi", "trivandrum", "thiruvananthapuram", "mysore", "mangalore",
           "visakhapatnam", "bhubaneswar", "guwahati", "surat", "vadodara", "thane", "navi mumbai", "secunderabad",
           "ghaziabad", "faridabad", "dehradun", "ranchi", "raipur"),
    "SG": ("singapore",),
    "BD": ("dhaka", "chittagong", "chattogram", "sylhet", "khulna", "rajshahi"),
    "PE": ("lima", "arequipa", "cusco", "trujillo", "callao"),
    "VN": ("hanoi", "ha noi", "hà nội", "ho chi minh", "saigon", "da nang", "đà nẵng", "hai phong"),
    "PK": ("karachi", "lahore", "islamabad", "rawalpindi"),
    "LK": ("colombo",),
    "NP": ("kathmandu",),
    "MY": ("kuala lumpur", "penang", "johor bahru"),
    "PH": ("manila", "quezon city", "cebu", "makati"),
    "NG": ("lagos", "abuja"),
    "KE": ("nairobi",),
    "AE": ("dubai", "abu dhabi", "sharjah"),
    "GB": ("london", "manchester", "birmingham", "edinburgh", "glasgow"),
    "AU": ("sydney", "melbourne", "brisbane", "perth", "adelaide"),
}
_PLACE_TO_REGION = dict(_COUNTRIES)
for _region, _names in _CITIES.items():
    for _name in _names:
        _PLACE_TO_REGION.setdefault(_name, _region)
for _state in _INDIAN_STATES:
    _PLACE_TO_REGION.setdefault(_state, "IN")
_PLACE_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(p) for p in sorted(_PLACE_TO_REGION, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
_CC_RE = re.compile(r"(?<![\w+])\+\s?\(?(\d{1,3})\)?[\s.\-]*\d")
_DOMAIN_RE = re.compile(r"(?:@|https?://|www\.)[\w.\-]+\.([a-z]{2})\b(?![.\w])", re.IGNORECASE)
# Two-letter top-level domains used as generic names, not for their country.
_GENERIC_TLDS = {"co", "io", "ai", "me", "tv", "ly", "gg", "fm", "am", "to", "sh", "so", "vc", "ws", "cc", "us"}
_TLD_REGION = {"uk": "GB"}


def country_signals(text: str) -> list[str]:
    """Regions the resume points to, strongest first (rules in the module docstring); [] when none."""
    votes: Counter[str] = Counter()
    for m in _CC_RE.finditer(text):
        for region in phonenumbers.region_codes_for_country_code(int(m.group(1)))[:1]:
            if region != "001":
                votes[region] += 6
    for m in _DOMAIN_RE.finditer(text):
        tld = m.group(1).lower()
        if tld in _GENERIC_TLDS:
            continue
        region = _TLD_REGION.get(tld, tld.upper())
        if phonenumbers.country_code_for_region(region):
            votes[region] += 4
    lines = text.splitlines()
    for weight, part in ((2, lines[:HEADER_LINES]), (1, lines[HEADER_LINES:])):
        for m in _PLACE_RE.finditer("\n".join(part)):
            votes[_PLACE_TO_REGION[m.group(1).lower()]] += weight
    return [region for region, _ in votes.most_common()]
