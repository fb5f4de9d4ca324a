"""practice sessions: runs of a regulation practice with before/after intensity

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import attune.storage.models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.String(length=64), nullable=False),
        sa.Column("started_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("before", sa.Integer(), nullable=True),
        sa.Column("after", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_practice_sessions_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_sessions")),
        sa.UniqueConstraint("uid", name=op.f("uq_practice_sessions_uid")),
    )
    with op.batch_alter_table("practice_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_practice_sessions_member_started", ["member_id", "started_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("practice_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_practice_sessions_member_started")
    op.drop_table("practice_sessions")
