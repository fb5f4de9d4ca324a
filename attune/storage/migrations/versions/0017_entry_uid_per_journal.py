"""entry uid per journal: an entry's uid is unique within its journal, not the whole database

An Attune export keeps its entries' uids, so importing it again adds nothing. On a host with
many journals, the same export imported into a second journal (a person who moved to another
household's journal, a practice's test journal) met the first journal's rows — which row-level
security hides — as a unique violation. The uid is now unique per (journal_id, uid).

PostgreSQL: the database-wide constraint is dropped. SQLite: a file is one journal, so its
table-level UNIQUE(uid) means the same thing and stays (dropping it would rebuild the entries
table, 100,000 rows and their triggers); the new index is added beside it, so the schema
matches the models on both (attune.storage.migrate.include_object leaves the old one out).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("uq_entries_journal_uid", "entries", ["journal_id", "uid"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("uq_entries_uid", "entries", type_="unique")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.create_unique_constraint("uq_entries_uid", "entries", ["uid"])
    op.drop_index("uq_entries_journal_uid", "entries")
