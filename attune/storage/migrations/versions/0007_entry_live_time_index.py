"""entry live-time index: every live entry newest first, for the walk of a common word's search

A search for a word most entries hold walks the visible entries newest first and keeps the hits,
stopping when the page is full (attune.storage.repo._matching_ids). The index on
(deleted_at, occurred_at) lets that walk run in one pass over both arms of the visibility rule.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_entries_deleted_occurred", ["deleted_at", "occurred_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index("ix_entries_deleted_occurred")
