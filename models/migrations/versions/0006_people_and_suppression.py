"""people and suppression: contact keys per candidate, merges (undoable), a hashed do-not-call list;
existing candidates sharing an email, phone or profile link are merged into one person; call_outcomes.callback_on

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('person_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=400), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_person_keys_candidate_id'), 'person_keys', ['candidate_id'], unique=False)
    op.create_index(op.f('ix_person_keys_key'), 'person_keys', ['key'], unique=False)
    op.create_table('candidate_merges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kept_id', sa.Integer(), nullable=False),
    sa.Column('merged_id', sa.Integer(), nullable=False),
    sa.Column('merged_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['kept_id'], ['candidates.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_candidate_merges_kept_id'), 'candidate_merges', ['kept_id'], unique=False)
    op.create_index(op.f('ix_candidate_merges_merged_id'), 'candidate_merges', ['merged_id'], unique=False)
    op.create_table('suppressions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key_hash')
    )
    with op.batch_alter_table('call_outcomes') as batch:
        batch.add_column(sa.Column('callback_on', sa.Date(), nullable=True))
    _merge_existing(op.get_bind())


def _merge_existing(connection) -> None:
    """Record every candidate's contact keys, then merge those the identity rules say are one person."""
    from hotlist.models.identity import merge_by_rules
    from hotlist.pipeline.calls.people import contact_keys

    candidates = sa.table('candidates', sa.column('id', sa.Integer), sa.column('emails', sa.JSON),
                          sa.column('phones', sa.JSON), sa.column('links', sa.JSON))
    keys = sa.table('person_keys', sa.column('candidate_id', sa.Integer), sa.column('key', sa.String))
    rows = []
    for cid, emails, phones, links in connection.execute(sa.select(candidates)):
        rows += [{'candidate_id': cid, 'key': k} for k in sorted(contact_keys(emails or [], phones or [], links or []))]
    for i in range(0, len(rows), 1000):
        connection.execute(sa.insert(keys), rows[i:i + 1000])
    merge_by_rules(connection, source='migration')


def downgrade() -> None:
    with op.batch_alter_table('call_outcomes') as batch:
        batch.drop_column('callback_on')
    op.drop_table('suppressions')
    op.drop_index(op.f('ix_candidate_merges_merged_id'), table_name='candidate_merges')
    op.drop_index(op.f('ix_candidate_merges_kept_id'), table_name='candidate_merges')
    op.drop_table('candidate_merges')
    op.drop_index(op.f('ix_person_keys_key'), table_name='person_keys')
    op.drop_index(op.f('ix_person_keys_candidate_id'), table_name='person_keys')
    op.drop_table('person_keys')
