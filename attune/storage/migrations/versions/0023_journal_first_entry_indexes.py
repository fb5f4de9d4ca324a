"""journal-first entry indexes: PostgreSQL keeps only the entry indexes a journal's reads use

PostgreSQL only (a no-op on SQLite: a file is one journal, and these indexes are its own).

Every read of entries on PostgreSQL names its journal (`journal_id = …`: the visibility rule's
`InThisJournal`, the journal wall's criteria, the census functions), and 0014 gave PostgreSQL a
journal-first copy of three of the models' entry indexes. The originals, which read every
journal's rows in their order, stayed beside them, and each written entry paid for all of them:

- ix_entries_visibility_deleted_occurred: ixpg_entries_journal_visibility_deleted_occurred
  answers the same with the journal first;
- ix_entries_visibility_deleted_local_date: ixpg_entries_journal_visibility_deleted_local_date;
- ix_entries_live_occurred (deleted_at IS NULL): ixpg_entries_journal_live_occurred.

These three go (no plan of any page, cold or warm, or of the searches used them at 1,000,000
entries). `ix_entries_local_date` becomes `ixpg_entries_journal_local_date` (journal_id,
local_date): the oldest day of a journal (storage.frames) walked the global date index from the
first day of any journal until it met one of its own — 0.1 ms for the bench's journal 1, whose
days come first, 99 ms for journal 500 (129,672 other journals' rows read and dropped).

Each entry written now updates three b-trees fewer (12 to 9 on entries).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

# name: definition (as the models and 0007 made them), for the downgrade
DROPPED = {
    "ix_entries_visibility_deleted_occurred": "entries (visibility, deleted_at, occurred_at)",
    "ix_entries_visibility_deleted_local_date": "entries (visibility, deleted_at, local_date)",
    "ix_entries_live_occurred": "entries (occurred_at) WHERE deleted_at IS NULL",
    "ix_entries_local_date": "entries (local_date)",
}
ADDED = {"ixpg_entries_journal_local_date": "entries (journal_id, local_date)"}


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _postgresql():
        return
    for name, definition in ADDED.items():
        op.execute(f"CREATE INDEX {name} ON {definition}")
    for name in DROPPED:
        op.execute(f"DROP INDEX {name}")


def downgrade() -> None:
    if not _postgresql():
        return
    for name, definition in DROPPED.items():
        op.execute(f"CREATE INDEX {name} ON {definition}")
    for name in ADDED:
        op.execute(f"DROP INDEX {name}")
