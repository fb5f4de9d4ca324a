"""day changes: per local day, the revision at which an entry of that day last changed

The Trends page caches its aggregates of older days ("history") and recomputes only the last
few days after a write; that cache is keyed by the largest stamp of the days before the split
(attune.storage.revision.history_revision). Triggers keep `day_changes` exact whichever code path
writes: entries inserted, updated (both the old and the new local date: edits, back-dating,
trash, restore, visibility, sealing) or deleted (purges, undone imports, and the links of a
deleted entry with it); tags and members renamed (recorded under "0000-00-00", before every day).

The stamp is `revision.value`, which every write transaction bumps (revision.bump_revision), so two
writes never share it; a row is rewritten only when its stamp changes, so a transaction touching
one day many times writes it once. Tag and feeling links have triggers for UPDATE only: the app
adds or removes links only with their entry's INSERT, UPDATE (version) or DELETE, and a trigger
per link would add seconds to an import of 100,000 entries (tests/storage/test_day_changes.py
checks every kind of write through the services).

SQLite only (like the FTS triggers of 0001); elsewhere the fingerprint is the global revision.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

EVER = "'0000-00-00'"


def _mark(day_sql: str, where: str = "WHERE true", source: str = "") -> str:
    """Stamp the day ``day_sql`` (an expression) with the current revision. ("WHERE true" keeps
    SQLite from reading ON CONFLICT as a join constraint.)"""
    return (
        "INSERT INTO day_changes (local_date, revision) "
        f"SELECT {day_sql}, (SELECT value FROM revision WHERE id = 1) {source} {where} "
        "ON CONFLICT (local_date) DO UPDATE SET revision = excluded.revision "
        "WHERE day_changes.revision IS NOT excluded.revision;"
    )


def _link_mark(ref: str) -> str:
    """A tag or feeling link changed: its entry's day."""
    return _mark("e.local_date", f"WHERE e.id = {ref}.entry_id", "FROM entries AS e")


TRIGGERS = {
    "day_changes_entries_ai": f"AFTER INSERT ON entries BEGIN {_mark('new.local_date')} END",
    "day_changes_entries_ad": f"AFTER DELETE ON entries BEGIN {_mark('old.local_date')} END",
    "day_changes_entries_au": (
        f"AFTER UPDATE ON entries BEGIN {_mark('old.local_date')} "
        f"{_mark('new.local_date', 'WHERE new.local_date IS NOT old.local_date')} END"
    ),
    "day_changes_tags_au": (
        f"AFTER UPDATE ON entry_tags BEGIN {_link_mark('old')} {_link_mark('new')} END"
    ),
    "day_changes_feelings_au": (
        f"AFTER UPDATE ON entry_feelings BEGIN {_link_mark('old')} {_link_mark('new')} END"
    ),
    # Names reach the aggregates (tag words, member names); a tag or member with links or
    # entries cannot be deleted (RESTRICT), so a rename is the only change that matters.
    "day_changes_tag_names_au": f"AFTER UPDATE OF name ON tags BEGIN {_mark(EVER)} END",
    "day_changes_members_au": f"AFTER UPDATE OF name ON members BEGIN {_mark(EVER)} END",
}


def upgrade() -> None:
    op.create_table(
        "day_changes",
        sa.Column("local_date", sa.String(length=10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("local_date", name=op.f("pk_day_changes")),
    )
    with op.batch_alter_table("day_changes", schema=None) as batch_op:
        batch_op.create_index("ix_day_changes_revision", ["revision"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for name, body in TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("day_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_day_changes_revision")
    op.drop_table("day_changes")
