"""skill evidence: first year used and years of use per candidate skill

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 09:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("candidate_skills", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_used", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("years_used", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("candidate_skills", schema=None) as batch_op:
        batch_op.drop_column("years_used")
        batch_op.drop_column("first_used")
