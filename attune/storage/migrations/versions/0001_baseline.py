"""baseline: members, entries, tags, feelings, drafts, FTS5

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import attune.storage.models

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Full-text search over entry text. An external-content FTS5 table: the text lives only in
# `entries`; the index holds tokens, kept in sync by triggers.
FTS_UP = (
    "CREATE VIRTUAL TABLE entry_fts USING fts5("
    "body, content='entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER entries_fts_ai AFTER INSERT ON entries BEGIN "
    "INSERT INTO entry_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER entries_fts_ad AFTER DELETE ON entries BEGIN "
    "INSERT INTO entry_fts(entry_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER entries_fts_au AFTER UPDATE OF body ON entries BEGIN "
    "INSERT INTO entry_fts(entry_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO entry_fts(rowid, body) VALUES (new.id, new.body); END",
)
FTS_DOWN = (
    "DROP TRIGGER IF EXISTS entries_fts_au",
    "DROP TRIGGER IF EXISTS entries_fts_ad",
    "DROP TRIGGER IF EXISTS entries_fts_ai",
    "DROP TABLE IF EXISTS entry_fts",
)


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("name_key", sa.String(length=80), nullable=False),
        sa.Column("colour", sa.String(length=9), nullable=False),
        sa.Column("created_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("name_key", name=op.f("uq_members_name_key")),
    )
    op.create_table(
        "preferences",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_preferences")),
    )
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("name_key", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name_key", name=op.f("uq_tags_name_key")),
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_drafts_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("member_id", "slot", name=op.f("uq_drafts_member_id")),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.String(length=10), nullable=False),
        sa.Column("valence", sa.Integer(), nullable=False),
        sa.Column("energy", sa.Integer(), nullable=False),
        sa.Column("connection", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("prompt_id", sa.String(length=64), nullable=True),
        sa.Column("reading_id", sa.String(length=64), nullable=True),
        sa.Column("visibility", sa.String(length=10), nullable=False),
        sa.Column("share_with_therapist", sa.Boolean(), nullable=False),
        sa.Column("created_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("updated_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", attune.storage.models.UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_entries_member_id_members"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
        sa.UniqueConstraint("uid", name=op.f("uq_entries_uid")),
    )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index("ix_entries_local_date", ["local_date"], unique=False)
        batch_op.create_index(
            "ix_entries_member_deleted_occurred",
            ["member_id", "deleted_at", "occurred_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_entries_visibility_deleted_occurred",
            ["visibility", "deleted_at", "occurred_at"],
            unique=False,
        )

    op.create_table(
        "entry_feelings",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_feelings_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "word", name=op.f("pk_entry_feelings")),
    )
    with op.batch_alter_table("entry_feelings", schema=None) as batch_op:
        batch_op.create_index("ix_entry_feelings_word", ["word"], unique=False)

    op.create_table(
        "entry_tags",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_tags_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_entry_tags_tag_id_tags"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("entry_id", "tag_id", name=op.f("pk_entry_tags")),
    )
    with op.batch_alter_table("entry_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_tags_tag_id"), ["tag_id"], unique=False)

    op.execute("INSERT INTO revision (id, value) VALUES (1, 0)")
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_DOWN:
            op.execute(statement)
    with op.batch_alter_table("entry_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_tags_tag_id"))

    op.drop_table("entry_tags")
    with op.batch_alter_table("entry_feelings", schema=None) as batch_op:
        batch_op.drop_index("ix_entry_feelings_word")

    op.drop_table("entry_feelings")
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index("ix_entries_visibility_deleted_occurred")
        batch_op.drop_index("ix_entries_member_deleted_occurred")
        batch_op.drop_index("ix_entries_local_date")

    op.drop_table("entries")
    op.drop_table("drafts")
    op.drop_table("tags")
    op.drop_table("revision")
    op.drop_table("preferences")
    op.drop_table("members")
