"""Contact details in resume text: emails, phone numbers and profile links."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from pipeline.dates import find_date_ranges

# --- emails -----------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@([A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})(?![A-Za-z0-9-])"
)
# "jane [at] example [dot] com", "jane(at)example.com", "jane {at} example.com"
_OBF_AT_RE = re.compile(r"\s*[\[({]\s*at\s*[\])}]\s*", re.IGNORECASE)
_OBF_DOT_RE = re.compile(r"\s*[\[({]\s*dot\s*[\])}]\s*", re.IGNORECASE)


def find_emails(text: str) -> list[str]:
    """Email addresses in order of appearance, lower-cased and de-duplicated.

    Lightly de-obfuscates "name [at] domain [dot] com" and "name(at)domain.com".
    An address needs a dotted domain with an alphabetic TLD (``x@y`` is not one).
    """
    if not text:
        return []
    clean = _OBF_DOT_RE.sub(".", _OBF_AT_RE.sub("@", text))
    seen: dict[str, None] = {}
    for m in _EMAIL_RE.finditer(clean):
        local, domain = m.group(1).rstrip("."), m.group(2)
        if ".." in local or ".." in domain:
            continue
        seen.setdefault(f"{local}@{domain}".lower(), None)
    return list(seen)


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


def find_phones(text: str, default_region: str = "US") -> list[str]:
    """Phone numbers as E.164 strings, de-duplicated, in order of appearance.

    Uses ``phonenumbers.PhoneNumberMatcher`` with ``Leniency.VALID``: a number
    must be valid for its region (numbers without "+" are read in
    ``default_region``). Date ranges ("2019 - 2021", "01/2019 - 03/2022"),
    year lists, zip codes and numbers labelled as IDs are rejected.
    """
    if not text:
        return []
    region = (default_region or "US").upper()
    out: dict[str, None] = {}
    try:
        matches = list(PhoneNumberMatcher(text, region, leniency=Leniency.VALID))
    except Exception:  # the library can trip on pathological input; no phones then
        return []
    for match in matches:
        if not _looks_like_phone_raw(match.raw_string, text[max(0, match.start - 40) : match.start]):
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
    text = _WRAPPED_URL_RE.sub(lambda m: m.group("head") + m.group("tail"), text)
    email_hosts = {e.split("@", 1)[1] for e in find_emails(text)}
    no_emails = _EMAIL_RE.sub(lambda m: " " * len(m.group(0)), text)
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

    for m in _PROFILE_RE.finditer(no_emails):
        add(m.start(), m.end(), m.group("site"))
    for m in _URL_RE.finditer(no_emails):
        add(m.start(), m.end(), m.group(0))
    top_end = _offset_of_line(no_emails, _BARE_TOP_LINES)
    for m in _BARE_RE.finditer(no_emails):
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
