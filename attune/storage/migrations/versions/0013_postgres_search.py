"""postgres search: a stored tsvector of each entry's body and its GIN index (PostgreSQL only)

On PostgreSQL, search matches `entries.body_tsv @@ <tsquery>` (attune.storage.search): the column
is generated from the body with the 'simple' configuration (no stemming, no stop words — the
words as written, lower-cased, like SQLite's FTS5 unicode61 tokenizer), so it can never disagree
with the body, and the GIN index finds the matching rows without reading the others. A sealed
entry's body is empty, so its vector is empty too; sealed entries are searched in Python.

On SQLite this is a no-op: the FTS5 table entry_fts (0001, 0003, 0009) does the same job. The
column is not in the SQLAlchemy models; attune.storage.migrate.include_object leaves it out of
autogenerate's comparison.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

COLUMN = "body_tsv"
INDEX = "ix_entries_body_tsv"


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _postgresql():
        return
    op.execute(
        f"ALTER TABLE entries ADD COLUMN {COLUMN} tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(body, ''))) STORED"
    )
    op.execute(f"CREATE INDEX {INDEX} ON entries USING gin ({COLUMN})")


def downgrade() -> None:
    if not _postgresql():
        return
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    op.execute(f"ALTER TABLE entries DROP COLUMN IF EXISTS {COLUMN}")
