"""The ORM: typed SQLAlchemy 2 declarative tables.

Works on SQLite and PostgreSQL (JSON columns use the portable ``JSON`` type).
The schema is created and upgraded by Alembic (``models/migrations``), never by
``create_all`` outside tests of the migrations themselves.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Candidate(Base):
    """A person, built from their latest resume document."""

    __tablename__ = "candidates"
    # Ids are never handed out twice (SQLite AUTOINCREMENT; PostgreSQL sequences already never repeat): an erased
    # person's id in an old call list or export must not come to mean someone else (issue 18).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    emails: Mapped[list[Any]] = mapped_column(default=list)
    phones: Mapped[list[Any]] = mapped_column(default=list)
    links: Mapped[list[Any]] = mapped_column(default=list)
    location: Mapped[str | None] = mapped_column(String(200))
    years_experience: Mapped[float | None] = mapped_column(Float)
    # When the resume was written (YYYY-MM-DD, the date "Present" means) and its source (metadata, text...)
    resume_date: Mapped[str | None] = mapped_column(String(10))
    resume_date_source: Mapped[str | None] = mapped_column(String(30))
    experience: Mapped[list[Any]] = mapped_column(default=list)
    education: Mapped[list[Any]] = mapped_column(default=list)
    resume_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    documents: Mapped[list[Document]] = relationship(back_populates="candidate")
    skills: Mapped[list[CandidateSkill]] = relationship(back_populates="candidate", cascade="all, delete-orphan")


class Document(Base):
    """One resume file as received: its hash, where it came from and what became of it."""

    __tablename__ = "documents"
    __table_args__ = {"sqlite_autoincrement": True}  # ids shown on the desk's candidate page: never reused

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(500))
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))  # ok | quarantined | needs_review
    reason: Mapped[str | None] = mapped_column(Text)
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"), index=True)
    parsed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # What produced the stored fields (pipeline.versions): None is the parser before versions were recorded (1).
    parser_version: Mapped[int | None] = mapped_column(Integer)
    taxonomy_version: Mapped[str | None] = mapped_column(String(40))

    candidate: Mapped[Candidate | None] = relationship(back_populates="documents")


class CandidateOverride(Base):
    """A recruiter's correction of one candidate field: wins over every later parse of the person's documents."""

    __tablename__ = "candidate_overrides"
    __table_args__ = (UniqueConstraint("candidate_id", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(40))  # pipeline.overrides.FIELDS
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    edited_by: Mapped[str] = mapped_column(String(200))
    edited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Skill(Base):
    """A canonical skill from the taxonomy (only those seen are stored)."""

    __tablename__ = "skills"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(200))


class CandidateSkill(Base):
    """A skill a candidate has, with the evidence for it."""

    __tablename__ = "candidate_skills"

    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True)
    skill_id: Mapped[str] = mapped_column(ForeignKey("skills.id"), primary_key=True)
    mentions: Mapped[int] = mapped_column(Integer, default=1)
    sections: Mapped[list[Any]] = mapped_column(default=list)
    snippet: Mapped[str] = mapped_column(Text, default="")
    last_used: Mapped[int | None] = mapped_column(Integer)
    first_used: Mapped[int | None] = mapped_column(Integer)
    years_used: Mapped[float | None] = mapped_column(Float)

    candidate: Mapped[Candidate] = relationship(back_populates="skills")
    skill: Mapped[Skill] = relationship()


class Job(Base):
    """A hot job a client needs filled."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    client: Mapped[str | None] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(200))
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    min_years: Mapped[float] = mapped_column(Float, default=0.0)
    urgency: Mapped[int] = mapped_column(Integer, default=3)
    openings: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="open")
    description: Mapped[str] = mapped_column(Text, default="")
    source_file: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    requirements: Mapped[list[JobRequirement]] = relationship(
        back_populates="job", cascade="all, delete-orphan", order_by="JobRequirement.position"
    )


class JobRequirement(Base):
    """One must-have or nice-to-have skill of a job, resolved to a taxonomy id when possible."""

    __tablename__ = "job_requirements"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # must | nice
    label: Mapped[str] = mapped_column(String(200))
    skill_id: Mapped[str | None] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)

    job: Mapped[Job] = relationship(back_populates="requirements")


class JobTarget(Base):
    """A person the client asked for by name for a job: from the job's YAML (``source`` yaml) or typed on the job
    page (``source`` web, never touched by a YAML re-import)."""

    __tablename__ = "job_targets"
    __table_args__ = (UniqueConstraint("job_id", "target_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    company: Mapped[str] = mapped_column(String(300))
    contact: Mapped[str | None] = mapped_column(String(320))
    target_key: Mapped[str] = mapped_column(String(520))
    source: Mapped[str] = mapped_column(String(10))  # yaml | web
    added_by: Mapped[str | None] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MatchRun(Base):
    """One ranking of candidates against one or more jobs."""

    __tablename__ = "match_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    job_ids: Mapped[list[Any]] = mapped_column(default=list)
    candidate_count: Mapped[int] = mapped_column(Integer, default=0)
    flow_run_id: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # outcome model used, if any


class Match(Base):
    """A candidate's rank and score for a job in one match run, with its explanation."""

    __tablename__ = "matches"
    __table_args__ = (
        UniqueConstraint("run_id", "job_id", "candidate_id"),
        Index("ix_matches_job_run", "job_id", "run_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("match_runs.id", ondelete="CASCADE"))
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CallOutcome(Base):
    """What happened when a recruiter called a candidate (about a job, or in general)."""

    __tablename__ = "call_outcomes"
    __table_args__ = {"sqlite_autoincrement": True}  # never reused, like candidate ids

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[str | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    source: Mapped[str | None] = mapped_column(String(300))  # "cli" or "import:<file name>"
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)  # an imported row counts once
    callback_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # when to call back: the follow-up list


class CallListExport(Base):
    """One exported call list: who was on it and where, to say what changed next time."""

    __tablename__ = "call_list_exports"
    __table_args__ = (Index("ix_call_list_exports_job", "job_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("match_runs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    entries: Mapped[list[Any]] = mapped_column(default=list)  # [[candidate_id, rank], ...]
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)  # pipeline.export.Changes.to_dict()
