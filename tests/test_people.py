"""People, not files: identity across resumes, a suppression list that holds, merge/unmerge (issue 13).

Resumes are PDFs generated here (reportlab); the CLI runs through click's CliRunner, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from hotlist.cli import main
from hotlist.pipeline.calls.people import (
    PersonRecord,
    contact_keys,
    group_records,
    hash_key,
    normalise_link,
    normalise_name,
    normalise_phone,
    probable_duplicates,
)
from tests.conftest import SAMPLE_JOBS
from tests.call_list_helpers import csv_rows, ok, xlsx_column

JOB = "backend-python-austin"


# --- pure rules -------------------------------------------------------------------------------------------------------


def test_keys_are_normalised():
    assert normalise_phone("(512) 555-0147") == normalise_phone("+1 512 555 0147") == "+15125550147"
    assert normalise_link("https://www.LinkedIn.com/in/some-one/?utm=x") == "linkedin.com/in/some-one"
    assert normalise_name("Ána-Lu  PEREZ") == normalise_name("perez ana lu")
    assert contact_keys(["A@B.io"], ["512-555-0147"], ["github.com/x1"]) == {
        "email:a@b.io", "phone:+15125550147", "link:github.com/x1"}
    assert hash_key("email:a@b.io", b"s1") != hash_key("email:a@b.io", b"s2")


def test_any_shared_key_is_one_person_and_chains():
    records = [PersonRecord(1, emails=("a@x.io",)), PersonRecord(2, emails=("b@x.io",), phones=("+15125550147",)),
               PersonRecord(3, phones=("512 555 0147",), links=("https://github.com/p",)),
               PersonRecord(4, links=("github.com/p/",)), PersonRecord(5, emails=("c@x.io",))]
    assert group_records(records) == [[1], [2, 3, 4], [5]]
    assert group_records(records, apart=[(2, 3)]) == [[1], [2], [3, 4], [5]]  # a pair a recruiter split stays split


def test_a_contact_shared_by_clearly_different_names_does_not_join_them():
    from hotlist.pipeline.calls.people import names_conflict

    assert not names_conflict("I. Vasko", "Ines Vasko") and not names_conflict("Ana Lima", None)
    assert not names_conflict("LIMA, Ana", "Ana Maria Lima")
    assert names_conflict("Tan Bao", "Tran Minh Bao") and names_conflict("Ana Lima", "Rui Costa")
    board = "careers@jobboard.example"  # a job board's own address printed on every exported CV
    records = [PersonRecord(1, "Tan Bao", (board, "t@x.io")), PersonRecord(2, "Rui Costa", (board,)),
               PersonRecord(3, "T. Bao", ("t@x.io",))]
    assert group_records(records) == [[1, 3], [2]]


def test_same_name_needs_one_more_signal_to_be_probable():
    a = PersonRecord(1, "Dana Quill", ("d1@x.io",), employers=("Acme Corp",), location="Austin, TX")
    b = PersonRecord(2, "dana quill", ("d2@x.io",), employers=("ACME corp",), location="Denver, CO")
    c = PersonRecord(3, "Dana Quill", ("d3@x.io",), employers=("Other",), location="Boise, ID")
    d = PersonRecord(4, "Dana Quill", ("d1@x.io",))  # shares an email with 1: the same person, not "probable"
    found = probable_duplicates([a, b, c, d])
    assert [(m.first, m.second, m.describe()) for m in found] == [(1, 2, "same name, employer acme corp")]


# --- generated resumes ------------------------------------------------------------------------------------------------


def make_resume(path: Path, name: str, email: str | None, phone: str | None, *, employer: str = "Lumen Ledger Inc",
                location: str = "Austin, TX", link: str | None = None) -> Path:
    """A one-page PDF resume with the skills the backend job asks for."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    y = 740
    lines = [name, " | ".join(x for x in (email, phone, link) if x), location, "", "EXPERIENCE",
             f"Senior Backend Engineer, {employer}, {location}", "Jan 2016 - Present",
             "Built payment services in Python and PostgreSQL on AWS with Docker, Kafka and Redis.",
             "", "SKILLS", "Python, PostgreSQL, AWS, Docker, Kafka, Redis, Kubernetes"]
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 18
    pdf.save()
    return path


def _candidates(runner) -> list[dict]:
    return [json.loads(line) for line in ok(runner.invoke(main, ["candidates", "--json"])).splitlines()]


@pytest.fixture
def jobs_dir(tmp_path) -> Path:
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    (jobs / "backend.yaml").write_text((SAMPLE_JOBS / "backend-python.yaml").read_text())
    return jobs


