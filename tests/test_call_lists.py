"""Call lists end to end (real Prefect flows, the CLI): do-not-call on every path, outcomes feeding back."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from hotlist.cli import main
from tests.conftest import SAMPLE_JOBS, SAMPLES
from tests.call_list_helpers import csv_rows, ok, xlsx_column

pytestmark = pytest.mark.flow
JOB = "backend-python-austin"
PEOPLE = ["01_maya_okafor.pdf", "14_ravi_shankar.pdf", "26_diego_morales.pdf", "22_jordan_hayes.docx",
          "04_tomasz_wojcik.pdf", "28_henry_lindqvist.pdf"]


@pytest.fixture
def small_world(tmp_path) -> tuple[Path, Path]:
    """An inbox of six sample resumes and a jobs folder with the backend job."""
    inbox, jobs = tmp_path / "inbox", tmp_path / "jobs"
    inbox.mkdir()
    jobs.mkdir()
    for name in PEOPLE:
        shutil.copy(SAMPLES / name, inbox / name)
    shutil.copy(SAMPLE_JOBS / "backend-python.yaml", jobs / "backend-python.yaml")
    return inbox, jobs


def _setup(runner, small_world, out: Path) -> list[dict]:
    inbox, jobs = small_world
    ok(runner.invoke(main, ["jobs", "import", str(jobs)]))
    ok(runner.invoke(main, ["ingest", str(inbox)]))
    ok(runner.invoke(main, ["match"]))
    ok(runner.invoke(main, ["export", "--out", str(out)]))
    return csv_rows(out / f"{JOB}.csv")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_do_not_call_is_honoured_in_every_export_path(prefect_harness, workspace, small_world, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    first = _setup(runner, small_world, out)
    top = first[0]
    assert top["reason"] and all(row["reason"] for row in first)

    ok(runner.invoke(main, ["outcome", top["candidate_id"], "-", "do-not-call"]))

    # CSV and XLSX
    ok(runner.invoke(main, ["export", "--out", str(out)]))
    assert top["candidate_id"] not in [r["candidate_id"] for r in csv_rows(out / f"{JOB}.csv")]
    assert top["candidate_id"] not in xlsx_column(out / f"{JOB}.xlsx", "candidate_id")
    assert len(csv_rows(out / f"{JOB}.csv")) == len(first) - 1
    # shortlist
    shown = ok(runner.invoke(main, ["shortlist", JOB]))
    assert top["name"] not in shown and first[1]["name"] in shown
    # the nightly run's printout (and its files)
    inbox, jobs = small_world
    nightly_out = tmp_path / "nightly"
    printed = ok(runner.invoke(main, ["nightly", "--inbox", str(inbox), "--jobs", str(jobs), "--out", str(nightly_out)]))
    assert top["name"] not in printed and first[1]["name"] in printed
    assert top["candidate_id"] not in [r["candidate_id"] for r in csv_rows(nightly_out / f"{JOB}.csv")]
    assert top["candidate_id"] not in xlsx_column(nightly_out / f"{JOB}.xlsx", "candidate_id")


def test_an_outcome_imported_from_the_call_list_changes_the_next_export(prefect_harness, workspace, small_world, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    first = _setup(runner, small_world, out)
    assert {r["job_id"] for r in first} == {JOB} and all(r["outcome"] == "" for r in first)
    first[0]["outcome"], first[0]["note"] = "not interested", "happy where they are"
    first[1]["outcome"] = "Interested"
    filled = tmp_path / "filled.csv"
    with open(filled, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(first[0]))
        writer.writeheader()
        writer.writerows(first)

    imported = ok(runner.invoke(main, ["outcomes", "import", str(filled)]))
    assert imported == "Recorded 2 outcome(s) from filled.csv: 1 interested, 1 not-interested\n"
    again = ok(runner.invoke(main, ["outcomes", "import", str(filled)]))
    assert again == "Recorded 0 outcome(s) from filled.csv (2 already imported)\n"

    exported = ok(runner.invoke(main, ["export", "--out", str(out)]))
    after = csv_rows(out / f"{JOB}.csv")
    called = {first[0]["candidate_id"], first[1]["candidate_id"]}
    assert called.isdisjoint(r["candidate_id"] for r in after)  # in their cooldown now
    assert [r["candidate_id"] for r in after] == [r["candidate_id"] for r in first[2:]]
    assert all(r["change"] == "up 2" for r in after)
    assert f"{JOB} (urgency 3): {len(after)} moved up, 2 gone" in exported
    changes = load_workbook(out / f"{JOB}.xlsx")["Changes"]
    assert changes["B1"].value == f"{len(after)} moved up, 2 gone"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_cooldown_marks_when_configured(prefect_harness, workspace, small_world, tmp_path, monkeypatch):
    from hotlist.settings import get_settings

    runner = CliRunner()
    out = tmp_path / "out"
    first = _setup(runner, small_world, out)
    ok(runner.invoke(main, ["outcome", first[0]["candidate_id"], JOB, "no-answer"]))
    monkeypatch.setenv("HOTLIST_COOLDOWN_ACTION", "mark")
    get_settings.cache_clear()

    ok(runner.invoke(main, ["export", "--format", "csv", "--out", str(out)]))

    rows = csv_rows(out / f"{JOB}.csv")
    assert rows[0]["candidate_id"] == first[0]["candidate_id"]
    assert rows[0]["cooldown_until"] and rows[0]["last_outcome"] == "no-answer" and rows[0]["last_contacted"]
    assert all(r["cooldown_until"] == "" for r in rows[1:])
    assert "cooldown until" in ok(runner.invoke(main, ["shortlist", JOB]))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_enough_outcomes_fit_a_model_that_is_blended_and_reported(prefect_harness, workspace, small_world, tmp_path,
                                                                     monkeypatch):
    from hotlist.settings import get_settings

    runner = CliRunner()
    first = _setup(runner, small_world, tmp_path / "out")
    for row, result in zip(first, ["interested", "placed", "not-interested", "not-interested", "interested"]):
        ok(runner.invoke(main, ["outcome", row["candidate_id"], JOB, result]))
    monkeypatch.setenv("HOTLIST_OUTCOME_MODEL_MIN", "4")
    get_settings.cache_clear()

    matched = ok(runner.invoke(main, ["match"]))

    assert "Outcome model blended in at 0.3: fitted on 5 outcomes (3 interested or placed): " in matched
    assert f"  {JOB}: " in matched and " of the top " in matched
