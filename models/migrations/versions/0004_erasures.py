"""erasures: a log of erased candidates without personal data

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('erasures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('requested_by', sa.String(length=10), nullable=False),
    sa.Column('documents', sa.Integer(), nullable=False),
    sa.Column('skills', sa.Integer(), nullable=False),
    sa.Column('matches', sa.Integer(), nullable=False),
    sa.Column('outcomes', sa.Integer(), nullable=False),
    sa.Column('files', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('erasures')