def _rank_and_export(runner, out: Path) -> None:
    ok(runner.invoke(main, ["match", "--full"]))
    ok(runner.invoke(main, ["export", "--out", str(out)]))


def test_do_not_call_holds_across_new_emails_and_phones(prefect_harness, workspace, jobs_dir, tmp_path):
    """Must-show 1: A marked do-not-call; B (same name and phone, new email) and C (A's email, new phone) never listed."""
    runner = CliRunner()
    first, later, other = tmp_path / "first", tmp_path / "later", tmp_path / "other"
    for folder in (first, later, other):
        folder.mkdir()
    make_resume(first / "a.pdf", "Wren Halvorsen", "wren.h@example.org", "(512) 555-0147")
    make_resume(other / "z.pdf", "Otto Brannigan", "otto.b@example.net", "(512) 555-0199")
    ok(runner.invoke(main, ["jobs", "import", str(jobs_dir)]))
    ok(runner.invoke(main, ["ingest", str(first), str(other)]))
    [wren] = [c for c in _candidates(runner) if c["name"] == "Wren Halvorsen"]
    assert ok(runner.invoke(main, ["outcome", str(wren["id"]), "-", "do-not-call"])).strip() == \
        f"Recorded do-not-call for candidate {wren['id']} (Wren Halvorsen)"

    make_resume(later / "b.pdf", "Wren Halvorsen", "wren.new@example.com", "512-555-0147")
    make_resume(later / "c.pdf", "Wren Halvorsen", "wren.h@example.org", "(737) 555-0100")
    assert ok(runner.invoke(main, ["ingest", str(later)])).startswith("Ingested: 0 added, 2 updated")
    out = tmp_path / "out"
    _rank_and_export(runner, out)

    people = _candidates(runner)
    assert len(people) == 2
    [person] = [c for c in people if c["name"] == "Wren Halvorsen"]
    assert (person["id"], person["documents"], person["suppressed"]) == (wren["id"], 3, True)
    assert {"wren.h@example.org", "wren.new@example.com"} <= set(person["emails"])
    assert [c["suppressed"] for c in people if c["name"] == "Otto Brannigan"] == [False]
    table = ok(runner.invoke(main, ["candidates"]))
    assert [line.split()[-2:] for line in table.splitlines() if "Wren" in line] == [["3", "suppressed"]]

    names = [r["name"] for r in csv_rows(out / f"{JOB}.csv")]
    assert names == ["Otto Brannigan"]
    assert xlsx_column(out / f"{JOB}.xlsx", "name") == ["Otto Brannigan"]
    shown = ok(runner.invoke(main, ["shortlist", JOB]))
    assert "Otto Brannigan" in shown and "Wren" not in shown
    nightly = ok(runner.invoke(main, ["nightly", "--inbox", str(later), "--jobs", str(jobs_dir),
                                       "--out", str(tmp_path / "nightly"), "--full"]))
    assert "Otto Brannigan" in nightly and "Wren" not in nightly
    assert all("Wren" not in p.read_text(errors="ignore") for p in (tmp_path / "nightly").glob("*.csv"))


def test_new_resume_with_a_suppressed_contact_is_stored_linked_and_never_listed(prefect_harness, workspace, jobs_dir,
                                                                                tmp_path):
    """A resume sharing only a profile link with a do-not-call person joins them and stays off every list."""
    runner = CliRunner()
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    make_resume(one / "a.pdf", "Ines Vasko", "ines.v@example.org", None, link="https://github.com/ivasko-dev")
    ok(runner.invoke(main, ["jobs", "import", str(jobs_dir)]))
    ok(runner.invoke(main, ["ingest", str(one)]))
    [ines] = _candidates(runner)
    ok(runner.invoke(main, ["outcome", str(ines["id"]), "-", "do-not-call"]))
    make_resume(two / "b.pdf", "I. Vasko", "iv.other@example.com", "(303) 555-0111",
                link="http://www.github.com/ivasko-dev/")
    ok(runner.invoke(main, ["ingest", str(two)]))
    [person] = _candidates(runner)
    assert (person["id"], person["documents"], person["suppressed"]) == (ines["id"], 2, True)
    out = tmp_path / "out"
    _rank_and_export(runner, out)
    assert csv_rows(out / f"{JOB}.csv") == []


