"""Candidate ids are never handed out twice, and an outcome row must be about the person its id names (issue 18).

On SQLite without AUTOINCREMENT, erasing the newest candidates gave their ids to the next resumes, and an old
call-list row (another person, do-not-call, with a note) was then recorded against the newcomer.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from hotlist.models.db import alembic_config, create, migrate, session_scope
from hotlist.models.orm import CallOutcome, Candidate, CandidateSkill, Document
from hotlist.models.candidates import store_parse_result
from hotlist.pipeline.errors import InvalidOutcomes
from hotlist.pipeline.calls.export import CALL_LIST_COLUMNS
from hotlist.pipeline.calls.outcomes import OutcomeEntry, StoredPerson, identity_mismatch, read_outcome_file
from tests.test_store import outcome

PEOPLE = [("Ana Lima", "ana.lima@example.com"), ("Rui Costa", "rui.costa@example.com"),
          ("Ines Vasko", "ines.vasko@example.com"), ("Tomas Brandt", "tomas.b@example.com")]


def _store(db_url: str, people) -> list[int]:
    with session_scope(db_url) as s:
        return [store_parse_result(s, outcome(f"{n:08x}", email=email, name=name)).candidate_id
                for n, (name, email) in enumerate(people, start=hash(tuple(people)) % 10_000)]


def _erase(db_url: str, candidate_id: int) -> None:
    from hotlist.models.privacy import erase_candidate

    with session_scope(db_url) as s:
        erase_candidate(s, candidate_id)


def _call_list(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CALL_LIST_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({"job_id": "-", **row})
    return path


# --- ids -----------------------------------------------------------------------------------------------------------


def test_an_erased_id_is_never_given_to_the_next_resume(workspace, db_url):
    ids = _store(db_url, PEOPLE[:3])
    _erase(db_url, ids[2])
    _erase(db_url, ids[1])
    newcomer = _store(db_url, PEOPLE[3:])[0]
    assert newcomer > ids[2], f"the newcomer got id {newcomer}, an erased person's"
    with session_scope(db_url) as s:  # documents and outcomes too
        doc_ids = list(s.scalars(select(Document.id).order_by(Document.id)))
        s.add(CallOutcome(candidate_id=newcomer, outcome="no-answer"))
        s.flush()
        last = s.scalar(select(CallOutcome.id).order_by(CallOutcome.id.desc()))
        s.execute(CallOutcome.__table__.delete().where(CallOutcome.id == last))
        s.add(CallOutcome(candidate_id=newcomer, outcome="interested"))
        s.flush()
        assert s.scalar(select(CallOutcome.id).order_by(CallOutcome.id.desc())) > last
    assert doc_ids[-1] > len(PEOPLE[:3])  # the erased documents' ids were not handed out again


def _at_0007(url: str):
    """A SQLite database as revision 0007 left it, with four people, skills, an outcome and one erasure."""
    from alembic import command

    engine = create(url)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
    with Session(engine) as s, s.begin():
        ids = [store_parse_result(s, outcome(c * 8, email=f"{c}@example.com", name=f"Person {c.upper()}")).candidate_id
               for c in "abcd"]
        s.add(CallOutcome(candidate_id=ids[0], outcome="do-not-call", note="asked us to stop"))
    with engine.begin() as connection:  # id 4 erased as 0007 did it: rows gone, a note in the erasure log
        for table in ("candidate_skills", "documents", "person_keys"):
            connection.exec_driver_sql(f"DELETE FROM {table} WHERE candidate_id = ?", (ids[3],))
        connection.exec_driver_sql("DELETE FROM candidates WHERE id = ?", (ids[3],))
        connection.exec_driver_sql("INSERT INTO erasures (erased_at, candidate_id, requested_by, documents, skills, "
                                   "matches, outcomes, files) VALUES (CURRENT_TIMESTAMP, ?, 'id', 1, 2, 0, 0, 1)",
                                   (ids[3],))
    return engine, ids


def test_the_migration_keeps_every_row_and_starts_after_the_highest_id_ever_held(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine, ids = _at_0007(url)

    def counts():
        with engine.connect() as c:
            return {t: c.exec_driver_sql(f"SELECT COUNT(*), COUNT({col}) FROM {t}").one() for t, col in
                    (("candidates", "id"), ("documents", "candidate_id"), ("candidate_skills", "candidate_id"),
                     ("call_outcomes", "candidate_id"), ("person_keys", "candidate_id"))}

    before = counts()
    assert before["candidates"] == (3, 3) and before["candidate_skills"][0] == 6
    migrate(engine)
    assert counts() == before  # nothing deleted or unlinked by rebuilding the parent table
    with engine.connect() as c:
        for table in ("candidates", "documents", "call_outcomes"):
            sql = c.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).scalar()
            assert "AUTOINCREMENT" in sql, table
        assert c.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # back on for the pooled connection
    with Session(engine) as s, s.begin():
        newcomer = store_parse_result(s, outcome("e" * 8, email="e@example.com", name="Person E")).candidate_id
        assert newcomer == ids[3] + 1  # not the erased id 4, though it was the highest before the migration
        assert s.scalar(select(CandidateSkill.candidate_id).where(CandidateSkill.candidate_id == ids[0])) == ids[0]
        assert s.get(Candidate, ids[0]).name == "Person A"


# --- outcome rows against the id -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "email", "mismatch"), [
    ("Ana Lima", "ana.lima@example.com", None),
    ("A. Lima", "someone.else@example.com", None),  # the name matches (an initial): a corrected email is fine
    ("Rui Costa", "ANA.LIMA@example.com", None),  # the email matches, case aside
    (None, None, None),  # blank cells: nothing to check
    ("Rui Costa", "rui.costa@example.com", "name and email"),
    ("Rui Costa", None, "name"),
    (None, "rui.costa@example.com", "email"),
    ("Иван Петров", None, "name"),  # a script the name normaliser does not read still compares
])
def test_identity_mismatch(name, email, mismatch):
    person = StoredPerson(("Ana Lima", "Ana Maria Lima"), ("ana.lima@example.com", "ana@work.example"))
    entry = OutcomeEntry(2, 7, None, "interested", None, "k", name, email)
    assert identity_mismatch(entry, person) == mismatch
    assert identity_mismatch(entry, StoredPerson(None, None)) is None  # corrected fields: nothing to compare


def test_an_old_row_about_an_erased_person_is_not_recorded_against_anyone(workspace, db_url, tmp_path):
    """The issue's story: ids 26-28 erased, the next resume arrives, the old do-not-call row is imported."""
    ids = _store(db_url, PEOPLE[:3])
    old = _call_list(tmp_path / "old-list.csv", [
        {"candidate_id": ids[2], "name": PEOPLE[2][0], "email": PEOPLE[2][1], "outcome": "do-not-call",
         "note": "asked us to stop"}])
    _erase(db_url, ids[2])
    newcomer = _store(db_url, PEOPLE[3:])[0]
    result = CliRunner().invoke(__import__("hotlist.cli", fromlist=["main"]).main, ["outcomes", "import", str(old)])
    assert result.exit_code == 1
    assert result.output == f"Error: import:old-list.csv: row 2: candidate {ids[2]} was erased: delete the row\n"
    with session_scope(db_url) as s:
        assert s.scalars(select(CallOutcome).where(CallOutcome.candidate_id == newcomer)).all() == []


