"""Resume dates: single dates and employment ranges.

Dates come out as ``YYYY-MM`` strings, or ``YYYY`` when only the year is
written (see :mod:`pipeline.types`). Years outside 1950–2049 are not dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_SEASONS = r"(?:spring|summer|fall|autumn|winter)"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_YY = r"(?:'\d{2})"

# One date. Alternatives are ordered from most to least specific.
_DATE = (
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}(?:\s*\d{{1,2}}(?:st|nd|rd|th)?,)?"
    rf"(?:[\s,\-/']*{_YEAR}(?!\d)|\s*['\-/]\s*\d{{2}}(?!\d))"
    rf"|{_SEASONS}\s+{_YEAR}"
    rf"|(?:0?[1-9]|1[0-2])\s*[/.\-]\s*{_YEAR}"
    rf"|{_YEAR}\s*[/.\-]\s*(?:0?[1-9]|1[0-2])(?:\s*[/.\-]\s*\d{{1,2}})?(?!\d)"
    rf"|(?:0?[1-9]|1[0-2])/\d{{2}}(?![\d/])"
    rf"|{_YEAR}"
    rf")"
)
_PRESENT = (
    r"(?:present|pres\.|current(?:ly)?|now|today|ongoing|till\s+(?:date|now)|to\s+date|until\s+now"
    r"|date|continuing)"
)
_SEP = r"(?:\s*(?:[-–—−‐‑~]+>?|[→⇒⟶➔➜➝⇨]|=>)\s*|\s+(?:to|till|until|through|thru)\s+)"

# Public forms of the patterns, for other modules that look for dates inside layouts.
DATE_PATTERN = _DATE
PRESENT_PATTERN = _PRESENT

_RANGE_RE = re.compile(
    rf"(?<![\w/])(?P<start>{_DATE}|{_MONTH})(?P<sep>{_SEP})(?P<end>{_DATE}|{_PRESENT})(?![\w/])",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(rf"\bsince\s+(?P<start>{_DATE})(?![\w/])", re.IGNORECASE)
_SINGLE_RE = re.compile(rf"(?<![\w/]){_DATE}(?![\w/])", re.IGNORECASE)

_MONTH_WORD_RE = re.compile(rf"^{_MONTH}", re.IGNORECASE)
_PRESENT_RE = re.compile(_PRESENT, re.IGNORECASE)
# Every date in a range has a year (1950-2049) or a two-digit year after ', -, / ("Jan '19", "06/19"):
# a line with neither has no range, and this check is much cheaper than _RANGE_RE.
_RANGE_HINT_RE = re.compile(r"19[5-9]\d|20[0-4]\d|['\-/]\s*\d\d")
# parse_date's formats, precompiled (it runs thousands of times per batch).
_YEAR_ONLY_RE = re.compile(_YEAR)
_SEASON_YEAR_RE = re.compile(rf"{_SEASONS}\s+({_YEAR})", re.IGNORECASE)
_MONTH_YEAR_NUM_RE = re.compile(rf"(0?[1-9]|1[0-2])\s*[/.\-]\s*({_YEAR})")
_YEAR_MONTH_NUM_RE = re.compile(rf"({_YEAR})\s*[/.\-]\s*(0?[1-9]|1[0-2])(?:\s*[/.\-]\s*(?:0?[1-9]|[12]\d|3[01]))?")
_MONTH_YY_NUM_RE = re.compile(r"(0?[1-9]|1[0-2])/(\d{2})")
_MONTH_NAME_DATE_RE = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?({_MONTH})(?:\s*\d{{1,2}}(?:st|nd|rd|th)?,)?"
    rf"(?:[\s,\-/']*({_YEAR})|\s*['\-/]\s*(\d{{2}}))",
    re.IGNORECASE,
)
_YYYY_MM_RE = re.compile(r"\d{4}(?:-\d{2})?")


def _year2(yy: str) -> int:
    n = int(yy)
    return 2000 + n if n < 50 else 1900 + n


def parse_date(s: str) -> str | None:
    """Parse one written date into ``YYYY-MM`` or ``YYYY``.

    Accepts "Jan 2019", "January 2019", "Sept. 2020", "Jan-2024", "Jan '19",
    "01/2019", "2019-01", "2019-01-15", "15 Jan 2019", "Jan 15, 2019",
    "Summer 2019" (year only) and "2019". Returns None for anything else,
    including "Present" (use :func:`find_date_ranges` for ranges).
    """
    if not isinstance(s, str):
        return None
    return _parse_date(s)


@lru_cache(maxsize=16384)  # pure; the same strings come back from every line scan
def _parse_date(s: str) -> str | None:
    t = s.strip().strip(",;()").strip()
    if not t or len(t) > 40:
        return None
    m = _YEAR_ONLY_RE.fullmatch(t)
    if m:
        return t
    m = _SEASON_YEAR_RE.fullmatch(t)
    if m:
        return m.group(1)
    m = _MONTH_YEAR_NUM_RE.fullmatch(t)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = _YEAR_MONTH_NUM_RE.fullmatch(t)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = _MONTH_YY_NUM_RE.fullmatch(t)
    if m:
        return f"{_year2(m.group(2))}-{int(m.group(1)):02d}"
    m = _MONTH_NAME_DATE_RE.fullmatch(t)
    if m:
        month = MONTHS.get(m.group(1).rstrip(".").lower())
        if month is None:
            return None
        year = int(m.group(2)) if m.group(2) else _year2(m.group(3))
        return f"{year}-{month:02d}"
    return None


def _resolve_start(start: str, end: str | None) -> str | None:
    """Parse a range start; a bare month ("Jan – Mar 2020") borrows the end's year."""
    parsed = parse_date(start)
    if parsed is not None:
        return parsed
    m = _MONTH_WORD_RE.fullmatch(start.strip())
    if m and end and len(end) >= 4:
        month = MONTHS.get(start.strip().rstrip(".").lower())
        if month:
            return f"{end[:4]}-{month:02d}"
    return None


