"""When a resume was written: the date "Present" means (``as_of``) and where it came from (``as_of_source``).

The file's modification time is the copy or download time, not the writing time, so it is the last resort.
In order (first found wins):

1. ``metadata``: the newest of the PDF Info ``CreationDate``/``ModDate``, the XMP ``CreateDate``/``ModifyDate``,
   or the DOCX core properties ``created``/``modified`` — when plausible: from 1990, not after today, not
   a library's template date (python-docx writes 2013-12-23), and not before the newest work-history date
   in the text (a document cannot predate what it describes);
2. ``file name``: a month written in the file name ("cv_2017-03.pdf", "ResumeJan24.pdf"), same checks;
3. ``stated``: a "Last updated / Last modified / Updated on <date>" line in the text (month precision);
4. ``text``: the newest work-history month, else the newest month the text mentions that is not in the future;
5. ``file date``: the file's modification date, only for a text with no past date at all, and never later
   than the newest (future) date the text mentions plus ``margin_months`` (``file date (capped)``);
   ``today`` without a file.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hotlist.pipeline.parse.dates import MONTHS, find_single_dates, parse_date

DEFAULT_MARGIN_MONTHS = 12  # how far past the newest date in the text a file's modification date may move "Present"
_TEMPLATE_DATES = {date(2013, 12, 23)}  # python-docx's default template core properties
_EARLIEST = date(1990, 1, 1)

_PDF_DATE_RE = re.compile(rb"(?:D:)?((?:19|20)\d\d)(0[1-9]|1[0-2])?(0[1-9]|[12]\d|3[01])?")
_ISO_RE = re.compile(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
_XMP_RE = re.compile(r"(?:xmp:(?:CreateDate|ModifyDate)|xap:(?:CreateDate|ModifyDate))\s*(?:=\s*[\"']|>)\s*([0-9T:\-+.Z]+)")
_CORE_RE = re.compile(r"<dcterms:(?:created|modified)[^>]*>\s*([0-9T:\-+.Z]+)")
_STATED_RE = re.compile(
    r"(?:last\s+(?:updated|modified|revised)|updated\s+(?:on|as\s+of)|date\s+of\s+update|revised\s*:)\s*[:\-–]?\s*(.{3,30})",
    re.IGNORECASE,
)
_MONTH_ALT = "|".join(sorted((m for m in MONTHS), key=len, reverse=True))
# "2017-03", "2017_03", "201703" (not part of a longer number); "Mar2017", "March_2017", "Jan24" (a month word
# starting the name or a camel-case word, then a 4- or 2-digit year).
_NAME_NUM_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_. ]?(0[1-9]|1[0-2])(?!\d)")
_NAME_WORD_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?i:({_MONTH_ALT}))|(?<=[a-z])((?:{'|'.join(m.capitalize() for m in MONTHS)})))"
    r"[-_. ']?((?:19|20)\d\d|\d\d)(?!\d)"
)


@dataclass(frozen=True)
class DocumentDates:
    """What the file says about its own date, read before parsing the text."""

    metadata: tuple[date, ...] = ()
    file_name: date | None = None
    file_date: date | None = None  # modification time


def read_document_dates(path: Path, file_date: date | None = None) -> DocumentDates:
    """Metadata dates (PDF Info and XMP, DOCX core properties) and a date in the file name; never raises."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
        if head.startswith(b"%PDF"):
            found = _pdf_dates(path)
        elif head.startswith(b"PK"):
            found = _docx_dates(path)
        else:
            found = []
    except Exception:  # noqa: BLE001 - a damaged header only loses a hint; the text is parsed anyway
        found = []
    return DocumentDates(tuple(found), filename_date(path.name), file_date)


