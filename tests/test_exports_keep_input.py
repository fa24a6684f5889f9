"""Exports never destroy recruiter input (issue 13, must-show 2): outcomes typed into a call list are recorded
before the file is written over; a file that cannot be imported is kept beside the new one."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from hotlist.cli import main
from hotlist.pipeline.calls.file_names import dated_name, kept_name
from hotlist.pipeline.calls.export import CALL_LIST_COLUMNS
from tests.call_list_helpers import ok as _ok
from tests.test_people import _candidates, jobs_dir, make_resume  # noqa: F401 - jobs_dir is a fixture

JOB = "backend-python-austin"


def test_kept_and_dated_names():
    from datetime import datetime

    when = datetime(2026, 3, 4, 5, 6, 7)
    assert kept_name(Path("/x/job.csv"), when) == Path("/x/job.not-imported-20260304-050607.csv")
    taken = {Path("/x/job.not-imported-20260304-050607.csv")}
    assert kept_name(Path("/x/job.csv"), when, exists=taken.__contains__) == Path(
        "/x/job.not-imported-20260304-050607-2.csv")
    assert dated_name(Path("/x"), "job", "xlsx", date(2026, 3, 4)) == Path("/x/job-2026-03-04.xlsx")


def _type_into_csv(path: Path, candidate_id: int, outcome: str, note: str) -> None:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["candidate_id"] == str(candidate_id):
            row["outcome"], row["note"] = outcome, note
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CALL_LIST_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _type_into_xlsx(path: Path, candidate_id: int, outcome: str, note: str) -> None:
    book = load_workbook(path)
    sheet = book.worksheets[0]
    cid, out, nt = (CALL_LIST_COLUMNS.index(c) + 1 for c in ("candidate_id", "outcome", "note"))
    for r in range(2, sheet.max_row + 1):
        if str(sheet.cell(r, cid).value) == str(candidate_id):
            sheet.cell(r, out).value, sheet.cell(r, nt).value = outcome, note
    book.save(path)


def _outcomes(runner, candidate_id: int, tmp_path: Path) -> list[tuple[str, str]]:
    target = tmp_path / f"c{candidate_id}.json"
    _ok(runner.invoke(main, ["candidate", "export", str(candidate_id), "--out", str(target)]))
    return [(o["outcome"], o["note"]) for o in json.loads(target.read_text())["outcomes"]]


def test_typed_outcomes_survive_export_and_nightly(prefect_harness, workspace, jobs_dir, tmp_path):  # noqa: F811
    runner = CliRunner()
    inbox = tmp_path / "in"
    inbox.mkdir()
    people = [("Rune Aldana", "rune.a@example.org", "(512) 555-0181"), ("Mika Sorensen", "mika.s@example.org",
              "(512) 555-0182"), ("Juno Petrakis", "juno.p@example.org", "(512) 555-0183")]
    for i, (name, email, phone) in enumerate(people):
        make_resume(inbox / f"r{i}.pdf", name, email, phone)
    out = tmp_path / "out"
    _ok(runner.invoke(main, ["jobs", "import", str(jobs_dir)]))
    _ok(runner.invoke(main, ["ingest", str(inbox)]))
    _ok(runner.invoke(main, ["match"]))
    _ok(runner.invoke(main, ["export", "--out", str(out)]))
    ids = {c["name"]: c["id"] for c in _candidates(runner)}
    rune, mika, juno = ids["Rune Aldana"], ids["Mika Sorensen"], ids["Juno Petrakis"]

    _type_into_csv(out / f"{JOB}.csv", rune, "interested", "call after 5pm")
    _type_into_xlsx(out / f"{JOB}.xlsx", mika, "voicemail", "left a message about the role")
    printed = _ok(runner.invoke(main, ["export", "--out", str(out)])).splitlines()
    assert printed[:2] == [f"{JOB}.csv: recorded 1 outcome(s) typed in before it was overwritten",
                           f"{JOB}.xlsx: recorded 1 outcome(s) typed in before it was overwritten"]
    assert _outcomes(runner, rune, tmp_path) == [("interested", "call after 5pm")]
    assert _outcomes(runner, mika, tmp_path) == [("left-voicemail", "left a message about the role")]

    # The nightly run writes over the same names (and a dated copy): what was typed is recorded first.
    _type_into_csv(out / f"{JOB}.csv", juno, "not now", "try again in June")
    empty = tmp_path / "empty"
    empty.mkdir()
    printed = _ok(runner.invoke(main, ["nightly", "--inbox", str(empty), "--jobs", str(jobs_dir), "--out", str(out)]))
    assert f"{JOB}.csv: recorded 1 outcome(s) typed in before it was overwritten" in printed.splitlines()
    assert f"call list(s) to {out}/ (and dated copies, e.g. {JOB}-{date.today():%Y-%m-%d}.csv)" in printed
    assert dated_name(out, JOB, "xlsx", date.today()).is_file()
    assert _outcomes(runner, juno, tmp_path) == [("not-now", "try again in June")]
    # Running again imports nothing twice.
    _ok(runner.invoke(main, ["export", "--out", str(out)]))
    assert _outcomes(runner, juno, tmp_path) == [("not-now", "try again in June")]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_file_that_cannot_be_imported_is_kept_beside_the_new_one(prefect_harness, workspace, jobs_dir,  # noqa: F811
                                                                    tmp_path):
    runner = CliRunner()
    inbox = tmp_path / "in"
    inbox.mkdir()
    make_resume(inbox / "a.pdf", "Rune Aldana", "rune.a@example.org", "(512) 555-0181")
    make_resume(inbox / "b.pdf", "Mika Sorensen", "mika.s@example.org", "(512) 555-0182")
    out = tmp_path / "out"
    _ok(runner.invoke(main, ["jobs", "import", str(jobs_dir)]))
    _ok(runner.invoke(main, ["ingest", str(inbox)]))
    _ok(runner.invoke(main, ["match"]))
    _ok(runner.invoke(main, ["export", "--out", str(out), "--format", "csv"]))
    ids = {c["name"]: c["id"] for c in _candidates(runner)}
    with open(out / f"{JOB}.csv", encoding="utf-8-sig", newline="") as fh:
        line = 2 + [r["candidate_id"] for r in csv.DictReader(fh)].index(str(ids["Rune Aldana"]))
    _type_into_csv(out / f"{JOB}.csv", ids["Rune Aldana"], "maybe later?", "unsure")
    _type_into_csv(out / f"{JOB}.csv", ids["Mika Sorensen"], "interested", "good fit")
    printed = _ok(runner.invoke(main, ["export", "--out", str(out), "--format", "csv"])).splitlines()
    [kept] = list(out.glob(f"{JOB}.not-imported-*.csv"))
    assert printed[0] == (f"Warning: {JOB}.csv: typed-in outcomes not imported ({out / f'{JOB}.csv'}: row {line}: "
                          f"unknown outcome 'maybe later?': use one of no-answer, left-voicemail, interested, "
                          f"not-interested, not-now, hung-up, do-not-call, placed); the old file is kept as {kept}")
    assert "maybe later?" in kept.read_text(encoding="utf-8-sig") and "good fit" in kept.read_text(encoding="utf-8-sig")
    assert _outcomes(runner, ids["Mika Sorensen"], tmp_path) == []  # nothing of a file with a bad row is recorded
    assert "maybe later?" not in (out / f"{JOB}.csv").read_text(encoding="utf-8-sig")
