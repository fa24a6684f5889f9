"""A small stored world for the web desk tests: five generated candidates in five time zones (one whose phone
and stated location disagree, one with hostile text), one hot job, one match run. Built through the real
storage and ranking functions (no parsing: the resumes are generated ``ParsedResume`` objects)."""

from __future__ import annotations

from datetime import datetime, timezone

from hotlist.models.db import session_scope
from hotlist.models.ranking_io import load_candidate_profiles, load_job_profiles
from hotlist.models.candidates import store_parse_result
from hotlist.models.jobs import upsert_jobs
from hotlist.models.runs import save_match_run
from hotlist.pipeline.jobs.hot_job import HotJob
from hotlist.pipeline.rank.ranking import rank_candidates
from hotlist.pipeline.parse.resume import ParseOutcome
from hotlist.pipeline.types import CandidateSkill as ParsedSkill
from hotlist.pipeline.types import Experience, ParsedResume

JOB_ID = "py-dev"
# 14:30 UTC on 2026-03-10: 09:30 in Chicago, 14:30 in London, 20:00 in Kolkata, 07:30 in Seattle (10:30 in
# New York, where that person's phone is from), 01:30 next day in Sydney.
NOW = datetime(2026, 3, 10, 14, 30, tzinfo=timezone.utc)
HOSTILE_NAME = "<script>alert('x')</script> Quinn"
HOSTILE_LINE = "<img src=x onerror=alert(1)> Summary"
PEOPLE = [
    # key, name, phone, location, skills
    ("chi", "Avery Stone", "+15125550101", "Austin, TX", ("python", "aws")),
    ("lon", "Blake Moor", "+447911123456", "London, UK", ("python",)),
    ("blr", "Chandra Rao", "+919812300001", "Bangalore, India", ("python", "aws")),
    ("sea", "Dana Reyes", "+12125550102", "Seattle, WA", ("python",)),
    ("syd", HOSTILE_NAME, "+61491570006", "Sydney, Australia", ("python",)),
]


def _outcome(index: int, name: str, phone: str, location: str, skills: tuple[str, ...]) -> ParseOutcome:
    sha = f"{index:02d}" * 32
    email = f"person{index}@example.com"
    text = f"{name}\n{HOSTILE_LINE if '<' in name else 'Summary'}\n{email}\n{phone}\n{location}\nSkills: " + ", ".join(skills)
    resume = ParsedResume(
        text=text, name=name, emails=[email], phones=[phone], location=location,
        experience=[Experience(title="Engineer", employer="Acme", start="2019-01", end=None, current=True)],
        skills=[ParsedSkill(id=s, name=s.title(), sections=["skills"], snippet=f"Skills: {s} <b>x</b>") for s in skills],
        years_experience=5.0, as_of="2026-01-15", as_of_source="stated",
    )
    return ParseOutcome(path=f"/in/r{index}.pdf", filename=f"r{index}.pdf", sha256=sha, size_bytes=10, status="ok",
                        kind="pdf", resume=resume)


def build(db_url: str) -> dict[str, int]:
    """Store the world; returns candidate ids by key (chi, lon, blr, sea, syd)."""
    ids = {}
    with session_scope(db_url) as session:
        for index, (key, name, phone, location, skills) in enumerate(PEOPLE, start=1):
            ids[key] = store_parse_result(session, _outcome(index, name, phone, location, skills)).candidate_id
        job = HotJob(id=JOB_ID, title="Python Developer", client="Northwind", location="Austin, TX",
                     must_have=["Python", "Kubernetes"], nice_to_have=["AWS"], urgency=5, openings=2)
        upsert_jobs(session, [job], lambda label: (label.lower(), label))
    with session_scope(db_url) as session:
        ranked = rank_candidates(load_candidate_profiles(session), load_job_profiles(session, JOB_ID))
        save_match_run(session, ranked, candidate_count=len(ids))
    return ids
