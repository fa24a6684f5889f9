"""Call-list files (CSV and XLSX) a recruiter opens in a spreadsheet, and what changed since the last one.

Both writers:

* neutralise spreadsheet formula injection: a text cell starting with ``=``, ``+``,
  ``-``, ``@``, tab or carriage return gets a leading ``'`` (numbers are left alone);
* write atomically: a temporary file in the target folder, then ``os.replace``,
  so a reader never sees a half-written list and a failed write keeps the old one.

CSV files are UTF-8 with a byte-order mark (``utf-8-sig``) so Excel shows accents
correctly; list cells (skills) are joined with ``"; "``. The ``outcome`` and
``note`` columns are left empty for the recruiter: a filled-in list goes back in
with ``hotlist outcomes import`` (``pipeline.outcomes.read_outcome_file``).

:func:`compare_with_previous` fills each row's ``change`` (``new``, ``up 2``,
``down 1``, ``same``) against the previous export of the same job.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from hotlist.pipeline.calls.outcomes import OUTCOMES

if TYPE_CHECKING:  # ranking brings scikit-learn: printing a call list must not import it
    from hotlist.pipeline.rank.ranking import RankedCandidate

__all__ = [
    "CALL_LIST_COLUMNS",
    "CallListRow",
    "Changes",
    "compare_with_previous",
    "rows_for_job",
    "write_call_list_csv",
    "write_call_list_xlsx",
    "atomic_file",
]

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
    "change",
    "why_not_higher",
    "ask_about",
    "last_contacted",
    "last_outcome",
    "needs_review",
    "cooldown_until",
    "contact",
    "phone_country",
    "job_id",
    "outcome",
    "note",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60
_NUMBER_FORMATS = {"score": "0.000", "years_experience": "0.0"}


@dataclass
class CallListRow:
    """One line of a call list; :data:`CALL_LIST_COLUMNS` gives the column order."""

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
    change: str = ""
    """``new``, ``up N``, ``down N`` or ``same`` against the previous export (empty: first export)."""
    why_not_higher: str = ""
    ask_about: list[str] = field(default_factory=list)
    last_contacted: str | None = None
    """Date (YYYY-MM-DD) of the latest recorded call outcome."""
    last_outcome: str | None = None
    needs_review: str = ""
    """``yes`` when the resume's parse needs a human look (no contact details found...)."""
    cooldown_until: str | None = None
    """Set when the candidate was contacted within the cooldown and the list marks rather than omits them."""
    job_id: str | None = None
    outcome: str = ""
    note: str = ""
    contact: str = ""
    """``missing`` when the row has neither phone nor email (such rows are listed after callable ones)."""

    @property
    def phone_country(self) -> str:
        """``US +1`` for an international phone: the CSV's phone cell holds the national format beside it."""
        return _phone_parts(self.phone)[0]

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
        **extra: Any,
    ) -> CallListRow:
        """A row from a ranking result plus contact details (matched = must + nice; missing = must-haves only).

        ``extra`` sets any other field (``last_contacted``, ``needs_review``...).
        """
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
            why_not_higher=ranked.why_not_higher,
            ask_about=list(ranked.ask_about),
            job_id=ranked.job_id,
            **extra,
        )

    def cells(self, *, neutralise: bool = True) -> list[Any]:
        """The row's cell values in column order: lists joined, None kept.

        With ``neutralise`` (CSV), text that a spreadsheet would run as a formula gets
        a leading apostrophe.  XLSX needs no prefix: its writer stores every text
        cell with the string type, which Excel and LibreOffice never evaluate.
        """
        cells = [_cell(getattr(self, name), neutralise) for name in CALL_LIST_COLUMNS]
        if neutralise and self.phone_country:
            # "+1 512..." would need the apostrophe a recruiter sees; the national format needs none.
            cells[CALL_LIST_COLUMNS.index("phone")] = _phone_parts(self.phone)[1]
        return cells


def _phone_parts(phone: str | None) -> tuple[str, str]:
    """(``"US +1"``, ``"(512) 555-0132"``) for a phone written with its country code; ("", "") otherwise."""
    if not phone or not phone.startswith("+"):
        return "", ""
    import phonenumbers

    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return "", ""
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if not national or national.startswith(_FORMULA_START):
        return "", ""
    region = phonenumbers.region_code_for_number(number) or ""
    return f"{region} +{number.country_code}".strip(), national


def rows_for_job(ranked: Sequence[RankedCandidate], contacts: dict[int, dict[str, Any]]) -> list[CallListRow]:
    """Call-list rows for one job's ranking.

    ``contacts[candidate_id]`` holds the keywords of :meth:`CallListRow.from_ranked`
    (name, phone, email, location, years_experience, source_file...).
    """
    return [CallListRow.from_ranked(r, **contacts.get(r.candidate_id, {})) for r in ranked]


@dataclass(frozen=True)
class Changes:
    """What changed in a job's call list since its previous export."""

    new: int = 0
    up: int = 0
    down: int = 0
    same: int = 0
    gone: tuple[int, ...] = ()
    """Candidates on the previous list who are not on this one (called, do-not-call, or outranked)."""
    first: bool = False
    """There was no previous export to compare with."""

    def summary(self) -> str:
        """``3 new, 2 moved up, 1 moved down, 1 gone`` (or ``first export``/``no change``)."""
        if self.first:
            return "first export"
        parts = [f"{n} {label}" for n, label in ((self.new, "new"), (self.up, "moved up"),
                                                  (self.down, "moved down"), (len(self.gone), "gone")) if n]
        return ", ".join(parts) or "no change"

    def to_dict(self) -> dict[str, Any]:
        return {"new": self.new, "up": self.up, "down": self.down, "same": self.same,
                "gone": list(self.gone), "first": self.first}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Changes:
        """The inverse of :meth:`to_dict` (what the database stores)."""
        return cls(new=int(data.get("new", 0)), up=int(data.get("up", 0)), down=int(data.get("down", 0)),
                   same=int(data.get("same", 0)), gone=tuple(data.get("gone", ())), first=bool(data.get("first", False)))