def test_rows_whose_name_and_email_are_someone_elses_are_refused_and_named(workspace, db_url, tmp_path):
    from hotlist.models.identity import merge_candidates

    ana, rui, ines, ines_again = _store(db_url, PEOPLE[:3] + [("Ines Vasko", "ines@home.example")])
    with session_scope(db_url) as s:
        merge_candidates(s.connection(), ines, ines_again)  # one person, two emails
    rows = [
        {"candidate_id": ana, "name": "Ana Lima", "email": "ana.lima@example.com", "outcome": "interested"},  # 2 ok
        {"candidate_id": ana, "name": "Rui Costa", "email": "rui.costa@example.com", "outcome": "DNC"},  # 3 bad
        {"candidate_id": rui, "outcome": "no answer"},  # 4: blank name and email, ok
        {"candidate_id": rui, "email": "ana.lima@example.com", "outcome": "voicemail"},  # 5: bad email
        {"candidate_id": ines, "name": "Ines Vasko", "email": "ines@home.example", "outcome": "interested"},  # 6
        {"candidate_id": ines_again, "name": "I. Vasko", "outcome": "not now"},  # 7: merged id, their name: ok
        {"candidate_id": ines, "name": "Tomas Brandt", "outcome": "placed"},  # 8: bad name
    ]
    path = _call_list(tmp_path / "calls.csv", rows)
    entries = read_outcome_file(path)
    assert [(e.name, e.email) for e in entries][:2] == [("Ana Lima", "ana.lima@example.com"),
                                                        ("Rui Costa", "rui.costa@example.com")]
    runner = CliRunner()
    from hotlist.cli import main

    result = runner.invoke(main, ["outcomes", "import", str(path)])
    assert result.exit_code == 1
    hint = "check the row's id with `hotlist candidates`"
    assert result.output == (
        f"Error: import:calls.csv: row 3: the name and email do not match candidate {ana}: {hint}; "
        f"row 5: the email does not match candidate {rui}: {hint}; "
        f"row 8: the name does not match candidate {ines}: {hint}\n")
    with session_scope(db_url) as s:
        assert s.scalars(select(CallOutcome)).all() == []  # one bad row and nothing of the file is recorded

    good = _call_list(tmp_path / "fixed.csv", [r for i, r in enumerate(rows, start=2) if i not in (3, 5, 8)])
    result = runner.invoke(main, ["outcomes", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Recorded 4 outcome(s) from fixed.csv")
    with session_scope(db_url) as s:
        assert sorted(s.scalars(select(CallOutcome.candidate_id))) == sorted([ana, rui, ines, ines])


def test_a_mismatched_row_keeps_the_old_file_before_an_export_writes_over_it(workspace, db_url, tmp_path):
    from hotlist.flows.export import import_typed_outcomes

    ana, rui = _store(db_url, PEOPLE[:2])
    path = _call_list(tmp_path / "py-dev.csv", [
        {"candidate_id": ana, "name": "Rui Costa", "email": "rui.costa@example.com", "outcome": "do-not-call",
         "note": "never again"}])
    imported, kept = import_typed_outcomes.fn(db_url, [(str(path), "-")])
    assert imported == [] and len(kept) == 1
    assert f"row 2: the name and email do not match candidate {ana}" in kept[0]
    assert not path.exists() and len(list(tmp_path.glob("py-dev.not-imported-*.csv"))) == 1
    with session_scope(db_url) as s:
        assert s.scalars(select(CallOutcome)).all() == []
