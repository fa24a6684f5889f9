"""The database layer on SQLite and PostgreSQL: migrations, idempotent storage, outcomes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from models.db import create, current_revision, head_revision, migrate, open_engine, session_scope, table_names
from models.orm import CallOutcome, Candidate, CandidateSkill, Document
from models.ranking_io import call_list_rows
from models.store import (
    known_hashes,
    record_outcome,
    save_match_run,
    store_outcome,
    upsert_jobs,
)
from pipeline.jobs import HotJob
from pipeline.ranking import RankedCandidate
from pipeline.resume import ParseOutcome
from pipeline.types import CandidateSkill as ParsedSkill
from pipeline.types import Experience, ParsedResume


def outcome(sha: str, email: str = "ana@example.com", name: str = "Ana Lima", skills=("python", "sql")) -> ParseOutcome:
    resume = ParsedResume(
        text=f"{name}\n{email}\nPython SQL",
        name=name,
        emails=[email],
        phones=["+15125550199"],
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


def test_store_is_idempotent_by_hash(db_url):
    with session_scope(db_url) as s:
        assert store_outcome(s, outcome("aaaaaaaa")).action == "added"
    with session_scope(db_url) as s:
        assert store_outcome(s, outcome("aaaaaaaa")).action == "duplicate"
        assert known_hashes(s, ["aaaaaaaa" * 8, "b" * 64]) == {"aaaaaaaa" * 8}
        assert s.scalar(select(func.count()).select_from(Candidate)) == 1
        assert s.scalar(select(func.count()).select_from(Document)) == 1
        assert s.scalar(select(func.count()).select_from(CandidateSkill)) == 2


def test_new_version_of_a_resume_updates_the_same_candidate(db_url):
    with session_scope(db_url) as s:
        first = store_outcome(s, outcome("aaaaaaaa", skills=("python",)))
    with session_scope(db_url) as s:
        second = store_outcome(s, outcome("bbbbbbbb", skills=("python", "aws")))
        assert second.action == "updated" and second.candidate_id == first.candidate_id
        skills = set(s.scalars(select(CandidateSkill.skill_id).where(CandidateSkill.candidate_id == first.candidate_id)))
        assert skills == {"python", "aws"}


def test_quarantined_outcome_is_recorded_without_candidate(db_url):
    bad = ParseOutcome(path="/in/x.pdf", filename="x.pdf", sha256="c" * 64, size_bytes=3, status="quarantined",
                       reason="corrupt or truncated PDF (PSEOF): ask the candidate for a fresh copy")
    with session_scope(db_url) as s:
        result = store_outcome(s, bad)
        assert result.action == "quarantined"
        doc = s.scalar(select(Document))
        assert doc.status == "quarantined" and doc.reason.startswith("corrupt") and doc.candidate_id is None


def test_failed_transaction_leaves_nothing_half_stored(db_url):
    with pytest.raises(RuntimeError):
        with session_scope(db_url) as s:
            store_outcome(s, outcome("dddddddd"))
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
        ids = [store_outcome(s, outcome(c * 8, email=f"{c}@example.com", name=f"Person {c.upper()}")).candidate_id for c in "abc"]
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
        cid = store_outcome(s, outcome("eeeeeeee")).candidate_id
        with pytest.raises(ValueError, match="unknown outcome 'maybe'"):
            record_outcome(s, cid, None, "maybe")
        assert s.scalar(select(func.count()).select_from(CallOutcome)) == 0
