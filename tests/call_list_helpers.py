"""Reading what the CLI wrote: exit codes, call-list CSV rows and XLSX columns (shared by the call-list tests)."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from hotlist.pipeline.calls.export import CALL_LIST_COLUMNS


def ok(result) -> str:
    """The command's output, after checking it succeeded (its output is the failure message)."""
    assert result.exit_code == 0, result.output
    return result.output


def csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def xlsx_column(path: Path, column: str) -> list[str]:
    """One column of the call list's first sheet, header row skipped."""
    sheet = load_workbook(path).active
    index = CALL_LIST_COLUMNS.index(column)
    return [str(row[index]) for row in sheet.iter_rows(min_row=2, values_only=True)]
