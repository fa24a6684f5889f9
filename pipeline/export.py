"""Call-list files (CSV and XLSX) a recruiter opens in a spreadsheet.

Both writers:

* neutralise spreadsheet formula injection: a text cell starting with ``=``, ``+``,
  ``-``, ``@``, tab or carriage return gets a leading ``'`` (numbers are left alone);
* write atomically: a temporary file in the target folder, then ``os.replace``,
  so a reader never sees a half-written list and a failed write keeps the old one.

CSV files are UTF-8 with a byte-order mark (``utf-8-sig``) so Excel shows accents
correctly; list cells (skills) are joined with ``"; "``.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from pipeline.ranking import RankedCandidate

__all__ = ["CALL_LIST_COLUMNS", "CallListRow", "rows_for_job", "write_call_list_csv", "write_call_list_xlsx"]

CALL_LIST_COLUMNS = [
    "rank",
    "candidate_id",
    "name",
    "phone",
    "email",
    "score",
    "matched_skills",
    "missing_skills",
    "reason",
    "location",
    "years_experience",
    "source_file",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60
_NUMBER_FORMATS = {"score": "0.000", "years_experience": "0.0"}


@dataclass
class CallListRow:
    """One line of a call list; field order is :data:`CALL_LIST_COLUMNS`."""

    rank: int
    candidate_id: int
    name: str | None
    phone: str | None
    email: str | None
    score: float
    matched_skills: list[str] = field(default_factory=list)
    missing_skills: list[str] = field(default_factory=list)
    reason: str = ""
    location: str | None = None
    years_experience: float | None = None
    source_file: str | None = None

    @classmethod
    def from_ranked(
        cls,
        ranked: RankedCandidate,
        *,
        name: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        location: str | None = None,
        years_experience: float | None = None,
        source_file: str | None = None,
    ) -> CallListRow:
        """A row from a ranking result plus contact details (matched = must + nice; missing = must-haves only)."""
        return cls(
            rank=ranked.rank,
            candidate_id=ranked.candidate_id,
            name=name,
            phone=phone,
            email=email,
            score=ranked.score,
            matched_skills=[*ranked.matched_must, *ranked.matched_nice],
            missing_skills=list(ranked.missing_must),
            reason=ranked.reason,
            location=location,
            years_experience=years_experience,
            source_file=source_file,
        )

    def cells(self, *, neutralise: bool = True) -> list[Any]:
        """The row's cell values in column order: lists joined, None kept.

        With ``neutralise`` (CSV), text that a spreadsheet would run as a formula gets
        a leading apostrophe.  XLSX needs no prefix: its writer stores every text
        cell with the string type, which Excel and LibreOffice never evaluate.
        """
        return [_cell(value, neutralise) for value in astuple(self)]


def rows_for_job(ranked: Sequence[RankedCandidate], contacts: dict[int, dict[str, Any]]) -> list[CallListRow]:
    """Call-list rows for one job's ranking.

    ``contacts[candidate_id]`` holds the keywords of :meth:`CallListRow.from_ranked`
    (name, phone, email, location, years_experience, source_file).
    """
    return [CallListRow.from_ranked(r, **contacts.get(r.candidate_id, {})) for r in ranked]


def write_call_list_csv(rows: Iterable[CallListRow], path: Path) -> Path:
    """Write a call list as CSV (header row, then one row per candidate) atomically; returns ``path``."""
    path = Path(path)
    with _atomic_file(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CALL_LIST_COLUMNS)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row.cells()])
    return path


def write_call_list_xlsx(rows: Iterable[CallListRow], path: Path, *, title: str) -> Path:
    """Write a call list as an XLSX workbook atomically; returns ``path``.

    One sheet named after ``title`` (cut to Excel's 31 characters), a bold header
    row frozen above the data, an autofilter over all columns and widths fitted
    to the content (at most 60 characters).
    """
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(title)
    wb.properties.title = _clean(title)
    ws.append(CALL_LIST_COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(name) for name in CALL_LIST_COLUMNS]
    for row in rows:
        values = [_clean(v) if isinstance(v, str) else v for v in row.cells(neutralise=False)]
        ws.append(values)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        for col, value in enumerate(values):
            if value is not None:
                widths[col] = max(widths[col], len(str(value)))
    for col, name in enumerate(CALL_LIST_COLUMNS, start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = min(widths[col - 1] + 2, _MAX_WIDTH)
        if name in _NUMBER_FORMATS:
            for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                cell.number_format = _NUMBER_FORMATS[name]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(CALL_LIST_COLUMNS))}{ws.max_row}"
    with _atomic_file(path, "wb") as fh:
        wb.save(fh)
    return path


def _cell(value: Any, neutralise: bool = True) -> Any:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if neutralise and isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _clean(text: str) -> str:
    """Drop control characters XLSX cannot store (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _sheet_title(title: str) -> str:
    name = " ".join(re.sub(r"[\[\]:*?/\\]", " ", _clean(title)).split()).strip("'")[:31].strip()
    return name or "Call list"


@contextlib.contextmanager
def _atomic_file(path: Path, mode: str, **open_args: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success fsync it and move it over ``path``.

    The temporary file is created with mode 0o666 minus the umask, like ``open()``.
    On any error it is removed and ``path`` is left as it was.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        fh = os.fdopen(fd, mode, **open_args)
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    try:
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise

