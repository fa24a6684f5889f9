"""parser and taxonomy versions per document; recruiter overrides per candidate field

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 11:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Idempotent: a database created from the current models (create_all) already has all of it.
    inspector = sa.inspect(op.get_bind())
    have = {c["name"] for c in inspector.get_columns("documents")}
    missing = [c for c in (sa.Column("parser_version", sa.Integer(), nullable=True),
                           sa.Column("taxonomy_version", sa.String(length=40), nullable=True)) if c.name not in have]
    if missing:
        with op.batch_alter_table("documents", schema=None) as batch_op:
            for column in missing:
                batch_op.add_column(column)
    if "candidate_overrides" not in inspector.get_table_names():
        op.create_table(
            "candidate_overrides",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("candidate_id", sa.Integer(), nullable=False),
            sa.Column("field", sa.String(length=40), nullable=False),
            sa.Column("value", sa.JSON(), nullable=True),
            sa.Column("edited_by", sa.String(length=200), nullable=False),
            sa.Column("edited_at", sa.DateTime(timezone=True), nullable=False),
            sa.ForeignKeyConstraint(["candidate_id"], ["candidates.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("candidate_id", "field"),
        )
        op.create_index("ix_candidate_overrides_candidate_id", "candidate_overrides", ["candidate_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_candidate_overrides_candidate_id", table_name="candidate_overrides")
    op.drop_table("candidate_overrides")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("taxonomy_version")
        batch_op.drop_column("parser_version")