def _pdf_dates(path: Path) -> list[date]:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    out: list[date] = []
    with open(path, "rb") as handle:
        doc = PDFDocument(PDFParser(handle))
        for info in doc.info:
            for key in ("CreationDate", "ModDate"):
                value = resolve1(info.get(key))
                if isinstance(value, str):
                    value = value.encode("latin-1", "ignore")
                if isinstance(value, bytes):
                    d = _pdf_date(value)
                    if d:
                        out.append(d)
        meta = resolve1(doc.catalog.get("Metadata"))
        if meta is not None and hasattr(meta, "get_data"):
            xml = meta.get_data()[:200_000].decode("utf-8", "ignore")
            out.extend(d for d in (_iso(m.group(1)) for m in _XMP_RE.finditer(xml)) if d)
    return out


def _docx_dates(path: Path) -> list[date]:
    with zipfile.ZipFile(path) as archive:
        if "docProps/core.xml" not in archive.namelist():
            return []
        with archive.open("docProps/core.xml") as handle:
            xml = handle.read(100_000).decode("utf-8", "ignore")
    return [d for d in (_iso(m.group(1)) for m in _CORE_RE.finditer(xml)) if d]


def _pdf_date(raw: bytes) -> date | None:
    m = _PDF_DATE_RE.match(raw.strip())
    if not m:
        return None
    return _safe(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _iso(text: str) -> date | None:
    m = _ISO_RE.match(text.strip())
    return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def filename_date(name: str) -> date | None:
    """A month written in a file name: "cv_2017-03.pdf", "resume-201703.docx", "ResumeJan24.pdf" (None if none)."""
    stem = Path(name).stem
    m = _NAME_NUM_RE.search(stem)
    if m:
        return date(int(m.group(1)), int(m.group(2)), 1)
    m = _NAME_WORD_RE.search(stem)
    if m:
        month = MONTHS.get((m.group(1) or m.group(2)).lower())
        year = int(m.group(3))
        year = year if year > 100 else 2000 + year if year < 50 else 1900 + year
        if month and 1990 <= year:
            return date(year, month, 1)
    return None


def stated_date(text: str) -> date | None:
    """The date of a "Last updated: March 2017" line (month precision), or None."""
    for m in _STATED_RE.finditer(text):
        for value, _ in find_single_dates(m.group(1)):
            if len(value) >= 7:
                return _month(value)
    return None


def _month(value: str) -> date | None:
    try:
        return date(int(value[:4]), int(value[5:7]) if len(value) >= 7 else 1, 1)
    except ValueError:
        return None


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def latest_mentioned(text: str, today: date) -> date | None:
    """The newest month written anywhere in ``text`` that is not after ``today``."""
    best: date | None = None
    for line in text.splitlines():
        for value, _ in find_single_dates(line):
            d = _month(value)
            if d is not None and d <= today and (best is None or d > best):
                best = d
    return best


def document_date(
    dates: DocumentDates,
    text: str,
    work_dates: Iterable[str | None],
    *,
    today: date | None = None,
    margin_months: int = DEFAULT_MARGIN_MONTHS,
) -> tuple[date, str]:
    """``(as_of, source)`` by the rules in the module docstring; source is one of "metadata", "file name",
    "stated", "text", "file date (capped)", "file date", "today"."""
    today = today or date.today()
    work = [d for d in (_month(v) for v in work_dates if v and parse_date(v)) if d is not None]
    newest_work = max(work) if work else None
    floor = newest_work if newest_work is not None and newest_work <= today else None
    meta = [d for d in dates.metadata if _EARLIEST <= d <= today and d not in _TEMPLATE_DATES]
    if meta and (floor is None or max(meta) >= floor):
        return max(meta), "metadata"
    named = dates.file_name
    if named is not None and _EARLIEST <= named <= today and (floor is None or named >= floor):
        return named, "file name"
    stated = stated_date(text)
    if stated is not None and stated <= today and (floor is None or stated >= floor):
        return stated, "stated"
    if floor is not None:
        return floor, "text"
    mentioned = latest_mentioned(text, today)
    if mentioned is not None:
        return mentioned, "text"
    if dates.file_date is not None:
        future = latest_mentioned(text, date.max)
        if future is not None and dates.file_date > _add_months(future, margin_months):
            return _add_months(future, margin_months), "file date (capped)"
        return dates.file_date, "file date"
    return today, "today"
