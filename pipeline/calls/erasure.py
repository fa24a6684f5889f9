"""Erasure that sticks: the salted key of erased content, the workspace files that are copies of it, and the
quarantine notes and call-list files that name an erased person.

Nothing here touches a database. File work is limited to the folders the caller names (the workspace) and
never follows a link; call-list files are rewritten atomically, keeping every other row and cell as it was.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Collection, Iterable
from pathlib import Path

from hotlist.pipeline.read.documents import sha256_of
from hotlist.pipeline.calls.people import hash_key

__all__ = ["ERASED_REASON", "REASON_SUFFIX", "content_key", "drop_candidate_rows", "find_copies", "notes_naming"]

ERASED_REASON = "its content was erased on request: not stored, not parsed"
REASON_SUFFIX = ".reason.txt"
# Sheets and CSV files mark the column that says whose row it is with one of these headers.
_ID_HEADERS = {"candidate_id", "gone: candidate_id"}


def content_key(sha256: str, salt: bytes) -> str:
    """The salted hash an erasure keeps of a document's sha256 (the workspace's salt: no content hash in clear)."""
    return hash_key(f"sha256:{sha256}", salt)


def find_copies(folders: Iterable[Path], shas: Collection[str], sizes: Collection[int] = (), *,
                skip: Iterable[Path] = ()) -> list[Path]:
    """Every regular file under ``folders`` whose sha256 is one of ``shas``, whatever its name or sub-folder.

    ``sizes``: when given, only files of these sizes are read (the stored sizes of the documents).
    Links are never followed; folders in ``skip`` (and their contents) are not searched.
    """
    if not shas:
        return []
    skipped = {Path(s).absolute() for s in skip}
    found: dict[Path, None] = {}
    seen: set[Path] = set()  # folders may nest (the inbox inside the workspace): each file is read once
    for folder in folders:
        top = Path(folder)
        if not top.is_dir() or top.is_symlink():
            continue
        for root, dirs, files in os.walk(top, followlinks=False):
            here = Path(root)
            dirs[:] = [d for d in dirs if (here / d).absolute() not in skipped]
            for name in files:
                path = here / name
                if path.absolute() in seen or not _worth_reading(path, sizes):
                    continue
                seen.add(path.absolute())
                try:
                    if sha256_of(path) in shas:
                        found[path.absolute()] = None
                except OSError:
                    continue
    return list(found)


def _worth_reading(path: Path, sizes: Collection[int]) -> bool:
    try:
        stat = path.lstat()
    except OSError:
        return False
    regular = stat.st_mode & 0o170000 == 0o100000
    return regular and (not sizes or stat.st_size in sizes)


def notes_naming(folder: Path, removed: Iterable[Path], mentions: Iterable[str], prefixes: Iterable[str]) -> list[Path]:
    """The quarantine reason files (``<name>.reason.txt``) that belong to an erased document.

    One belongs if it sits beside a ``removed`` copy, its name starts with one of ``prefixes``
    (a quarantined copy is named ``<sha256[:12]>-<name>``), or its first line (the file's original
    path) is one of ``mentions``.
    """
    if not folder.is_dir():
        return []
    beside = {Path(str(p) + REASON_SUFFIX).absolute() for p in removed}
    starts, named = tuple(prefixes), set(mentions)
    found = []
    for note in folder.rglob(f"*{REASON_SUFFIX}"):
        if note.is_symlink() or not note.is_file():
            continue
        if note.absolute() in beside or (starts and note.name.startswith(starts)) or _first_line(note) in named:
            found.append(note)
    return found


def _first_line(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.readline().rstrip("\n")
    except OSError:
        return None


def drop_candidate_rows(path: Path, candidate_ids: Collection[int]) -> int:
    """Rewrite a call-list CSV or XLSX without the rows of ``candidate_ids``; return how many rows went.

    Every other row, column and typed-in cell stays as it was. A file with none of their rows is
    not rewritten. Other files (not .csv/.xlsx, or without a ``candidate_id`` column) are left alone.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _drop_csv_rows(path, candidate_ids)
    if suffix == ".xlsx":
        return _drop_xlsx_rows(path, candidate_ids)
    return 0


def _is_theirs(cell: object, candidate_ids: Collection[int]) -> bool:
    from hotlist.pipeline.calls.outcomes import parse_candidate_id  # the import's reading of an id cell ("12", "12.0")

    if cell is None or isinstance(cell, bool):
        return False
    try:
        return parse_candidate_id(str(cell).strip()) in candidate_ids
    except ValueError:
        return False


def _drop_csv_rows(path: Path, candidate_ids: Collection[int]) -> int:
    from hotlist.pipeline.calls.export import atomic_file

    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
        encoding = "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        text, encoding = raw.decode("cp1252", errors="replace"), "cp1252"  # Excel's plain "CSV" on Windows
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [str(h).strip().lower() for h in rows[0]] if rows else []
    column = next((i for i, h in enumerate(header) if h in _ID_HEADERS), None)
    if column is None:
        return 0
    kept = [rows[0]] + [r for r in rows[1:] if not (len(r) > column and _is_theirs(r[column], candidate_ids))]
    dropped = len(rows) - len(kept)
    if dropped:
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(kept)
        with atomic_file(path, "w", encoding=encoding, newline="") as handle:
            handle.write(buffer.getvalue())
    return dropped


def _drop_xlsx_rows(path: Path, candidate_ids: Collection[int]) -> int:
    from openpyxl import load_workbook

    from hotlist.pipeline.calls.export import atomic_file

    workbook = load_workbook(path)
    dropped = 0
    for sheet in workbook.worksheets:
        column, doomed = None, []
        for index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            labels = [str(c).strip().lower() if isinstance(c, str) else None for c in row]
            marked = next((i for i, label in enumerate(labels) if label in _ID_HEADERS), None)
            if marked is not None:  # a header row (the call list, follow-ups, or the "gone" part of Changes)
                column = marked
            elif column is not None and len(row) > column and _is_theirs(row[column], candidate_ids):
                doomed.append(index)
        for index in reversed(doomed):
            sheet.delete_rows(index)
        if doomed and sheet.auto_filter.ref:
            first, _, last = sheet.auto_filter.ref.partition(":")
            sheet.auto_filter.ref = f"{first}:{''.join(c for c in last if c.isalpha())}{max(sheet.max_row, 1)}"
        dropped += len(doomed)
    if dropped:
        with atomic_file(path, "wb") as handle:
            workbook.save(handle)
    return dropped
