"""postgres days and search: the history fingerprint and a full-text search that reads its index

PostgreSQL only (a no-op on SQLite, which has 0008's day_changes triggers and its FTS5 table).

**Days.** `journal_days` is 0008's `day_changes` per journal: for each (journal, local day), the
journal's revision at which an entry of that day last changed. Statement-level triggers keep it
(one `INSERT … SELECT DISTINCT` per statement from its transition tables, so a bulk insert of
5,000 entries stamps its days once, not per row): entries inserted, updated (old and new days)
or deleted; tag and feeling links updated (their entries' days); tags and members renamed (the
day "0000-00-00", before every day). The triggers run as the writer, under row-level security
(the table's policy: the journal's own rows), and lock the journal's revision row first, so a
trigger's day locks are always taken after it (no deadlock with a transaction that bumped the
revision before writing). `storage.revision.history_revision` reads the largest stamp before a
day: Trends, Together and Today keep their aggregates of older days across writes to recent
days, as on SQLite (before, every write recomputed them: 1–3 s at 100,000 entries).

**Search.** Under row-level security the planner may not use `body_tsv @@ tsquery` as an index
condition: `@@` (ts_match_vq) is not LEAKPROOF, so it must run after the policies' checks, and
the app's role read every entry of the journal to find a rare word (0.4 s at 100,000). Instead
of marking a built-in LEAKPROOF (a superuser's change to the catalog), `attune_text_hits(q, cap)`
answers it: a SECURITY DEFINER function owned by the NOLOGIN role `attune_search`, which may read
only the columns it needs of `entries` (id, journal_id, member_id, visibility, deleted_at,
body_tsv) and whose
only policy on it is `USING (true)` (so no security qual stands before `@@`). The function
applies the app's rule itself — the transaction's journal (`attune_journal()`) and the entries
its member may read (their own and the shared ones), in the trash or out of it as asked — and
returns at most `cap` ids, through the
GIN index, which is now on (journal_id::bigint, body_tsv) (btree_gin), so a common word of one journal
reads that journal's postings only. The app then reads those ids through its own visibility
rule and row-level security as before (attune.storage.search): the function can widen nothing.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

APP_ROLE = "attune_app"
SEARCH_ROLE = "attune_search"
EVER = "'0000-00-00'"
HITS = "attune_text_hits(tsquery, integer, boolean)"
SEARCHED_COLUMNS = "id, journal_id, member_id, visibility, deleted_at, body_tsv"


def _stamp(days: str) -> str:
    """Stamp the (journal_id, local_date) rows of the query `days` with their journal's revision,
    after locking the journals' revision rows (in journal order)."""
    return f"""
      PERFORM 1 FROM revision AS r WHERE r.journal_id IN (SELECT d.journal_id FROM ({days}) AS d)
          ORDER BY r.journal_id FOR UPDATE;
      INSERT INTO journal_days (journal_id, local_date, revision)
      SELECT d.journal_id, d.local_date, r.value
      FROM (SELECT DISTINCT x.journal_id, x.local_date FROM ({days}) AS x) AS d
      JOIN revision AS r ON r.journal_id = d.journal_id
      ORDER BY d.journal_id, d.local_date
      ON CONFLICT (journal_id, local_date) DO UPDATE SET revision = excluded.revision
      WHERE journal_days.revision IS DISTINCT FROM excluded.revision;"""


def _function(name: str, days: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path = public, pg_temp AS $$ BEGIN {_stamp(days)} RETURN NULL; END $$"
    )


LINKED_DAYS = (
    "SELECT e.journal_id, e.local_date FROM entries AS e WHERE e.id IN "
    "(SELECT entry_id FROM old_rows UNION SELECT entry_id FROM new_rows)"
)
FUNCTIONS = {
    "attune_days_new": _function("attune_days_new", "SELECT journal_id, local_date FROM new_rows"),
    "attune_days_old": _function("attune_days_old", "SELECT journal_id, local_date FROM old_rows"),
    "attune_days_both": _function(
        "attune_days_both",
        "SELECT journal_id, local_date FROM old_rows "
        "UNION SELECT journal_id, local_date FROM new_rows",
    ),
    "attune_days_links": _function("attune_days_links", LINKED_DAYS),
    "attune_days_renamed": (
        "CREATE OR REPLACE FUNCTION attune_days_renamed() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path = public, pg_temp AS $$ BEGIN "
        f"{_stamp(f'SELECT new.journal_id, {EVER}::varchar AS local_date')} "
        "RETURN NULL; END $$"
    ),
}
# (trigger, table, when, function): the names storage.revision.PG_DAY_TRIGGERS checks for.
TRIGGERS = (
    ("journal_days_entries_ai", "entries", "AFTER INSERT", "new", "attune_days_new"),
    ("journal_days_entries_ad", "entries", "AFTER DELETE", "old", "attune_days_old"),
    ("journal_days_entries_au", "entries", "AFTER UPDATE", "both", "attune_days_both"),
    ("journal_days_tags_au", "entry_tags", "AFTER UPDATE", "both", "attune_days_links"),
    ("journal_days_feelings_au", "entry_feelings", "AFTER UPDATE", "both", "attune_days_links"),
    ("journal_days_tag_names_au", "tags", "AFTER UPDATE OF name", "row", "attune_days_renamed"),
    ("journal_days_members_au", "members", "AFTER UPDATE OF name", "row", "attune_days_renamed"),
)
REFERENCING = {
    "new": "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT",
    "old": "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT",
    "both": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT",
    "row": "FOR EACH ROW WHEN (old.name IS DISTINCT FROM new.name)",
}

