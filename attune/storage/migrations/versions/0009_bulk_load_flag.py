"""bulk load flag: the per-row insert triggers on entries skip their work during a bulk insert

A bulk insert (an import, demo data) of 100,000 entries indexes them for search and stamps their
days in `day_changes` in one statement each, ten times faster than the per-row triggers. It used
to drop those two triggers and create them again at run time, so the schema was partly owned by
application code. Now the triggers themselves (made here, owned by migrations) check a flag row:
the bulk path (attune.storage.bulk) inserts `bulk_load('entries')`, inserts the entries, does the
triggers' work, and deletes the row, all in its one transaction; no other connection sees it.

`entries_fts_ai` (0001, made again by 0003) and `day_changes_entries_ai` (0008) are replaced by the
same triggers with `WHEN NOT EXISTS (SELECT 1 FROM bulk_load WHERE name = 'entries')`. A later
migration that rebuilds `entries` must create them again in this form.

SQLite only for the triggers (like 0001 and 0008); the table exists everywhere (it is a model).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

UNLESS_BULK = "WHEN NOT EXISTS (SELECT 1 FROM bulk_load WHERE name = 'entries') "
FTS_INSERT = "INSERT INTO entry_fts(rowid, body) VALUES (new.id, new.body);"
STAMP_DAY = (
    "INSERT INTO day_changes (local_date, revision) "
    "SELECT new.local_date, (SELECT value FROM revision WHERE id = 1)  WHERE true "
    "ON CONFLICT (local_date) DO UPDATE SET revision = excluded.revision "
    "WHERE day_changes.revision IS NOT excluded.revision;"
)
TRIGGERS = {"entries_fts_ai": FTS_INSERT, "day_changes_entries_ai": STAMP_DAY}


def _make(guard: str) -> None:
    """The two triggers, guarded (``UNLESS_BULK``) or as 0001/0008 made them (``""``)."""
    for name, body in TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} AFTER INSERT ON entries {guard}BEGIN {body} END")


def upgrade() -> None:
    op.create_table(
        "bulk_load",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_bulk_load")),
    )
    if op.get_bind().dialect.name == "sqlite":
        _make(UNLESS_BULK)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _make("")
    op.drop_table("bulk_load")
