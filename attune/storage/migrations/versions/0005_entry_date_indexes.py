"""entry date indexes: each arm of the visibility rule with a local-date range

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_entries_member_deleted_local_date",
            ["member_id", "deleted_at", "local_date"],
            unique=False,
        )
        batch_op.create_index(
            "ix_entries_visibility_deleted_local_date",
            ["visibility", "deleted_at", "local_date"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index("ix_entries_visibility_deleted_local_date")
        batch_op.drop_index("ix_entries_member_deleted_local_date")
