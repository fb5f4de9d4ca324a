"""entry live-time index: live entries newest first, for the walk of a common word's search

A search for a word most entries hold walks the live entries newest first and keeps the visible
hits, stopping when the page is full (attune.storage.search._matching_ids). The index is partial
(deleted_at IS NULL) on purpose: a plain (deleted_at, occurred_at) index drew SQLite's planner
away from the visibility rule's two arms on every other query and made them full scans.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

LIVE = "deleted_at IS NULL"


def upgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_entries_live_occurred",
            ["occurred_at"],
            unique=False,
            sqlite_where=sa.text(LIVE),
            postgresql_where=sa.text(LIVE),
        )


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index("ix_entries_live_occurred")
