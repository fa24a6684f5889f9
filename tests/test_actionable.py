"""Rows a recruiter can act on (issue 13, last bullet): contact missing last, follow-ups, outcome words, CSV phones."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from hotlist.cli import main
from hotlist.pipeline.calls.actionable import Followup, callable_first, followups_due
from hotlist.pipeline.calls.export import CallListRow
from tests.call_list_helpers import ok as _ok
from tests.test_people import _candidates, jobs_dir, make_resume  # noqa: F401 - jobs_dir is a fixture

JOB = "backend-python-austin"


def test_rows_nobody_can_call_go_last_and_are_marked():
    rows = [CallListRow(rank=1, candidate_id=1, name="a", phone="", email="", score=0.9),
            CallListRow(rank=2, candidate_id=2, name="b", phone="+15125550100", email=None, score=0.8),
            CallListRow(rank=3, candidate_id=3, name="c", phone=None, email="c@x.io", score=0.7)]
    ordered = callable_first(rows)
    assert [(r.candidate_id, r.rank, r.contact) for r in ordered] == [(2, 1, ""), (3, 2, ""), (1, 3, "missing")]


def test_followups_are_by_date_and_job():
    items = [Followup("2026-05-02", 1, "a", "", "", "j1", "interested", ""),
             Followup("2026-05-01", 2, "b", "", "", None, "interested", ""),
             Followup("2026-05-01", 3, "c", "", "", "j2", "not-now", "")]
    assert [f.candidate_id for f in followups_due(items)] == [2, 3, 1]
    assert [f.candidate_id for f in followups_due(items, job_id="j1")] == [2, 1]


def _csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_a_recruiter_can_act_on_every_row(prefect_harness, workspace, jobs_dir, tmp_path):  # noqa: F811
    runner = CliRunner()
    inbox = tmp_path / "in"
    inbox.mkdir()
    make_resume(inbox / "a.pdf", "Nell Castellano", None, None)  # no way to reach her
    make_resume(inbox / "b.pdf", "Ivo Marangoni", "ivo.m@example.org", "+1 512 555 0191")
    make_resume(inbox / "c.pdf", "Sade Okafor-Lind", "sade.ol@example.org", "(512) 555-0192")
    _ok(runner.invoke(main, ["jobs", "import", str(jobs_dir)]))
    _ok(runner.invoke(main, ["ingest", str(inbox)]))
    ids = {c["name"]: c["id"] for c in _candidates(runner)}
    out = tmp_path / "out"
    _ok(runner.invoke(main, ["match"]))
    _ok(runner.invoke(main, ["export", "--out", str(out)]))

    rows = _csv(out / f"{JOB}.csv")
    assert [(r["name"], r["contact"]) for r in rows][-1] == ("Nell Castellano", "missing")
    assert all(r["contact"] == "" for r in rows[:-1]) and [r["rank"] for r in rows] == ["1", "2", "3"]
    ivo = next(r for r in rows if r["name"] == "Ivo Marangoni")
    assert (ivo["phone"], ivo["phone_country"]) == ("(512) 555-0191", "US +1")  # no apostrophe, no formula
    sheet = load_workbook(out / f"{JOB}.xlsx").worksheets[0]
    header = [c.value for c in sheet[1]]
    phones = [row[header.index("phone")] for row in sheet.iter_rows(min_row=2)]
    assert "+15125550191" in [c.value for c in phones] and all(c.data_type == "s" for c in phones if c.value)
    shown = _ok(runner.invoke(main, ["shortlist", JOB]))
    assert "contact: missing" in [line for line in shown.splitlines() if "Nell Castellano" in line][0]

    # hotlist outcome takes the import's words and names the candidate.
    said = _ok(runner.invoke(main, ["outcome", str(ids["Sade Okafor-Lind"]), JOB, "hung up"]))
    assert said == f"Recorded hung-up for candidate {ids['Sade Okafor-Lind']} (Sade Okafor-Lind) on {JOB}\n"
    said = _ok(runner.invoke(main, ["outcome", str(ids["Nell Castellano"]), "-", "voicemail"]))
    assert said == f"Recorded left-voicemail for candidate {ids['Nell Castellano']} (Nell Castellano)\n"
    bad = runner.invoke(main, ["outcome", str(ids["Nell Castellano"]), "-", "maybe"])
    assert bad.exit_code == 2 and "unknown outcome 'maybe'" in bad.output

    # interested + --callback: on the follow-up list (and the XLSX sheet) instead of silently off every list.
    day = date.today() + timedelta(days=3)
    said = _ok(runner.invoke(main, ["outcome", str(ids["Ivo Marangoni"]), JOB, "interested", "--note",
                                    "wants the salary band", "--callback", f"{day:%Y-%m-%d}"]))
    assert said == (f"Recorded interested for candidate {ids['Ivo Marangoni']} (Ivo Marangoni) on {JOB}, "
                    f"call back on {day:%Y-%m-%d}\n")
    listed = [json.loads(line) for line in _ok(runner.invoke(main, ["followups", "--json"])).splitlines()]
    assert listed == [{"callback_on": f"{day:%Y-%m-%d}", "candidate_id": ids["Ivo Marangoni"], "name": "Ivo Marangoni",
                       "phone": "+15125550191", "email": "ivo.m@example.org", "job_id": JOB,
                       "outcome": "interested", "note": "wants the salary band"}]
    table = _ok(runner.invoke(main, ["followups"])).splitlines()
    assert table[0].split() == ["call", "back", "id", "name", "phone", "email", "job", "outcome", "note"]
    assert table[1].startswith(f"{day:%Y-%m-%d}") and "+1 512-555-0191" in table[1]
    _ok(runner.invoke(main, ["export", "--out", str(out)]))
    assert "Ivo Marangoni" not in [r["name"] for r in _csv(out / f"{JOB}.csv")]  # cooling down, but not lost:
    follow = load_workbook(out / f"{JOB}.xlsx")["Follow-ups"]
    assert [c.value for c in follow[2]][:3] == [f"{day:%Y-%m-%d}", ids["Ivo Marangoni"], "Ivo Marangoni"]
    # A do-not-call person never appears on the follow-ups either.
    _ok(runner.invoke(main, ["outcome", str(ids["Ivo Marangoni"]), "-", "DNC"]))
    assert _ok(runner.invoke(main, ["followups"])).startswith("No follow-ups")
