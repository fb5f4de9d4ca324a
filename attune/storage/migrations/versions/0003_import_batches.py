"""import batches: where imported entries came from, so an import can be undone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

On SQLite, adding a foreign key rebuilds `entries` (batch "copy and move"; env.py turns foreign
keys off around it so the drop cascades nowhere). Dropping the old table drops its full-text
triggers, so `_rebuilding_entries` puts them back. The full-text index itself is untouched: the
rebuilt table keeps every id.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations

import attune.storage.models

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FK_NAME = "fk_entries_import_batch_id_import_batches"
FTS_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS entries_fts_ai AFTER INSERT ON entries BEGIN "
    "INSERT INTO entry_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS entries_fts_ad AFTER DELETE ON entries BEGIN "
    "INSERT INTO entry_fts(entry_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS entries_fts_au AFTER UPDATE OF body ON entries BEGIN "
    "INSERT INTO entry_fts(entry_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO entry_fts(rowid, body) VALUES (new.id, new.body); END",
)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


@contextmanager
def _rebuilding_entries() -> Iterator[BatchOperations]:
    """`op.batch_alter_table("entries")`, then the full-text triggers the rebuild dropped."""
    with op.batch_alter_table("entries", schema=None) as batch_op:
        yield batch_op
    if _sqlite():
        for statement in FTS_TRIGGERS:
            op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("undone_at", attune.storage.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_import_batches_member_id_members"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
        sa.UniqueConstraint("uid", name=op.f("uq_import_batches_uid")),
    )
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.create_index(
            "ix_import_batches_member_created", ["member_id", "created_at"], unique=False
        )
    with _rebuilding_entries() as batch_op:
        batch_op.add_column(sa.Column("import_batch_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            FK_NAME, "import_batches", ["import_batch_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index("ix_entries_import_batch_id", ["import_batch_id"], unique=False)


def downgrade() -> None:
    with _rebuilding_entries() as batch_op:
        batch_op.drop_index("ix_entries_import_batch_id")
        batch_op.drop_constraint(FK_NAME, type_="foreignkey")
        batch_op.drop_column("import_batch_id")
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index("ix_import_batches_member_created")
    op.drop_table("import_batches")
