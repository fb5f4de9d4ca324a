"""row-level security: the database's own wall between journals and between members

PostgreSQL only (a no-op on SQLite, a file that is one journal on one computer).

The app connects as a role that owns nothing — a member of the NOLOGIN group role `attune_app`,
made here when missing — and the tables belong to the role that runs migrations. Every table of
user data gets `ENABLE` and `FORCE ROW LEVEL SECURITY` (FORCE: the rule holds for the tables'
owner too; only a superuser or a BYPASSRLS role passes it) and policies that read the
transaction's settings, set by storage.visibility with `set_config(…, true)` (SET LOCAL):

- `attune_journal()` / `attune_member()`: `nullif(current_setting(…, true), '')::integer`, so
  a setting that is unset, or empty on a pooled connection after an earlier transaction, is
  NULL — which equals nothing: such a connection sees no rows instead of failing on a cast.
- journal tables (members, tags, preferences, revision, conversations and their participants
  and answers — whose reveal rule is the app's: attune.domain.together): the journal's rows.
- entries, assessments, appreciations: read — the member's own rows and the journal's shared
  ones (domain.visibility.can_see); write — the member's own only.
- drafts, practice sessions, import batches: the member's own only.
- an entry's tags and feelings: those of entries the member may read (written: of their own).
- journals: the journal itself, read only.
- day_changes and bulk_load (SQLite's trigger machinery; empty here): no policy, so nothing.

One question needs more than one member's rows: `attune_holds_other_than(format)` (does the
journal hold anything but sample data? — storage.import_repo), a SECURITY DEFINER function that
answers yes or no for the transaction's journal, never a row. It belongs to the NOLOGIN role
`attune_census`, whose only policies read the journal's entries, members and import batches.

The tables' owner has no policy of its own but two: it may add a journal and its revision row
(`attune journals add`; storage.journals). Anything else it would see is nothing (FORCE): a
migration that rewrites data needs a superuser or a BYPASSRLS role (docs/hosting.md).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

APP_ROLE = "attune_app"
CENSUS_ROLE = "attune_census"
JOURNAL = "journal_id = attune_journal()"
OWN = f"{JOURNAL} AND member_id = attune_member()"
OWN_OR_SHARED = f"{JOURNAL} AND (member_id = attune_member() OR visibility = 'shared')"
READABLE_ENTRY = "EXISTS (SELECT 1 FROM entries AS e WHERE e.id = entry_id)"
OWN_ENTRY = (
    "EXISTS (SELECT 1 FROM entries AS e WHERE e.id = entry_id AND e.member_id = attune_member())"
)

JOURNAL_TABLES = (
    "members",
    "tags",
    "preferences",
    "revision",
    "conversations",
    "conversation_participants",
    "conversation_answers",
)
SHARED_TABLES = ("entries", "assessments", "appreciations")
OWN_TABLES = ("drafts", "practice_sessions", "import_batches")
LINK_TABLES = ("entry_tags", "entry_feelings")
NO_POLICY = ("day_changes", "bulk_load")
ALL_TABLES = ("journals", *JOURNAL_TABLES, *SHARED_TABLES, *OWN_TABLES, *LINK_TABLES, *NO_POLICY)

FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION attune_journal() RETURNS integer LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('attune.journal_id', true), '')::integer $$""",
    """CREATE OR REPLACE FUNCTION attune_member() RETURNS integer LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('attune.member_id', true), '')::integer $$""",
    # storage.import_repo.holds_other_than, for the transaction's journal only
    """CREATE OR REPLACE FUNCTION attune_holds_other_than(fmt text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (
          SELECT 1 FROM entries AS e
          WHERE e.journal_id = attune_journal()
            AND (e.import_batch_id IS NULL OR e.import_batch_id IN (
                 SELECT b.id FROM import_batches AS b
                 WHERE b.journal_id = attune_journal() AND b.format <> fmt)))
      OR EXISTS (
          SELECT 1 FROM members AS m
          WHERE m.journal_id = attune_journal()
            AND m.id NOT IN (SELECT b.member_id FROM import_batches AS b
                             WHERE b.journal_id = attune_journal() AND b.format = fmt))
    $$""",
)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _policy(table: str, name: str, command: str, using: str | None, check: str | None) -> None:
    sql = f"CREATE POLICY {name} ON {table} FOR {command} TO {APP_ROLE}"
    if using is not None:
        sql += f" USING ({using})"
    if check is not None:
        sql += f" WITH CHECK ({check})"
    op.execute(sql)


