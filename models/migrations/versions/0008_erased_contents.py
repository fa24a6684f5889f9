"""erased contents: salted hashes of erased documents' sha256, so the same bytes are never stored again

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Idempotent: a database created from the current models (create_all) already has it.
    if "erased_contents" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "erased_contents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("erasure_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
    )


def downgrade() -> None:
    op.drop_table("erased_contents")
