"""journals: tenancy — every row of user data belongs to one journal

A journal is a household (one person, a couple, a polycule, a family): the unit of isolation.
This adds the `journals` table (journal 1 holds whatever the database held before) and a
`journal_id` column on every table of user data. Names are unique per journal (members, tags),
preferences are a journal's, and each journal has its own revision row.

The column's default is where a row's journal comes from when a statement does not say:
- SQLite: 1. A SQLite file is one journal (a single computer); no foreign key is added there,
  so no large table is rebuilt. Members, tags, preferences and revision are small: they are
  rebuilt for their new keys, and the triggers on members and tags (0008) are made again.
- PostgreSQL: the transaction's `attune.journal_id` setting (set with SET LOCAL by
  storage.engine.Sessions; `nullif(…, '')` so an empty setting of a pooled connection is NULL,
  which the NOT NULL column refuses, never journal 0), with a foreign key to journals, and
  indexes that lead with the journal (models describe the SQLite ones; include_object leaves
  these out of the comparison). Row-level security is 0015.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import attune.storage.models

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TENANTED = (
    "members",
    "entries",
    "tags",
    "entry_tags",
    "entry_feelings",
    "drafts",
    "preferences",
    "revision",
    "practice_sessions",
    "conversations",
    "conversation_participants",
    "conversation_answers",
    "assessments",
    "appreciations",
    "import_batches",
)
CURRENT_JOURNAL = "nullif(current_setting('attune.journal_id', true), '')::integer"
# PostgreSQL only: the journal first, so one journal's rows are found among a thousand's.
PG_INDEXES = {
    "ixpg_entries_journal_visibility_deleted_occurred": (
        "entries (journal_id, visibility, deleted_at, occurred_at)"
    ),
    "ixpg_entries_journal_visibility_deleted_local_date": (
        "entries (journal_id, visibility, deleted_at, local_date)"
    ),
    "ixpg_entries_journal_live_occurred": (
        "entries (journal_id, occurred_at) WHERE deleted_at IS NULL"
    ),
    "ixpg_conversations_journal": "conversations (journal_id, opened_at)",
    "ixpg_assessments_journal_visibility": "assessments (journal_id, visibility, taken_at)",
    "ixpg_appreciations_journal_visibility": "appreciations (journal_id, visibility, created_at)",
    "ixpg_tags_journal": "tags (journal_id)",
}


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _triggers_on(table: str) -> list[str]:
    rows = op.get_bind().exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
    )
    return [r[0] for r in rows if r[0]]


def upgrade() -> None:
    sqlite = _sqlite()
    journals = op.create_table(
        "journals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("created_at", attune.storage.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journals")),
    )
    op.bulk_insert(journals, [{"id": 1, "name": "", "created_at": attune.storage.models.utcnow()}])
    if not sqlite:  # rows were written with their ids: the sequences go on after them
        op.execute("SELECT setval(pg_get_serial_sequence('journals', 'id'), 1)")
        op.execute(
            "SELECT setval(pg_get_serial_sequence('revision', 'id'), "
            "(SELECT coalesce(max(id), 1) FROM revision))"
        )

    for table in TENANTED:
        op.add_column(
            table, sa.Column("journal_id", sa.Integer(), nullable=False, server_default="1")
        )

    # New keys: names per journal, preferences per journal, a revision row per journal.
    rebuilt = ("members", "tags", "preferences")
    saved = {t: _triggers_on(t) for t in rebuilt} if sqlite else {}
    with op.batch_alter_table("members") as batch:
        batch.drop_constraint("uq_members_name_key", type_="unique")
        batch.create_unique_constraint(op.f("uq_members_journal_id"), ["journal_id", "name_key"])
    with op.batch_alter_table("tags") as batch:
        batch.drop_constraint("uq_tags_name_key", type_="unique")
        batch.create_unique_constraint(op.f("uq_tags_journal_id"), ["journal_id", "name_key"])
    with op.batch_alter_table("preferences") as batch:
        batch.drop_constraint("pk_preferences", type_="primary")
        batch.create_primary_key("pk_preferences", ["journal_id", "key"])
    # An index, not a constraint: rebuilding `revision` would trip SQLite over the triggers that
    # read it (0008).
    op.create_index("ix_revision_journal_id", "revision", ["journal_id"], unique=True)
    for statements in saved.values():
        for sql in statements:
            op.execute(sql)  # a rebuilt table loses its triggers: make them again, as they were

    if sqlite:
        return
    for table in TENANTED:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN journal_id SET DEFAULT {CURRENT_JOURNAL}")
        op.create_foreign_key(
            f"fk_{table}_journal_id_journals", table, "journals", ["journal_id"], ["id"]
        )
    for name, target in PG_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {target}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.exec_driver_sql("SELECT count(*) FROM journals").scalar_one() > 1:
        raise RuntimeError("more than one journal: a downgrade would mix them")
    sqlite = _sqlite()
    if not sqlite:
        for name in PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        for table in TENANTED:
            op.drop_constraint(f"fk_{table}_journal_id_journals", table, type_="foreignkey")
    rebuilt = ("members", "tags", "preferences")
    saved = {t: _triggers_on(t) for t in rebuilt} if sqlite else {}
    op.drop_index("ix_revision_journal_id", "revision")
    with op.batch_alter_table("preferences") as batch:
        batch.drop_constraint("pk_preferences", type_="primary")
        batch.create_primary_key("pk_preferences", ["key"])
    with op.batch_alter_table("tags") as batch:
        batch.drop_constraint("uq_tags_journal_id", type_="unique")
        batch.create_unique_constraint("uq_tags_name_key", ["name_key"])
    with op.batch_alter_table("members") as batch:
        batch.drop_constraint("uq_members_journal_id", type_="unique")
        batch.create_unique_constraint("uq_members_name_key", ["name_key"])
    for statements in saved.values():
        for sql in statements:
            op.execute(sql)
    for table in TENANTED:  # SQLite drops a plain column in place (no rebuild, triggers kept)
        op.execute(f"ALTER TABLE {table} DROP COLUMN journal_id")
    op.drop_table("journals")