def compare_with_previous(rows: Sequence[CallListRow], previous: Mapping[int, int] | None) -> Changes:
    """Set each row's ``change`` against ``previous`` (candidate id -> rank in the last export) and count them.

    ``previous`` None means there was no earlier export: rows get no change mark.
    """
    if previous is None:
        for row in rows:
            row.change = ""
        return Changes(first=True)
    counts = {"new": 0, "up": 0, "down": 0, "same": 0}
    for row in rows:
        before = previous.get(row.candidate_id)
        if before is None:
            row.change, key = "new", "new"
        elif before > row.rank:
            row.change, key = f"up {before - row.rank}", "up"
        elif before < row.rank:
            row.change, key = f"down {row.rank - before}", "down"
        else:
            row.change, key = "same", "same"
        counts[key] += 1
    listed = {row.candidate_id for row in rows}
    gone = tuple(cid for cid, _ in sorted(previous.items(), key=lambda item: item[1]) if cid not in listed)
    return Changes(gone=gone, **counts)


def write_call_list_csv(rows: Iterable[CallListRow], path: Path) -> Path:
    """Write a call list as CSV (header row, then one row per candidate) atomically; returns ``path``."""
    path = Path(path)
    text = call_list_csv_text(rows)
    with atomic_file(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(text)
    return path


def call_list_csv_text(rows: Iterable[CallListRow]) -> str:
    """The text of a call list CSV (what :func:`write_call_list_csv` writes after the byte-order mark)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CALL_LIST_COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row.cells()])
    return buffer.getvalue()


def csv_matches(rows: Iterable[CallListRow], path: Path) -> bool:
    """True if the CSV at ``path`` holds exactly these rows (so writing them again would change nothing)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return fh.read() == call_list_csv_text(rows)
    except (OSError, UnicodeDecodeError):
        return False


def write_call_list_xlsx(
    rows: Iterable[CallListRow],
    path: Path,
    *,
    title: str,
    changes: Changes | None = None,
    gone_names: Mapping[int, str] | None = None,
    followups: Sequence[Any] | None = None,
) -> Path:
    """Write a call list as an XLSX workbook atomically; returns ``path``.

    The first sheet, named after ``title`` (cut to Excel's 31 characters): a bold
    header row frozen above the data, an autofilter over all columns, widths
    fitted to the content (at most 60 characters), ``source_file`` cells linked to
    the resume file, and a drop-down of the known results in the ``outcome`` column.
    With ``changes``, a second sheet "Changes" says what changed since the
    previous export, naming who is gone (``gone_names``: candidate id -> name).
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
    link_col = CALL_LIST_COLUMNS.index("source_file")
    for row in rows:
        values = [_clean(v) if isinstance(v, str) else v for v in row.cells(neutralise=False)]
        ws.append(values)
        cells = ws[ws.max_row]
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        uri = _file_uri(row.source_file)
        if uri:
            cells[link_col].hyperlink = uri
            cells[link_col].style = "Hyperlink"
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
    outcome_col = get_column_letter(CALL_LIST_COLUMNS.index("outcome") + 1)
    choices = DataValidation(type="list", formula1='"' + ",".join(OUTCOMES) + '"', allow_blank=True)
    choices.add(f"{outcome_col}2:{outcome_col}{max(ws.max_row, 2) + 200}")
    ws.add_data_validation(choices)
    if changes is not None:
        _changes_sheet(wb, changes, gone_names or {})
    if followups is not None:
        _followups_sheet(wb, followups)
    with atomic_file(path, "wb") as fh:
        wb.save(fh)
    return path


def _changes_sheet(wb: Workbook, changes: Changes, names: Mapping[int, str]) -> None:
    sheet = wb.create_sheet("Changes")
    sheet.append(["Since the previous export", changes.summary()])
    for label, count in (("new", changes.new), ("moved up", changes.up), ("moved down", changes.down),
                         ("same place", changes.same), ("gone", len(changes.gone))):
        sheet.append([label, count])
    if changes.gone:
        sheet.append([])
        sheet.append(["gone: candidate_id", "name"])
        for cid in changes.gone:
            sheet.append([cid, _clean(names.get(cid) or "")])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet["A1"].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 50


def _followups_sheet(wb: Workbook, followups: Sequence[Any]) -> None:
    """A "Follow-ups" sheet: who to call back and when (``pipeline.actionable.Followup`` rows), as typed text."""
    from hotlist.pipeline.calls.actionable import FOLLOWUP_COLUMNS

    sheet = wb.create_sheet("Follow-ups")
    sheet.append(FOLLOWUP_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in followups:
        sheet.append([_clean(v) if isinstance(v, str) else v for v in item.cells()])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for col, width in enumerate((12, 13, 24, 18, 30, 24, 16, 50), start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width


def _file_uri(source: str | None) -> str | None:
    """``file://`` URI of an absolute resume path (relative or empty paths get no link)."""
    if not source:
        return None
    path = Path(source)
    return path.as_uri() if path.is_absolute() else None


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
def atomic_file(path: Path, mode: str, **open_args: Any) -> Iterator[IO[Any]]:
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