_Ranges = tuple[tuple[tuple[int, int], tuple[str | None, str | None, bool]], ...]


@lru_cache(maxsize=16384)  # pure; find_date_ranges and range_spans scan the same lines many times
def _scan_ranges(line: str) -> _Ranges:
    if not _RANGE_HINT_RE.search(line):
        return ()
    out: list[tuple[tuple[int, int], tuple[str | None, str | None, bool]]] = []
    for m in _RANGE_RE.finditer(line):
        end_raw = m.group("end")
        current = _PRESENT_RE.fullmatch(end_raw.strip()) is not None
        end = None if current else parse_date(end_raw)
        start = _resolve_start(m.group("start"), end)
        if start is None or (end is None and not current):
            continue
        if end is not None and end < start[: len(end)]:
            continue
        out.append((m.span(), (start, end, current)))
    for m in _SINCE_RE.finditer(line):
        if any(m.start() < b and a < m.end() for (a, b), _ in out):
            continue
        start = parse_date(m.group("start"))
        if start:
            out.append((m.span(), (start, None, True)))
    out.sort(key=lambda p: p[0])
    return tuple(out)  # immutable: the result is cached


def find_date_ranges(line: str) -> list[tuple[str | None, str | None, bool]]:
    """Find employment ranges in one line of text, left to right.

    Each result is ``(start, end, current)``: "Jan 2019 – Present" gives
    ``("2019-01", None, True)``, "2019 - 2021" gives ``("2019", "2021", False)``,
    "Since 2017" gives ``("2017", None, True)``. A range whose end comes before
    its start is dropped. Two-digit years (``06/15``) are read as 19xx from 50.
    """
    if not isinstance(line, str) or not line:
        return []
    return [r for _, r in _scan_ranges(line)]


def range_spans(line: str) -> list[tuple[int, int]]:
    """Character spans of the ranges :func:`find_date_ranges` returns for ``line``."""
    return [span for span, _ in _scan_ranges(line)]


def find_single_dates(line: str) -> list[tuple[str, tuple[int, int]]]:
    """Every standalone date in ``line`` with its span (ranges are not joined)."""
    out = []
    for m in _SINGLE_RE.finditer(line):
        d = parse_date(m.group(0))
        if d:
            out.append((d, m.span()))
    return out
