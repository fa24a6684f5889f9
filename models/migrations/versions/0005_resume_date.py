"""resume date: when the candidate's resume was written (as_of) and where that date came from

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a database created from the current models (create_all) already has the columns
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("candidates")}
    missing = [c for c in (sa.Column("resume_date", sa.String(length=10), nullable=True),
                           sa.Column("resume_date_source", sa.String(length=30), nullable=True)) if c.name not in have]
    if missing:
        with op.batch_alter_table("candidates", schema=None) as batch_op:
            for column in missing:
                batch_op.add_column(column)


def downgrade() -> None:
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.drop_column("resume_date_source")
        batch_op.drop_column("resume_date")
