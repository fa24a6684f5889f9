"""Tables of identity and suppression: each person's contact keys, merges (to undo them) and the do-not-call list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hotlist.models.orm import Base, utcnow


class PersonKey(Base):
    """One normalised email, phone or profile link of a candidate (``email:…``, ``phone:+…``, ``link:…``)."""

    __tablename__ = "person_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(400), index=True)


class CandidateMerge(Base):
    """Two candidates made one: enough to undo it (``snapshot``: the merged candidate's row and skills)."""

    __tablename__ = "candidate_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    merged_id: Mapped[int] = mapped_column(Integer, index=True)
    merged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(String(20))  # cli | ingest | migration
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Suppression(Base):
    """One do-not-call key, kept only as a salted hash (the salt lives in the workspace, not the database)."""

    __tablename__ = "suppressions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
