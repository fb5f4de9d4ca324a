"""together: member passphrases, shared conversations, assessments, appreciations

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import attune.storage.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC = attune.storage.models.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pass_hash", sa.String(length=200), nullable=True))
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("prompt_id", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("opened_at", UTC(), nullable=False),
        sa.Column("closed_at", UTC(), nullable=True),
        sa.ForeignKeyConstraint(
            ["opened_by"],
            ["members.id"],
            name=op.f("fk_conversations_opened_by_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
        sa.UniqueConstraint("uid", name=op.f("uq_conversations_uid")),
    )
    op.create_table(
        "conversation_participants",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            ondelete="CASCADE",
            name=op.f("fk_conversation_participants_conversation_id_conversations"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            ondelete="CASCADE",
            name=op.f("fk_conversation_participants_member_id_members"),
        ),
        sa.PrimaryKeyConstraint(
            "conversation_id", "member_id", name=op.f("pk_conversation_participants")
        ),
    )
    op.create_table(
        "conversation_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("answered_at", UTC(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            ondelete="CASCADE",
            name=op.f("fk_conversation_answers_conversation_id_conversations"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            ondelete="CASCADE",
            name=op.f("fk_conversation_answers_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_answers")),
        sa.UniqueConstraint(
            "conversation_id", "member_id", name=op.f("uq_conversation_answers_conversation_id")
        ),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("taken_at", UTC(), nullable=False),
        sa.Column("answers", sa.String(length=200), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("visibility", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            ondelete="CASCADE",
            name=op.f("fk_assessments_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("uid", name=op.f("uq_assessments_uid")),
    )
    op.create_index("ix_assessments_member_taken", "assessments", ["member_id", "taken_at"])
    op.create_table(
        "appreciations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC(), nullable=False),
        sa.Column("appreciation", sa.Text(), nullable=False),
        sa.Column("talk_about", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            ondelete="CASCADE",
            name=op.f("fk_appreciations_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appreciations")),
        sa.UniqueConstraint("uid", name=op.f("uq_appreciations_uid")),
    )


def downgrade() -> None:
    op.drop_table("appreciations")
    op.drop_index("ix_assessments_member_taken", table_name="assessments")
    op.drop_table("assessments")
    op.drop_table("conversation_answers")
    op.drop_table("conversation_participants")
    op.drop_table("conversations")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("pass_hash")