HITS_FUNCTION = """CREATE OR REPLACE FUNCTION attune_text_hits(q tsquery, cap integer, trashed boolean)
RETURNS SETOF integer LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ BEGIN
  -- EXECUTE: planned for this query's words (a generic plan cannot tell a rare word's index
  -- read from a common word's, and takes a scan of the journal for both).
  RETURN QUERY EXECUTE
    'SELECT e.id FROM entries AS e
     WHERE e.journal_id::bigint = attune_journal()::bigint AND e.journal_id = attune_journal()
       AND (e.member_id = attune_member() OR e.visibility = ''shared'')
       AND (e.deleted_at IS NOT NULL) = $3
       AND e.body_tsv @@ $1
     LIMIT $2' USING q, cap, trashed;
END $$"""


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _postgresql():
        return
    op.execute(
        "CREATE TABLE journal_days ("
        "journal_id integer NOT NULL, "
        "local_date varchar(10) NOT NULL, revision integer NOT NULL, "
        "CONSTRAINT pk_journal_days PRIMARY KEY (journal_id, local_date), "
        "CONSTRAINT fk_journal_days_journal_id_journals FOREIGN KEY (journal_id) "
        "REFERENCES journals (id) ON DELETE CASCADE)"
    )
    op.execute("CREATE INDEX ix_journal_days_revision ON journal_days (journal_id, revision)")
    op.execute("ALTER TABLE journal_days ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE journal_days FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY journal_days_of_journal ON journal_days FOR ALL TO {APP_ROLE} "
        "USING (journal_id = attune_journal()) WITH CHECK (journal_id = attune_journal())"
    )
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON journal_days TO {APP_ROLE}")
    for sql in FUNCTIONS.values():
        op.execute(sql)
    for name, table, when, kind, function in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {name} {when} ON {table} {REFERENCING[kind]} "
            f"EXECUTE FUNCTION {function}()"
        )

    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SEARCH_ROLE}') "
        f"THEN CREATE ROLE {SEARCH_ROLE} NOLOGIN; END IF; END $$"
    )
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    op.execute("DROP INDEX ix_entries_body_tsv")
    # journal_id as bigint: only the function's own condition matches this index; the app's
    # `journal_id = …` reads the b-tree indexes (a GIN read of a whole journal's postings is not
    # what a count or a list wants, but the planner would take it).
    op.execute(
        "CREATE INDEX ix_entries_body_tsv ON entries USING gin ((journal_id::bigint), body_tsv)"
    )
    op.execute(f"GRANT USAGE ON SCHEMA public TO {SEARCH_ROLE}")
    op.execute(f"GRANT SELECT ({SEARCHED_COLUMNS}) ON entries TO {SEARCH_ROLE}")
    op.execute(f"CREATE POLICY entries_search ON entries FOR SELECT TO {SEARCH_ROLE} USING (true)")
    op.execute(HITS_FUNCTION)
    # A function's new owner must be able to create in its schema: for the hand-over only.
    op.execute(f"GRANT CREATE ON SCHEMA public TO {SEARCH_ROLE}")
    op.execute(f"ALTER FUNCTION {HITS} OWNER TO {SEARCH_ROLE}")
    op.execute(f"REVOKE CREATE ON SCHEMA public FROM {SEARCH_ROLE}")
    op.execute(f"REVOKE ALL ON FUNCTION {HITS} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {HITS} TO {APP_ROLE}")


def downgrade() -> None:
    if not _postgresql():
        return
    op.execute(f"DROP FUNCTION IF EXISTS {HITS}")
    op.execute("DROP POLICY IF EXISTS entries_search ON entries")
    op.execute(f"REVOKE ALL ON entries FROM {SEARCH_ROLE}")
    op.execute(f"REVOKE ALL ON SCHEMA public FROM {SEARCH_ROLE}")
    op.execute("DROP INDEX ix_entries_body_tsv")
    op.execute("CREATE INDEX ix_entries_body_tsv ON entries USING gin (body_tsv)")
    for name, table, *_ in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.execute("DROP TABLE journal_days")
