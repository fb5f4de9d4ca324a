"""member archived_at: a member who stepped away from the journal

A member can be archived (Settings › People): they are no longer listed, asked or chosen, and
bringing them back clears the stamp. Their rows stay (what happened to their private and shared
entries was their choice, made by attune.services.people before the stamp was set).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import attune.storage.models

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("archived_at", attune.storage.models.UTCDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("archived_at")
