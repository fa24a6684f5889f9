"""client-named targets per job (job_targets)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if "job_targets" in sa.inspect(op.get_bind()).get_table_names():  # created from the current models
        return
    op.create_table(
        "job_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("company", sa.String(length=300), nullable=False),
        sa.Column("contact", sa.String(length=320), nullable=True),
        sa.Column("target_key", sa.String(length=520), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("job_id", "target_key"),
    )
    op.create_index("ix_job_targets_job_id", "job_targets", ["job_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_job_targets_job_id", table_name="job_targets")
    op.drop_table("job_targets")
