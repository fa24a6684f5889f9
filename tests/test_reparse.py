"""Corrections that stick and better parsers that reach old resumes (issue 19): `candidate edit`, versions, `reparse`.

Every resume here is generated (reportlab PDFs with metadata dates); the stored state of an older parser is
simulated by writing what it stored: no parser version, and "Present" read as today, not as the resume's date.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas
from sqlalchemy import select, update

from hotlist.cli import main
from hotlist.models.db import session_scope
from hotlist.models.orm import CallOutcome, Candidate, Document
from hotlist.pipeline.errors import InvalidEdit
from hotlist.pipeline.parse.overrides import apply_overrides, validate_edit
from hotlist.pipeline.versions import PARSER_VERSION, is_behind, selected, taxonomy_version

JOB = """id: py-backend
title: Backend Engineer (Python)
location: Austin, TX
remote: true
min_years: 3
urgency: 4
status: open
must_have: [Python, PostgreSQL]
nice_to_have: [Docker]
description: Python services on PostgreSQL.
"""


def _resume_pdf(path: Path, *, name: str, email: str, phone: str, written: str, start: str = "Mar 2012") -> Path:
    """A one-page resume whose metadata says when it was written; its current job runs to "Present"."""
    c = canvas.Canvas(str(path), pagesize=LETTER)
    c._doc.info._dateFormatter = lambda *_: written  # noqa: SLF001 - reportlab has no public setter
    y = 720
    for line in [name, f"{email} | {phone}", "Austin, TX", "", "EXPERIENCE",
                 f"Software Engineer, Contoso Labs   {start} – Present",
                 "Built Python services on PostgreSQL and Docker.", "", "SKILLS", "Python, PostgreSQL, Docker", "",
                 "EDUCATION", "B.Sc. Computer Science, Lakeside University, 2011"]:
        c.drawString(72, y, line)
        y -= 16
    c.save()
    return path


def _store(db_url: str, path: Path, skill_nlp) -> int:
    from hotlist.models.candidates import store_parsed_file
    from hotlist.pipeline.parse.resume import parse_file

    result = store_parsed_file(db_url, parse_file(path, skill_nlp=skill_nlp))
    assert result.action in ("added", "updated")
    return result.candidate_id


def _as_older_parser(db_url: str, candidate_id: int) -> None:
    """What the parser before versions stored: no version, and "Present" read as the day of ingest."""
    today = date.today()
    with session_scope(db_url) as session:
        session.execute(update(Document).where(Document.candidate_id == candidate_id)
                        .values(parser_version=None, taxonomy_version=None))
        session.execute(update(Candidate).where(Candidate.id == candidate_id).values(
            years_experience=round((today.year - 2012) + (today.month - 3) / 12, 1),
            resume_date=today.isoformat(), resume_date_source="today"))


def _row(candidate_id: int) -> dict:
    out = CliRunner().invoke(main, ["candidates", "--json"])
    assert out.exit_code == 0, out.output
    return next(r for r in map(json.loads, out.output.splitlines()) if r["id"] == candidate_id)


# --- pure rules ---------------------------------------------------------------------------------------------------------


def test_edits_are_checked_and_cleaned():
    assert validate_edit(phone="(512) 555-0199", email=" Pat@Example.COM ", years=7) == {
        "phone": "+15125550199", "email": "pat@example.com", "years": 7.0}
    with pytest.raises(InvalidEdit, match="not a phone number: 'call me'"):
        validate_edit(phone="call me")
    with pytest.raises(InvalidEdit, match="not an email address: 'pat@'"):
        validate_edit(email="pat@")
    with pytest.raises(InvalidEdit, match="nothing to change"):
        validate_edit()


def test_overrides_win_and_a_corrected_contact_comes_first():
    parsed = {"name": "J0hn Smlth", "phone": "+15125550100", "phones": ["+15125550100"], "email": None, "emails": [],
              "location": "Austin, TX", "years_experience": 14.6}
    fixed = apply_overrides(parsed, {"name": "John Smith", "phone": "+15125550199", "years": 5.0})
    assert fixed["name"] == "John Smith" and fixed["years_experience"] == 5.0
    assert fixed["phones"] == ["+15125550199", "+15125550100"] and fixed["phone"] == "+15125550199"


def test_versions_say_what_is_behind():
    current = taxonomy_version()
    assert len(current) == 12
    assert is_behind(None, current, current_taxonomy=current)  # stored before versions were recorded
    assert is_behind(PARSER_VERSION, "0ld", current_taxonomy=current)  # another taxonomy
    assert not is_behind(PARSER_VERSION, current, current_taxonomy=current)
    assert selected(None, None) and selected(1, 1) and not selected(None, 2)


# --- must-show 1 and 3: edit, outcome and note survive; years change; the job is re-ranked -----------------------------


def test_reparse_keeps_corrections_outcomes_and_notes(prefect_harness, workspace, db_url, skill_nlp, tmp_path,
                                                      monkeypatch):
    monkeypatch.setenv("HOTLIST_USER", "recruiter-ann")
    from hotlist.settings import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    pdf = _resume_pdf(tmp_path / "cv.pdf", name="Robin Vale", email="robin.vale@example.com", phone="+1 512 555 0142",
                      written="D:20170410120000+00'00'")
    cid = _store(db_url, pdf, skill_nlp)
    _as_older_parser(db_url, cid)
    jobs = tmp_path / "job.yaml"
    jobs.write_text(JOB)
    assert runner.invoke(main, ["jobs", "import", str(jobs)]).exit_code == 0

    # 3: status and candidates --json show versions and the documents behind
    status = runner.invoke(main, ["status"]).output
    assert f"Parser:      version {PARSER_VERSION}, taxonomy {taxonomy_version()}: 1 document(s) behind" in status
    row = _row(cid)
    assert (row["parser_version"], row["taxonomy_version"], row["documents_behind"]) == (1, None, 1)

    # a recruiter corrects the name and phone, records an outcome with a note
    edit = runner.invoke(main, ["candidate", "edit", str(cid), "--name", "Robin A. Vale", "--phone", "512-555-0199"])
    assert edit.exit_code == 0, edit.output
    assert edit.output.startswith(f"Corrected candidate {cid}: name Robin A. Vale, phone +15125550199")
    assert runner.invoke(main, ["outcome", str(cid), "py-backend", "interested", "--note", "call after 5pm"]).exit_code == 0
    row = _row(cid)
    assert row["overrides"]["name"]["by"] == "recruiter-ann" and row["overrides"]["phone"]["value"] == "+15125550199"
    assert "Robin A. Vale*" in runner.invoke(main, ["candidates"]).output

    first = runner.invoke(main, ["match"])
    assert "py-backend: ranked 1 candidate(s)" in first.output, first.output
    assert "Nothing to re-rank" in runner.invoke(main, ["match"]).output
    old_years = row["years_experience"]

    # 2: the dry run names each changed field and writes nothing
    dry = runner.invoke(main, ["reparse", "--all", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"candidate {cid}: (would change)" in dry.output
    assert f"  years_experience: {old_years:g} -> " in dry.output
    assert "  resume_date: " in dry.output and "-> 2017-04-10" in dry.output
    assert "name:" not in dry.output and "phones:" not in dry.output  # the corrections are kept
    assert _row(cid)["years_experience"] == old_years and _row(cid)["documents_behind"] == 1

    done = runner.invoke(main, ["reparse", "--all"])
    assert done.exit_code == 0, done.output
    assert "Re-parsed 1 of 1 document(s) behind the current parser: 1 candidate(s) changed" in done.output
    row = _row(cid)
    assert row["years_experience"] == pytest.approx(5.1, abs=0.15)  # Mar 2012 to Apr 2017, not to today
    assert row["resume_date"] == "2017-04-10"
    assert row["name"] == "Robin A. Vale" and row["phones"][0] == "+15125550199"
    assert (row["parser_version"], row["taxonomy_version"], row["documents_behind"]) == (
        PARSER_VERSION, taxonomy_version(), 0)
    with session_scope(db_url) as session:
        calls = session.execute(select(CallOutcome.outcome, CallOutcome.note).where(CallOutcome.candidate_id == cid)).all()
    assert calls == [("interested", "call after 5pm")]
    again = runner.invoke(main, ["match"])
    assert "py-backend: ranked 1 candidate(s)" in again.output, again.output
    assert "every document is up to date" in runner.invoke(main, ["status"]).output


# --- corrections stick through later ingests; contacts join the person -------------------------------------------------


def test_a_correction_wins_over_a_later_resume_and_its_contact_joins_the_person(workspace, db_url, skill_nlp, tmp_path):
    runner = CliRunner()
    first = _resume_pdf(tmp_path / "a.pdf", name="Kim Osei", email="kim.osei@example.com", phone="+1 512 555 0150",
                        written="D:20200101120000+00'00'")
    cid = _store(db_url, first, skill_nlp)
    out = runner.invoke(main, ["candidate", "edit", str(cid), "--name", "Kimberly Osei", "--email", "kim@newmail.example",
                               "--years", "9"])
    assert out.exit_code == 0, out.output
    # a newer resume that only shares the hand-added email is the same person; the corrections stay
    later = _resume_pdf(tmp_path / "b.pdf", name="Kim Osei", email="kim@newmail.example", phone="+1 512 555 0151",
                        written="D:20240101120000+00'00'")
    assert _store(db_url, later, skill_nlp) == cid
    row = _row(cid)
    assert row["name"] == "Kimberly Osei" and row["years_experience"] == 9
    assert row["emails"][0] == "kim@newmail.example" and "kim.osei@example.com" in row["emails"]
    assert "+15125550151" in row["phones"] and row["documents"] == 2


def test_bad_edits_are_refused_with_their_reason(workspace, db_url, skill_nlp, tmp_path):
    runner = CliRunner()
    cid = _store(db_url, _resume_pdf(tmp_path / "a.pdf", name="Lee Park", email="lee@example.com",
                                     phone="+1 512 555 0160", written="D:20200101120000+00'00'"), skill_nlp)
    bad_phone = runner.invoke(main, ["candidate", "edit", str(cid), "--phone", "12"])
    assert (bad_phone.exit_code, bad_phone.output) == (
        1, "Error: not a phone number: '12' (give it with its country code, e.g. +1 512 555 0132)\n")
    bad_email = runner.invoke(main, ["candidate", "edit", str(cid), "--email", "lee.example.com"])
    assert (bad_email.exit_code, bad_email.output) == (1, "Error: not an email address: 'lee.example.com'\n")
    unknown = runner.invoke(main, ["candidate", "edit", "999", "--name", "X Y"])
    assert (unknown.exit_code, unknown.output) == (1, "Error: no candidate with id 999: see `hotlist candidates`\n")
    neither = runner.invoke(main, ["reparse"])
    assert (neither.exit_code, neither.output) == (1, "Error: give one of --all, --since PARSER_VERSION or --candidate ID\n")


# --- must-show 2: a stopped reparse resumes without redoing finished documents; missing files are skipped ------------


class _Stop(Exception):
    pass


def test_a_stopped_reparse_resumes_where_it_stopped(workspace, db_url, skill_nlp, tmp_path):
    from hotlist.flows.reparse import reparse
    from hotlist.settings import get_settings

    ids = []
    for i, year in enumerate((2016, 2018, 2019)):
        pdf = _resume_pdf(tmp_path / f"cv{i}.pdf", name=f"Sam Person{'abc'[i]}", email=f"sam{i}@example.com",
                          phone=f"+1 512 555 017{i}", written=f"D:{year}0601120000+00'00'")
        ids.append(_store(db_url, pdf, skill_nlp))
        _as_older_parser(db_url, ids[-1])
    (tmp_path / "cv2.pdf").unlink()  # neither a workspace copy nor the original any more
    settings = get_settings()
    seen = []

    def stop_after_first(document) -> None:
        seen.append(document.id)
        raise _Stop

    with pytest.raises(_Stop):
        reparse(settings, on_document=stop_after_first)
    assert len(seen) == 1
    summary = reparse(settings, on_document=lambda d: seen.append(d.id))
    assert summary.selected == 2 and summary.reparsed == 1  # the finished one is not redone
    assert len(set(seen)) == 2
    assert summary.skipped == [("cv2.pdf", "the file is gone (no copy in the workspace and nothing at "
                                           f"{tmp_path / 'cv2.pdf'}): ingest it again to re-read it")]
    only = reparse(settings, candidate_id=ids[0])
    assert only.selected == 0  # already current


def test_corrections_are_in_the_subject_access_export_and_go_with_an_erasure(workspace, db_url, skill_nlp, tmp_path):
    from hotlist.models.orm import CandidateOverride

    runner = CliRunner()
    cid = _store(db_url, _resume_pdf(tmp_path / "a.pdf", name="Ari Moss", email="ari@example.com",
                                     phone="+1 512 555 0180", written="D:20210101120000+00'00'"), skill_nlp)
    assert runner.invoke(main, ["candidate", "edit", str(cid), "--phone", "+1 512 555 0181"]).exit_code == 0
    out = tmp_path / "ari.json"
    assert runner.invoke(main, ["candidate", "export", str(cid), "--out", str(out)]).exit_code == 0
    data = json.loads(out.read_text())
    assert [(c["field"], c["value"]) for c in data["corrections"]] == [("phone", "+15125550181")]
    assert data["documents"][0]["parser_version"] == PARSER_VERSION
    assert runner.invoke(main, ["candidate", "erase", str(cid)]).exit_code == 0
    with session_scope(db_url) as session:
        assert session.scalars(select(CandidateOverride)).all() == []