def upgrade() -> None:
    if not _postgresql():
        return
    for role in (APP_ROLE, CENSUS_ROLE):
        op.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') "
            f"THEN CREATE ROLE {role} NOLOGIN; END IF; END $$"
        )
    for sql in FUNCTIONS:
        op.execute(sql)
    census = "attune_holds_other_than(text)"
    op.execute(f"GRANT USAGE ON SCHEMA public TO {CENSUS_ROLE}")
    op.execute(f"GRANT SELECT ON entries, members, import_batches TO {CENSUS_ROLE}")
    # A function's new owner must be able to create in its schema: for the hand-over only.
    op.execute(f"GRANT CREATE ON SCHEMA public TO {CENSUS_ROLE}")
    op.execute(f"ALTER FUNCTION {census} OWNER TO {CENSUS_ROLE}")
    op.execute(f"REVOKE CREATE ON SCHEMA public FROM {CENSUS_ROLE}")
    op.execute(f"REVOKE ALL ON FUNCTION {census} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {census} TO {APP_ROLE}")

    op.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
    tables = ", ".join(t for t in ALL_TABLES if t != "journals")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {APP_ROLE}")
    op.execute(f"GRANT SELECT ON journals, alembic_version TO {APP_ROLE}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")

    for table in ALL_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    _policy("journals", "journal_itself", "SELECT", "id = attune_journal()", None)
    for table in ("journals", "revision"):  # the owner adds journals (and sees nothing)
        op.execute(
            f"CREATE POLICY {table}_added_by_owner ON {table} FOR INSERT TO CURRENT_USER "
            "WITH CHECK (true)"
        )
    for table in ("entries", "members", "import_batches"):
        op.execute(
            f"CREATE POLICY {table}_census ON {table} FOR SELECT TO {CENSUS_ROLE} USING ({JOURNAL})"
        )
    for table in JOURNAL_TABLES:
        _policy(table, f"{table}_of_journal", "ALL", JOURNAL, JOURNAL)
    for table in SHARED_TABLES:
        _policy(table, f"{table}_read", "SELECT", OWN_OR_SHARED, None)
        _policy(table, f"{table}_add", "INSERT", None, OWN)
        _policy(table, f"{table}_change", "UPDATE", OWN, OWN)
        _policy(table, f"{table}_remove", "DELETE", OWN, None)
    for table in OWN_TABLES:
        _policy(table, f"{table}_own", "ALL", OWN, OWN)
    for table in LINK_TABLES:
        _policy(table, f"{table}_read", "SELECT", f"{JOURNAL} AND {READABLE_ENTRY}", None)
        _policy(table, f"{table}_add", "INSERT", None, f"{JOURNAL} AND {OWN_ENTRY}")
        _policy(
            table,
            f"{table}_change",
            "UPDATE",
            f"{JOURNAL} AND {OWN_ENTRY}",
            f"{JOURNAL} AND {OWN_ENTRY}",
        )
        _policy(table, f"{table}_remove", "DELETE", f"{JOURNAL} AND {OWN_ENTRY}", None)


def downgrade() -> None:
    if not _postgresql():
        return
    for table in ALL_TABLES:
        rows = op.get_bind().exec_driver_sql(
            "SELECT policyname FROM pg_policies WHERE tablename = %(t)s", {"t": table}
        )
        for (name,) in rows.all():
            op.execute(f"DROP POLICY {name} ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP FUNCTION IF EXISTS attune_holds_other_than(text)")
    op.execute("DROP FUNCTION IF EXISTS attune_member()")
    op.execute("DROP FUNCTION IF EXISTS attune_journal()")
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {APP_ROLE}")
    op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {APP_ROLE}")
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {CENSUS_ROLE}")
