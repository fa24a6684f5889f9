"""ids never reused: candidates, documents and call outcomes get AUTOINCREMENT on SQLite

SQLite hands out max(id) + 1 without AUTOINCREMENT, so erasing the newest candidates gave their ids to the
next resumes, and old call-list rows about the erased people were recorded against the new ones (issue 18).
On SQLite each table is rebuilt (batch mode, data kept) and its ``sqlite_sequence`` starts at the highest id
it ever held: the live rows, and for candidates also the erasure log and the merge log. PostgreSQL's
sequences never repeat a value: nothing to do there.

``models.db.migrate`` runs SQLite migrations with foreign keys off: dropping the old table would otherwise
run every ON DELETE action first and empty or null the rows that point at it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> other (table, column) pairs that remember ids the table once held
TABLES = {
    "candidates": (("erasures", "candidate_id"), ("candidate_merges", "merged_id")),
    "documents": (),
    "call_outcomes": (),
}


def _has_autoincrement(bind, table: str) -> bool:
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).scalar()
    return "AUTOINCREMENT" in (sql or "").upper()


def _highest_id(bind, table: str, remembered: Sequence[tuple[str, str]]) -> int:
    names = set(sa.inspect(bind).get_table_names())
    highest = bind.exec_driver_sql(f"SELECT MAX(id) FROM {table}").scalar() or 0
    for other, column in remembered:
        if other in names:
            highest = max(highest, bind.exec_driver_sql(f"SELECT MAX({column}) FROM {other}").scalar() or 0)
    return int(highest)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for table, remembered in TABLES.items():
        if not _has_autoincrement(bind, table):
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
                pass
        highest = _highest_id(bind, table, remembered)
        bind.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
        bind.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, highest))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}):
            pass
