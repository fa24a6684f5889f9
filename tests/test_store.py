"""The database layer on SQLite and PostgreSQL: migrations, idempotent storage, outcomes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from hotlist.models.db import (HEAD_REVISION, create, current_revision, head_revision, migrate, open_engine, session_scope,
                       table_names)
from hotlist.models.orm import CallOutcome, Candidate, CandidateSkill, Document
from hotlist.models.ranking_io import call_list_rows
from hotlist.models.candidates import known_hashes, store_parse_result
from hotlist.models.jobs import upsert_jobs
from hotlist.models.outcomes import record_outcome
from hotlist.models.runs import save_match_run
from hotlist.pipeline.jobs.hot_job import HotJob
from hotlist.pipeline.rank.ranking import RankedCandidate
from hotlist.pipeline.parse.resume import ParseOutcome
from hotlist.pipeline.types import CandidateSkill as ParsedSkill
from hotlist.pipeline.types import Experience, ParsedResume


def outcome(sha: str, email: str = "ana@example.com", name: str = "Ana Lima", skills=("python", "sql")) -> ParseOutcome:
    resume = ParsedResume(
        text=f"{name}\n{email}\nPython SQL",
        name=name,
        emails=[email],
        # One phone per email: people with different emails are different people (shared phone = same person).
        phones=[f"+1512555{sum(map(ord, email)) % 10000:04d}"],
        experience=[Experience(title="Engineer", employer="Acme", start="2019-01", end=None, current=True)],
        skills=[ParsedSkill(id=s, name=s.title(), sections=["skills"], snippet=s) for s in skills],
        years_experience=5.0,
    )
    return ParseOutcome(path=f"/in/{sha}.pdf", filename=f"{sha}.pdf", sha256=sha * 8, size_bytes=10, status="ok", kind="pdf", resume=resume)


def test_migrations_create_every_table_and_are_idempotent(db_url):
    engine = open_engine(db_url)
    assert current_revision(engine) == head_revision()
    assert {"candidates", "documents", "skills", "candidate_skills", "jobs", "job_requirements",
            "match_runs", "matches", "call_outcomes"} <= set(table_names(engine))
    migrate(create(db_url))  # second time: a no-op, no error
    assert current_revision(engine) == head_revision()


def test_head_revision_constant_is_alembics_head():
    # models.db skips importing Alembic when the database is at HEAD_REVISION: a new
    # migration must move the constant too, or databases would never be upgraded.
    assert HEAD_REVISION == head_revision()


def test_an_older_database_is_still_upgraded(db_url):
    engine = open_engine(db_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
        connection.exec_driver_sql("DROP TABLE erasures")
        for table in ("suppressions", "candidate_merges", "person_keys"):  # revision 0005's tables
            connection.exec_driver_sql(f"DROP TABLE {table}")
        connection.exec_driver_sql("ALTER TABLE call_outcomes DROP COLUMN callback_on")
    migrate(create(db_url))
    assert current_revision(engine) == HEAD_REVISION
    assert "erasures" in table_names(engine)


def test_store_is_idempotent_by_hash(db_url):
    with session_scope(db_url) as s:
        assert store_parse_result(s, outcome("aaaaaaaa")).action == "added"
    with session_scope(db_url) as s:
        assert store_parse_result(s, outcome("aaaaaaaa")).action == "duplicate"
        assert known_hashes(s, ["aaaaaaaa" * 8, "b" * 64]) == {"aaaaaaaa" * 8}
        assert s.scalar(select(func.count()).select_from(Candidate)) == 1
        assert s.scalar(select(func.count()).select_from(Document)) == 1
        assert s.scalar(select(func.count()).select_from(CandidateSkill)) == 2


def test_new_version_of_a_resume_updates_the_same_candidate(db_url):
    with session_scope(db_url) as s:
        first = store_parse_result(s, outcome("aaaaaaaa", skills=("python",)))
    with session_scope(db_url) as s:
        second = store_parse_result(s, outcome("bbbbbbbb", skills=("python", "aws")))
        assert second.action == "updated" and second.candidate_id == first.candidate_id
        skills = set(s.scalars(select(CandidateSkill.skill_id).where(CandidateSkill.candidate_id == first.candidate_id)))
        assert skills == {"python", "aws"}


def test_quarantined_outcome_is_recorded_without_candidate(db_url):
    bad = ParseOutcome(path="/in/x.pdf", filename="x.pdf", sha256="c" * 64, size_bytes=3, status="quarantined",
                       reason="corrupt or truncated PDF (PSEOF): ask the candidate for a fresh copy")
    with session_scope(db_url) as s:
        result = store_parse_result(s, bad)
        assert result.action == "quarantined"
        doc = s.scalar(select(Document))
        assert doc.status == "quarantined" and doc.reason.startswith("corrupt") and doc.candidate_id is None


def test_failed_transaction_leaves_nothing_half_stored(db_url):
    with pytest.raises(RuntimeError):
        with session_scope(db_url) as s:
            store_parse_result(s, outcome("dddddddd"))
            raise RuntimeError("crash mid-way")
    with session_scope(db_url) as s:
        assert s.scalar(select(func.count()).select_from(Candidate)) == 0
        assert s.scalar(select(func.count()).select_from(Document)) == 0


def _job():
    return HotJob(id="py-dev", title="Python Developer", must_have=["Python"], nice_to_have=["AWS"], min_years=3)


def _ranked(candidate_id: int, rank: int) -> RankedCandidate:
    return RankedCandidate(candidate_id=candidate_id, job_id="py-dev", rank=rank, score=0.9 - rank / 10,
                           matched_must=["Python"], missing_must=[], matched_nice=[], missing_nice=["AWS"],
                           years_fit="5.0 yrs vs 3 required", features={"must": 1.0}, reason="Has Python")


def test_call_list_honours_do_not_call_and_cooldown(db_url):
    with session_scope(db_url) as s:
        ids = [store_parse_result(s, outcome(c * 8, email=f"{c}@example.com", name=f"Person {c.upper()}")).candidate_id for c in "abc"]
        upsert_jobs(s, [_job()], lambda label: (label.lower(), label))
        save_match_run(s, {"py-dev": [_ranked(cid, i + 1) for i, cid in enumerate(ids)]}, candidate_count=3)
    with session_scope(db_url) as s:
        assert [r.candidate_id for r in call_list_rows(s, "py-dev", cooldown_days=14, limit=10)] == ids
        record_outcome(s, ids[0], "py-dev", "do-not-call")
        record_outcome(s, ids[1], None, "no-answer")
    with session_scope(db_url) as s:
        rows = call_list_rows(s, "py-dev", cooldown_days=14, limit=10)
        assert [r.candidate_id for r in rows] == [ids[2]]
        assert rows[0].rank == 1 and rows[0].email == "c@example.com"
        # Past the cooldown the contacted candidate returns; do-not-call never does.
        later = datetime.now(timezone.utc) + timedelta(days=15)
        rows = call_list_rows(s, "py-dev", cooldown_days=14, limit=10, now=later)
        assert [r.candidate_id for r in rows] == [ids[1], ids[2]]


def test_unknown_outcome_is_rejected(db_url):
    with session_scope(db_url) as s:
        cid = store_parse_result(s, outcome("eeeeeeee")).candidate_id
        with pytest.raises(ValueError, match="unknown outcome 'maybe'"):
            record_outcome(s, cid, None, "maybe")
        assert s.scalar(select(func.count()).select_from(CallOutcome)) == 0


def test_migrations_match_the_orm(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from hotlist.models.orm import Base

    engine = open_engine(db_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert {"call_list_exports"} <= set(table_names(engine))


def _three_on_a_list(s) -> list[int]:
    ids = [store_parse_result(s, outcome(c * 8, email=f"{c}@example.com", name=f"Person {c.upper()}")).candidate_id for c in "abc"]
    upsert_jobs(s, [_job()], lambda label: (label.lower(), label))
    save_match_run(s, {"py-dev": [_ranked(cid, i + 1) for i, cid in enumerate(ids)]}, candidate_count=3)
    return ids


def test_call_list_rows_carry_contact_history_review_flag_and_job(db_url):
    with session_scope(db_url) as s:
        ids = _three_on_a_list(s)
        s.get(Candidate, ids[2]).status = "needs_review"
        record_outcome(s, ids[1], "py-dev", "left-voicemail", when=datetime(2025, 3, 1, tzinfo=timezone.utc))
    with session_scope(db_url) as s:
        rows = {r.candidate_id: r for r in call_list_rows(s, "py-dev", cooldown_days=14, limit=10)}
        assert (rows[ids[1]].last_contacted, rows[ids[1]].last_outcome) == ("2025-03-01", "left-voicemail")
        assert rows[ids[0]].last_contacted is None and rows[ids[0]].needs_review == ""
        assert rows[ids[2]].needs_review == "yes"
        assert {r.job_id for r in rows.values()} == {"py-dev"}
        assert rows[ids[0]].reason == "Has Python" and rows[ids[0]].matched_skills == ["Python"]


def test_cooldown_can_mark_instead_of_omit(db_url):
    with session_scope(db_url) as s:
        ids = _three_on_a_list(s)
        record_outcome(s, ids[0], "py-dev", "no-answer", when=datetime(2025, 3, 1, tzinfo=timezone.utc))
        record_outcome(s, ids[2], None, "do-not-call")
    with session_scope(db_url) as s:
        now = datetime(2025, 3, 5, tzinfo=timezone.utc)
        omitted = call_list_rows(s, "py-dev", cooldown_days=14, limit=10, now=now)
        marked = call_list_rows(s, "py-dev", cooldown_days=14, limit=10, now=now, cooldown_action="mark")
        assert [r.candidate_id for r in omitted] == [ids[1]]
        assert [(r.candidate_id, r.cooldown_until) for r in marked] == [(ids[0], "2025-03-15"), (ids[1], None)]
        with pytest.raises(ValueError, match="unknown cooldown action 'skip': use omit or mark"):
            call_list_rows(s, "py-dev", cooldown_days=14, limit=10, cooldown_action="skip")


def test_import_outcomes_records_once_and_names_unknown_rows(db_url):
    from hotlist.pipeline.errors import InvalidOutcomes
    from hotlist.pipeline.calls.outcomes import OutcomeEntry

    from hotlist.models.outcomes import import_outcomes

    with session_scope(db_url) as s:
        ids = _three_on_a_list(s)
    entries = [OutcomeEntry(2, ids[0], "py-dev", "interested", "call Tue", "k1"),
               OutcomeEntry(3, ids[1], None, "do-not-call", None, "k2")]
    with session_scope(db_url) as s:
        result = import_outcomes(s, entries, source="import:calls.csv")
        assert (result.recorded, result.already_imported) == (2, 0)
        assert result.by_outcome == {"interested": 1, "do-not-call": 1}
    with session_scope(db_url) as s:
        again = import_outcomes(s, entries, source="import:calls.csv")
        assert (again.recorded, again.already_imported) == (0, 2)
        stored = s.scalars(select(CallOutcome).order_by(CallOutcome.id)).all()
        assert [(o.candidate_id, o.outcome, o.source, o.import_key) for o in stored] == [
            (ids[0], "interested", "import:calls.csv", "k1"), (ids[1], "do-not-call", "import:calls.csv", "k2")]
        bad = [OutcomeEntry(5, 999, "py-dev", "placed", None, "k3"), OutcomeEntry(6, ids[0], "nope", "placed", None, "k4")]
        with pytest.raises(InvalidOutcomes) as excinfo:
            import_outcomes(s, bad, source="import:calls.csv")
        assert str(excinfo.value) == "import:calls.csv: row 5: no candidate with id 999; row 6: no hot job with id 'nope'"


def test_training_samples_use_the_match_made_before_the_call(db_url):
    from hotlist.models.outcomes import outcome_training_samples

    with session_scope(db_url) as s:
        ids = _three_on_a_list(s)
        record_outcome(s, ids[0], "py-dev", "interested")
        record_outcome(s, ids[1], "py-dev", "no-answer")  # says nothing about fit
        record_outcome(s, ids[2], None, "not-interested")  # not about a job
        later = _ranked(ids[0], 1)
        later.features = {"must": 0.1}
        save_match_run(s, {"py-dev": [later]}, candidate_count=1)
    with session_scope(db_url) as s:
        assert outcome_training_samples(s) == [({"must": 1.0}, "interested")]


def test_exports_are_remembered_for_the_next_comparison(db_url):
    from hotlist.models.ranking_io import build_call_list
    from hotlist.models.runs import latest_export_changes, previous_export, save_call_list_export

    with session_scope(db_url) as s:
        ids = _three_on_a_list(s)
        first = build_call_list(s, "py-dev", cooldown_days=14, limit=10)
        assert first.changes.first and previous_export(s, "py-dev") is None
        save_call_list_export(s, "py-dev", [(ids[1], 1), (ids[0], 2), (99, 3)], {"first": True}, run_id=first.run_id)
    with session_scope(db_url) as s:
        second = build_call_list(s, "py-dev", cooldown_days=14, limit=10)
        assert [r.change for r in second.rows] == ["up 1", "down 1", "new"]
        assert second.changes.gone == (99,)
        assert previous_export(s, "py-dev") == {ids[1]: 1, ids[0]: 2, 99: 3}
        assert latest_export_changes(s, "py-dev") == {"first": True}


def test_call_lists_come_hottest_job_first(db_url):
    from hotlist.flows.export import build_call_lists

    cool = HotJob(id="cool-job", title="Python Developer", must_have=["Python"], urgency=1)
    hot = HotJob(id="hot-job", title="Python Developer", must_have=["Python"], urgency=5)
    with session_scope(db_url) as s:
        ids = _three_on_a_list(s)
        upsert_jobs(s, [cool, hot], lambda label: (label.lower(), label))
        for job_id in ("cool-job", "hot-job"):
            rows = [_ranked(cid, i + 1) for i, cid in enumerate(ids)]
            for row in rows:
                row.job_id = job_id
            save_match_run(s, {job_id: rows}, candidate_count=3)

    lists = build_call_lists.fn(db_url, None, 14, 10)

    assert [(c.job_id, c.urgency) for c in lists] == [("hot-job", 5), ("py-dev", 3), ("cool-job", 1)]
    assert all(len(c.rows) == 3 and c.changes.first for c in lists)


def test_threads_opening_a_fresh_database_at_once_migrate_it_once(db_url):
    """The watcher's thread and the command's both use a fresh database first: neither may wait on the other."""
    import threading

    from hotlist.models.db import dispose_all

    dispose_all()
    start = threading.Barrier(4)
    opened: list[object] = []

    def first_use() -> None:
        start.wait()
        opened.append(open_engine(db_url))

    threads = [threading.Thread(target=first_use, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a first use waited forever on another thread's migration"
    assert len(opened) == 4 and len({id(e) for e in opened}) == 1
    assert current_revision(opened[0]) == HEAD_REVISION
