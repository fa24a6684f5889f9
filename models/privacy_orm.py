"""The erasure log (one row per erased candidate: counts and a date only) and the erased contents (salted hashes)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hotlist.models.orm import Base, utcnow


class Erasure(Base):
    """A candidate erased on request: when, how they were found, and how much was removed."""

    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    candidate_id: Mapped[int] = mapped_column(Integer)  # the former id: a number, meaningless once erased
    requested_by: Mapped[str] = mapped_column(String(10))  # "id" | "email": how the request named them
    documents: Mapped[int] = mapped_column(Integer, default=0)
    skills: Mapped[int] = mapped_column(Integer, default=0)
    matches: Mapped[int] = mapped_column(Integer, default=0)
    outcomes: Mapped[int] = mapped_column(Integer, default=0)
    files: Mapped[int] = mapped_column(Integer, default=0)


class ErasedContent(Base):
    """The content of a document erased on request, kept only as a salted hash of its sha256: never stored again."""

    __tablename__ = "erased_contents"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # pipeline.erasure.content_key: no sha256 in clear
    erasure_id: Mapped[int] = mapped_column(Integer)  # the erasures row that added it
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
