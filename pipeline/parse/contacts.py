"""Contact details in resume text: emails, phone numbers and profile links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import product

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, Leniency, PhoneMetadata, PhoneNumberFormat, PhoneNumberMatcher

from hotlist.pipeline.parse.dates import find_date_ranges

# --- emails -----------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@([A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})(?![A-Za-z0-9-])"
)
# "jane [at] example [dot] com", "jane(at)example.com", "jane {at} example.com"
_OBF_AT_RE = re.compile(r"\s*[\[({]\s*at\s*[\])}]\s*", re.IGNORECASE)
_OBF_DOT_RE = re.compile(r"\s*[\[({]\s*dot\s*[\])}]\s*", re.IGNORECASE)
_OBF_HINT_RE = re.compile(r"[\[({]\s*(?:at|dot)\s*[\])}]", re.IGNORECASE)  # either of the two above


def find_emails(text: str) -> list[str]:
    """Email addresses in order of appearance, lower-cased and de-duplicated.

    Lightly de-obfuscates "name [at] domain [dot] com" and "name(at)domain.com".
    An address needs a dotted domain with an alphabetic TLD (``x@y`` is not one).
    """
    if not text:
        return []
    return list(_find_emails(text))


@lru_cache(maxsize=8)  # parse_fields and find_links both read the emails of the same text
def _find_emails(text: str) -> tuple[str, ...]:
    clean = text
    if _OBF_HINT_RE.search(text):  # the two patterns below are slow to run over a whole resume
        clean = _OBF_DOT_RE.sub(".", _OBF_AT_RE.sub("@", text))
    seen: dict[str, None] = {}
    for _, _, local, domain in _email_matches(clean):
        local = local.rstrip(".")
        if ".." in local or ".." in domain:
            continue
        seen.setdefault(f"{local}@{domain}".lower(), None)
    return tuple(seen)


@lru_cache(maxsize=8)  # find_emails and find_links (which blanks the addresses out) scan the same text
def _email_matches(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """``(start, end, local part, domain)`` of every ``_EMAIL_RE`` match in ``text``."""
    if "@" not in text:
        return ()
    return tuple((m.start(), m.end(), m.group(1), m.group(2)) for m in _EMAIL_RE.finditer(text))


def _blank_emails(text: str) -> str:
    """``text`` with every email address replaced by as many spaces (offsets stay true)."""
    pieces, pos = [], 0
    for start, end, _, _ in _email_matches(text):
        pieces += [text[pos:start], " " * (end - start)]
        pos = end
    return "".join(pieces) + text[pos:] if pieces else text


# --- phones -----------------------------------------------------------------

_PHONE_LABEL_RE = re.compile(r"(phone|mobile|mob|cell|tel|telephone|contact|whatsapp|ph)\b", re.IGNORECASE)
_ID_LABEL_RE = re.compile(
    r"\b(id|no|nos|number|zip|pin|postal|ssn|passport|account|acct|roll|reg|registration|license|licence|"
    r"isbn|doi|order|invoice|ref|aadhaar|pan)\s*[.:#-]*\s*$",
    re.IGNORECASE,
)
_YEARISH_RE = re.compile(r"^[\s(]*(?:19|20)\d\d(?:[\s,;/–—-]+(?:19|20)\d\d)+[\s)]*$")
_ZIP_RE = re.compile(r"^\d{5}(?:-\d{4})?$|^\d{6}$")


def _looks_like_phone_raw(raw: str, before: str) -> bool:
    """Reject matcher hits that are dates, year lists, zip codes or ID numbers."""
    stripped = raw.strip()
    if _YEARISH_RE.match(stripped) or _ZIP_RE.match(stripped):
        return False
    if find_date_ranges(stripped):
        return False
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}", stripped):
        return False
    label = before[-24:]
    if _ID_LABEL_RE.search(label) and not _PHONE_LABEL_RE.search(label):
        return False
    digits = re.sub(r"\D", "", stripped)
    # A bare digit run without "+" or any grouping is more often an ID than a phone.
    if not stripped.startswith("+") and stripped.isdigit() and len(digits) > 10:
        return False
    return True


# --- a cheaper matcher: skip parse attempts that cannot give a valid number ------------------
#
# PhoneNumberMatcher parses every digit group it sees ("2019", "Jan 2019 – 2021" and the groups inside
# them); each parse costs tens of microseconds. A candidate with no letter (letters can turn into digits:
# "x" → 9) and no "+" gives a number whose national digits all come from the candidate's digits, plus
# the few a region's national-prefix rule may add. It is valid only with at least ``_min_digits(region)``
# digits: the shortest valid number of the region's country code, or the shortest international
# prefix + country code + number. Fewer digits: the parse would fail, so it is not attempted.
# Every other step of the matcher (candidates, tries, inner matches) is unchanged.

# Over all country codes: digits of the code + the shortest valid national number - the digits the
# code's national-prefix rule may add ("43" + 4 digits for Austria). tests/test_parse_helpers.py recomputes it.
MIN_INTERNATIONAL_DIGITS = 6
_PLUS_CHARS = "+\uff0b"


def _shortest_valid(metadata: PhoneMetadata | None) -> int:
    lengths = [n for n in metadata.general_desc.possible_length if n > 0] if metadata and metadata.general_desc else []
    return min(lengths) if lengths else 1


def _prefix_growth(metadata: PhoneMetadata | None) -> int:
    """How many digits the national-prefix transform rule may add ("264\\1": three)."""
    rule = metadata.national_prefix_transform_rule if metadata else None
    return len(re.sub(r"\\\d", "", rule)) if rule else 0


def _shortest_idd(pattern: str | None) -> int:
    """Digits of the shortest international dialling prefix ("011" → 3); 0 when unknown."""
    if not pattern:
        return 0
    idd = re.compile(pattern)
    for n in range(5):
        if any(idd.fullmatch("".join(p)) for p in product("0123456789", repeat=n)):
            return n
    return 0


@lru_cache(maxsize=64)
def _min_digits(region: str) -> int:
    """Fewest digits of a letter-free, "+"-free candidate that can parse to a valid number in ``region``."""
    metadata = PhoneMetadata.metadata_for_region(region)
    if metadata is None or not metadata.country_code:
        return 0
    cc = metadata.country_code
    regions = COUNTRY_CODE_TO_REGION_CODE.get(cc, ())
    if not regions:
        return 0
    shortest = min(_shortest_valid(PhoneMetadata.metadata_for_region(r)) for r in regions)
    home = _prefix_growth(PhoneMetadata.metadata_for_region(regions[0]))
    return max(0, min(
        shortest - _prefix_growth(metadata),  # read as a national number of the region
        len(str(cc)) + shortest - home,  # the region's own country code written without "+"
        _shortest_idd(metadata.international_prefix) + MIN_INTERNATIONAL_DIGITS,  # "011 43 ..."
    ))


class _Matcher(PhoneNumberMatcher):
    """PhoneNumberMatcher that does not parse candidates too short to be a valid number (see above)."""

    def __init__(self, text: str, region: str, leniency: int) -> None:
        super().__init__(text, region, leniency=leniency)
        self._fewest = _min_digits(region)

    def _parse_and_verify(self, candidate, offset):  # type: ignore[no-untyped-def]
        if self._fewest and sum(c.isdigit() for c in candidate) < self._fewest and not any(
            c.isalpha() or c in _PLUS_CHARS for c in candidate
        ):
            return None
        return super()._parse_and_verify(candidate, offset)


# "(NNN)·NNN·NNNN", "(NNN) · NNN · NNNN", "NNN•NNN•NNNN": dots and bullets between digit groups read as "-"
_DOT_SEP_RE = re.compile(r"(?<=[\d)])[ \t]*[·•∙・⋅‧][ \t]*(?=[\d(])")
_DIGIT_RUN_RE = re.compile(r"\d+")
POSSIBLE_LINES = 15  # where a number that is possible but not valid may still be the candidate's phone


def find_phones(text: str, default_region: str = "US", *, allow_possible: bool = True) -> list[str]:
    """Phone numbers as E.164 strings, de-duplicated, in order of appearance.

    Uses ``phonenumbers.PhoneNumberMatcher`` with ``Leniency.VALID``: a number
    must be valid for its region (numbers without "+" are read in
    ``default_region``). Date ranges ("2019 - 2021", "01/2019 - 03/2022"),
    year lists, zip codes and numbers labelled as IDs are rejected. Middle dots
    or bullets between digit groups are read as separators. When no valid number
    is found (and ``allow_possible``), a number of a possible length in the first :data:`POSSIBLE_LINES`
    lines is kept when its digits are grouped exactly as the region writes its numbers ("(123) 456-7890"
    in the US: an unassigned area code is still what the candidate wrote; "98765 43210" is not a US number).
    """
    if not text:
        return []
    if "·" in text or "•" in text or "∙" in text or "・" in text or "⋅" in text or "‧" in text:
        text = _DOT_SEP_RE.sub("-", text)
    region = (default_region or "US").upper()
    out = _matches(text, region, Leniency.VALID)
    if not out and allow_possible:
        head = "\n".join(text.splitlines()[:POSSIBLE_LINES])
        out = _matches(head, region, Leniency.POSSIBLE, strict=True)
    return out


def _grouped_as_written(raw: str, number) -> bool:
    """The raw digits fall in the same groups (3 or more) as the region's example number written nationally or
    internationally ("(123) 456-7890" as "(201) 555-0123")."""
    groups = [len(g) for g in _DIGIT_RUN_RE.findall(raw)]
    if len(groups) < 3 or sum(groups) < 8:
        return False
    return groups in _example_groups(phonenumbers.region_code_for_number(number)
                                     or phonenumbers.region_code_for_country_code(number.country_code))


@lru_cache(maxsize=64)
def _example_groups(region: str) -> list[list[int]]:
    example = phonenumbers.example_number(region) if region else None
    if example is None:
        return []
    return [[len(g) for g in _DIGIT_RUN_RE.findall(phonenumbers.format_number(example, fmt))]
            for fmt in (PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL)]


def _matches(text: str, region: str, leniency, strict: bool = False) -> list[str]:
    out: dict[str, None] = {}
    try:
        matches = list(_Matcher(text, region, leniency))
    except Exception:  # the library can trip on pathological input; no phones then
        return []
    for match in matches:
        before = text[max(0, match.start - 40) : match.start]
        if not _looks_like_phone_raw(match.raw_string, before):
            continue
        if strict and not _grouped_as_written(match.raw_string, match.number):
            continue
        out.setdefault(phonenumbers.format_number(match.number, PhoneNumberFormat.E164), None)
    return list(out)


# --- links ------------------------------------------------------------------

_PROFILE_RE = re.compile(
    r"(?<![\w@.])(?:https?://)?(?:www\.|[a-z]{2}\.)?"
    r"(?P<site>linkedin\.com/(?:in|pub|company)/[\w\-%.~]+|github\.com/[\w\-.]+(?:/[\w\-.]+)?"
    r"|gitlab\.com/[\w\-.]+(?:/[\w\-.]+)?)",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"(?<![\w@.])(?:https?://|www\.)[^\s<>\"'()|,;]+", re.IGNORECASE)
_BARE_TLDS = (
    "com|io|dev|me|net|org|ai|co|app|xyz|site|tech|info|blog|page|us|uk|in|ca|de|fr|eu|online|"
    "website|design|studio|codes|cc|sh|ly|tv|id"
)
_BARE_RE = re.compile(
    rf"(?<![\w@./:-])(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:{_BARE_TLDS}))"
    rf"(?P<path>/[^\s<>\"'()|,;]*)?(?![\w@-])"
)
_BARE_TOP_LINES = 15
_SITE_LABEL_RE = re.compile(r"\b(?:website|web|site|portfolio|blog|homepage|url|links?)\b", re.IGNORECASE)
_NOT_SITES = {"asp.net", "vb.net", "ado.net", "node.js", "react.js", "vue.js", "next.js", "express.js"}
_SHARE_HOSTS = {"indeed.com", "naukri.com", "monster.com", "glassdoor.com"}


def _offset_of_line(text: str, n: int) -> int:
    """Offset just past the ``n``-th non-empty line of ``text``."""
    seen = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        pos += len(line)
        if line.strip():
            seen += 1
            if seen >= n:
                break
    return pos


_TRACKING_KEYS = {"isid", "ikw", "co", "trk", "ref", "originalsubdomain", "src", "source"}
# "indeed.com/r/Jane-" + newline + "Doe/1a2b3c4d5e6f": a URL wrapped at a hyphen or slash
_WRAPPED_URL_RE = re.compile(
    r"(?P<head>(?:https?://)?(?:www\.)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}/[^\s]*[-/])[ \t]*\n[ \t]*"
    r"(?P<tail>[^\s]*/[^\s]*|[0-9a-f]{8,})(?=\s|$)"
)


def _strip_tracking(url: str) -> str:
    """Drop a query string made only of tracking parameters (isid, ikw, co, utm_*, trk...)."""
    base, sep, query = url.partition("?")
    if not sep:
        return url
    keys = [kv.split("=", 1)[0].lower() for kv in query.split("&") if kv]
    return base if all(k in _TRACKING_KEYS or k.startswith("utm_") for k in keys) else url


def _normalise_url(raw: str) -> str | None:
    url = _strip_tracking(raw.strip().rstrip(".,;:!?)]}>'\""))
    url = re.sub(r"^https?://", "", url, flags=re.IGNORECASE)
    host, _, path = url.partition("/")
    host = host.lower()
    if host.startswith("www."):
        host = host[4:]
    if not host or "." not in host or "@" in url:
        return None
    path = path.rstrip("/")
    return f"https://{host}/{path}" if path else f"https://{host}"


# Cheap necessary conditions, checked before the costly patterns run over the whole text.
# (A URL wrapped at a hyphen or slash: a dotted host, a slash, then "-" or "/" at the end of the line.)
_WRAP_HINT_RE = re.compile(r"\.[A-Za-z]{2,}/\S*[-/][ \t]*\n")


def _bare_hosts(text: str, top_end: int) -> Iterator[re.Match[str]]:
    """``_BARE_RE.finditer(text)``, minus matches find_links would drop anyway for want of a site label.

    A bare host counts only before ``top_end`` or after a "Website:"-style label on its line. A match
    never spans a line break, so the lines after the top that have no label anywhere are not scanned.
    """
    split = text.find("\n", max(0, top_end - 1))
    split = len(text) if split < 0 else split + 1
    yield from _BARE_RE.finditer(text, 0, split)
    while split < len(text):
        end = text.find("\n", split)
        end = len(text) if end < 0 else end
        if _SITE_LABEL_RE.search(text, split, end):
            yield from _BARE_RE.finditer(text, split, end)
        split = end + 1


def find_links(text: str) -> list[str]:
    """Profile and personal-site URLs, normalised to ``https://host/path``.

    LinkedIn, GitHub and GitLab profiles are found with or without a scheme
    ("linkedin.com/in/x" → "https://linkedin.com/in/x"); other sites need a
    scheme or "www.", or else a host with a common TLD in the first 15
    non-empty lines or after a "Website:"/"Portfolio:" label (so "B.Tech",
    "H2O.ai" and client names like "booking.com" in job bullets are not links). Hosts of the email
    addresses in the text (gmail.com, the candidate's own mail domain) are not
    links. ``www.`` and trailing slashes are dropped, and so is a query string of
    tracking parameters only ("?isid=rex-download&ikw=..."); a URL wrapped onto the
    next line at a hyphen or slash ("indeed.com/r/Jane-" / "Doe/1a2b3c4d") is joined;
    order of appearance kept.
    """
    if not text:
        return []
    if _WRAP_HINT_RE.search(text):
        text = _WRAPPED_URL_RE.sub(lambda m: m.group("head") + m.group("tail"), text)
    email_hosts = {e.split("@", 1)[1] for e in find_emails(text)}
    no_emails = _blank_emails(text)
    # Case-insensitive prechecks: no letter of "http", "www", ".com/" has an extra case-insensitive
    # match in Python's re (unlike "i" and "s"), so str.lower() finds whatever the patterns could.
    lowered = no_emails.lower()
    found: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, raw: str) -> None:
        if any(start < b and a < end for a, b in spans):
            return
        url = _normalise_url(raw)
        if url is None:
            return
        host = url[len("https://") :].split("/", 1)[0]
        if host in email_hosts and url == f"https://{host}":
            return
        if host in _NOT_SITES or host.endswith(".pdf") or host.endswith(".docx"):
            return
        spans.append((start, end))
        found.append((start, url))

    if ".com/" in lowered:  # linkedin.com/, github.com/, gitlab.com/
        for m in _PROFILE_RE.finditer(no_emails):
            add(m.start(), m.end(), m.group("site"))
    if "http" in lowered or "www." in lowered:
        for m in _URL_RE.finditer(no_emails):
            add(m.start(), m.end(), m.group(0))
    top_end = _offset_of_line(no_emails, _BARE_TOP_LINES)
    for m in _bare_hosts(no_emails, top_end):
        label = m.group("host").split(".")[-2]
        # "B.Tech", "H2O.ai", "ASP.Net" are words, not sites; bare hosts count near the top or when labelled
        if len(label) < 2 or any(c.isupper() for c in label[1:]):
            continue
        line_start = no_emails.rfind("\n", 0, m.start()) + 1
        if m.start() >= top_end and not _SITE_LABEL_RE.search(no_emails[line_start : m.start()]):
            continue
        add(m.start(), m.end(), m.group(0))
    found.sort()
    out: dict[str, None] = {}
    for _, url in found:
        if url.split("/")[2] in _SHARE_HOSTS and url.count("/") <= 2:
            continue
        out.setdefault(url, None)
    return list(out)