def test_probable_duplicates_are_listed_not_merged_and_merge_round_trips(prefect_harness, workspace, tmp_path):
    """Must-show 3: same name + employer, different contacts: listed; merge and unmerge keep every outcome and note."""
    runner = CliRunner()
    inbox = tmp_path / "in"
    inbox.mkdir()
    make_resume(inbox / "a.pdf", "Pella Marchetti", "pella.m@example.org", "(512) 555-0160", employer="Quarry Labs")
    make_resume(inbox / "b.pdf", "Pella Marchetti", "pm.work@example.com", "(415) 555-0161", employer="Quarry Labs",
                location="San Francisco, CA")
    ok(runner.invoke(main, ["ingest", str(inbox)]))
    first, second = sorted(c["id"] for c in _candidates(runner))
    listed = ok(runner.invoke(main, ["candidates", "--duplicates"]))
    assert listed.strip() == (f"{first} Pella Marchetti / {second} Pella Marchetti: same name, employer quarry labs "
                              f"(same person? `hotlist candidate merge {first} {second}`)")
    assert len(_candidates(runner)) == 2  # listed, not merged
    ok(runner.invoke(main, ["outcome", str(first), "-", "not-now", "--note", "ask again in spring"]))
    ok(runner.invoke(main, ["outcome", str(second), "-", "interested", "--note", "prefers mornings"]))

    assert ok(runner.invoke(main, ["candidate", "merge", str(first), str(second)])).strip() == \
        f"Merged candidate {second} into {first} (undo with `hotlist candidate unmerge {second}`)"
    [person] = _candidates(runner)
    assert person["documents"] == 2
    export = tmp_path / "one.json"
    ok(runner.invoke(main, ["candidate", "export", str(first), "--out", str(export)]))
    data = json.loads(export.read_text())
    assert sorted((o["outcome"], o["note"]) for o in data["outcomes"]) == [
        ("interested", "prefers mornings"), ("not-now", "ask again in spring")]
    assert ok(runner.invoke(main, ["candidates", "--duplicates"])).strip() == "No probable duplicates."

    assert ok(runner.invoke(main, ["candidate", "unmerge", str(second)])).strip() == \
        f"Unmerged candidate {second} from {first}"
    people = {c["id"]: c for c in _candidates(runner)}
    assert sorted(people) == [first, second]
    assert people[first]["emails"] == ["pella.m@example.org"] and people[second]["emails"] == ["pm.work@example.com"]
    assert people[first]["documents"] == people[second]["documents"] == 1
    for cid, expected in ((first, [("not-now", "ask again in spring")]), (second, [("interested", "prefers mornings")])):
        ok(runner.invoke(main, ["candidate", "export", str(cid), "--out", str(export)]))
        assert [(o["outcome"], o["note"]) for o in json.loads(export.read_text())["outcomes"]] == expected
    result = runner.invoke(main, ["candidate", "unmerge", str(second)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: candidate {second} was not merged into anyone: nothing to unmerge"


def test_migration_merges_an_existing_database_by_the_rules(db_url):
    """Revision 0005 on a database from before it: candidates sharing an email, phone or link become one person."""
    from sqlalchemy import insert, select

    from hotlist.models.db import create, current_revision, migrate, open_engine, HEAD_REVISION
    from hotlist.models.orm import CallOutcome, Candidate, Document

    engine = open_engine(db_url)
    with engine.begin() as connection:
        for table in ("suppressions", "candidate_merges", "person_keys"):
            connection.exec_driver_sql(f"DROP TABLE {table}")
        connection.exec_driver_sql("ALTER TABLE call_outcomes DROP COLUMN callback_on")
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0004'")
        people = [("Ola Teig", ["ola@example.org"], ["+15125550170"], []),
                  ("Ola Teig", ["ola.t@example.com"], ["+1 512 555 0170"], []),   # same phone
                  ("O. Teig", ["other@example.com"], [], ["https://github.com/oteig"]),
                  ("Ola Teig", ["ola.t@example.com"], [], ["github.com/oteig/"]),  # joins the second and third
                  ("Bo Lind", ["bo@example.org"], ["+15125550171"], [])]
        for i, (name, emails, phones, links) in enumerate(people, start=1):
            connection.execute(insert(Candidate), {"id": i, "name": name, "email": emails[0], "emails": emails,
                                                   "phones": phones, "links": links, "resume_text": "", "status": "ok",
                                                   "experience": [], "education": []})
            connection.execute(insert(Document), {"sha256": f"{i:064d}", "path": f"/r/{i}.pdf", "filename": f"{i}.pdf",
                                                  "status": "ok", "candidate_id": i})
            connection.execute(insert(CallOutcome), {"candidate_id": i, "outcome": "no-answer", "note": f"n{i}"})
    migrate(create(db_url))
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as connection:
        assert sorted(connection.execute(select(Candidate.id))) == [(1,), (5,)]
        assert sorted(connection.execute(select(Document.candidate_id, Document.filename))) == [
            (1, "1.pdf"), (1, "2.pdf"), (1, "3.pdf"), (1, "4.pdf"), (5, "5.pdf")]
        assert sorted(connection.execute(select(CallOutcome.candidate_id, CallOutcome.note))) == [
            (1, "n1"), (1, "n2"), (1, "n3"), (1, "n4"), (5, "n5")]
        emails = connection.execute(select(Candidate.emails).where(Candidate.id == 1)).scalar()
        assert sorted(emails) == ["ola.t@example.com", "ola@example.org", "other@example.com"]


def _workspace_holds(home: Path, db_url: str, needles: list[str]) -> list[str]:
    """Where any of ``needles`` appears in plain text: files under the workspace (database, WAL, logs, exports,
    Prefect's state) and, for PostgreSQL, any row of any table."""
    found = []
    files = list(home.rglob("*"))
    if db_url.startswith("sqlite"):
        database = Path(db_url.split("///", 1)[1])
        files += [database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")]
    for path in files:
        if path.is_file():
            data = path.read_bytes().lower()
            found += [f"{path.name}: {n}" for n in needles if n.lower().encode() in data]
    if db_url.startswith("postgresql"):
        from sqlalchemy import MetaData, create_engine, select

        engine = create_engine(db_url)
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as connection:
            for table in meta.sorted_tables:
                text = " ".join(map(str, connection.execute(select(table)).all())).lower()
                found += [f"{table.name}: {n}" for n in needles if n.lower() in text]
        engine.dispose()
    return found


def test_erased_do_not_call_person_stays_suppressed_without_personal_data(prefect_harness, workspace, db_url,
                                                                          jobs_dir, tmp_path):
    """Must-show 4: erase a do-not-call person, ingest their resume again: not listed; nothing of theirs in clear."""
    runner = CliRunner()
    theirs, others = tmp_path / "theirs", tmp_path / "others"
    theirs.mkdir(), others.mkdir()
    make_resume(theirs / "r1.pdf", "Tamsin Okonkwo-Reyes", "tamsin.or@example.org", "(512) 555-0133",
                link="https://github.com/tamsin-or")
    make_resume(others / "r2.pdf", "Otto Brannigan", "otto.b@example.net", "(512) 555-0199")
    out = workspace / "exports"
    ok(runner.invoke(main, ["jobs", "import", str(jobs_dir)]))
    ok(runner.invoke(main, ["ingest", str(theirs), str(others)]))
    _rank_and_export(runner, out)
    [tamsin] = [c for c in _candidates(runner) if c["name"].startswith("Tamsin")]
    ok(runner.invoke(main, ["outcome", str(tamsin["id"]), "-", "do-not-call"]))
    ok(runner.invoke(main, ["export", "--out", str(out)]))
    ok(runner.invoke(main, ["candidate", "erase", str(tamsin["id"])]))

    erased = ["Ingested: 0 added, 0 updated, 0 duplicate, 0 quarantined, 1 erased (refused)",
              "  refused 1 file(s): its content was erased on request: not stored, not parsed"]
    assert ok(runner.invoke(main, ["ingest", str(theirs)])).splitlines() == erased  # the same file: refused unread
    newer = tmp_path / "newer"
    newer.mkdir()
    make_resume(newer / "r3.pdf", "Tamsin Okonkwo-Reyes", "tamsin.or@example.org", "(512) 555-0133",
                employer="Harbor Street Labs")  # a new resume: other bytes, the same contacts
    assert ok(runner.invoke(main, ["ingest", str(newer)])).splitlines() == [
        "Ingested: 0 added, 0 updated, 0 duplicate, 0 quarantined, 1 suppressed (do-not-call)",
        "  suppressed r3.pdf: a contact is on the do-not-call list (stored without personal data, never listed)"]
    assert ok(runner.invoke(main, ["ingest", str(newer)])).startswith("Ingested: 0 added, 0 updated, 1 duplicate")
    assert ok(runner.invoke(main, ["ingest", str(theirs)])).splitlines() == erased
    _rank_and_export(runner, out)
    assert [r["name"] for r in csv_rows(out / f"{JOB}.csv")] == ["Otto Brannigan"]
    assert xlsx_column(out / f"{JOB}.xlsx", "name") == ["Otto Brannigan"]
    assert "Tamsin" not in ok(runner.invoke(main, ["shortlist", JOB]))
    assert [c["name"] for c in _candidates(runner)] == ["Otto Brannigan"]
    assert _workspace_holds(workspace, db_url, ["Tamsin", "Okonkwo", "tamsin.or@example.org", "5125550133",
                                                "555-0133", "github.com/tamsin-or"]) == []
    assert _workspace_holds(workspace, db_url, ["Otto Brannigan"]) != []  # the search does see what is there
