"""uids taken and link checks: an import sees the journal's uids; a link's check reads one entry

PostgreSQL only (a no-op on SQLite, where the app reads every uid of its file).

**Uids taken.** An import gives each entry the uid its file carries unless the journal holds it
already, in which case the entry gets one of its own. The journal's uids are unique per journal
(0017), but under row-level security the app's role sees only its member's own and the shared
entries: an export of someone else's private entries, imported by another member of their
journal, met their hidden uids at the insert (UniqueViolation) instead of taking new ones (on
SQLite, where the app reads the whole file, it always did). `attune_uids_taken(uids)` answers
which of the given uids the transaction's journal holds — never a row, only which of the
caller's own strings are taken — and `attune_journal_has_entries()` whether it holds any entry
at all (an import into a new journal then looks nothing up). Both are SECURITY DEFINER functions
owned by `attune_census` (0015), whose policy on entries is the journal's rows; each uid is
looked up on its own down the journal's unique uid index (a LATERAL join, as
`storage.import_repo` does: right after a large import the planner has no statistics).

**Link checks.** A tag or feeling link may be added, changed or removed only for one's own entry:
the policies' check was `EXISTS (SELECT 1 FROM entries e WHERE e.id = entry_id AND
e.member_id = attune_member())`. For a member the statistics do not know yet (a new member's
first import, on a small server), the planner estimated one row for `member_id = …` and read the
member index instead of the primary key, so every link row scanned all of that member's
entries: an import of 100,000 entries ran for hours. The member is now compared as
`member_id + 0`, which no index answers: the check reads the one entry by its id.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

APP_ROLE = "attune_app"
CENSUS_ROLE = "attune_census"
JOURNAL = "journal_id = attune_journal()"
LINK_TABLES = ("entry_tags", "entry_feelings")
TAKEN = "attune_uids_taken(text[])"
HAS_ENTRIES = "attune_journal_has_entries()"

FUNCTIONS = (
    f"""CREATE FUNCTION {TAKEN.replace("text[]", "uids text[]")} RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT w.uid FROM unnest(uids) AS w(uid)
      CROSS JOIN LATERAL (
          SELECT 1 FROM entries AS e
          WHERE e.journal_id = attune_journal() AND e.uid = w.uid LIMIT 1) AS hit
    $$""",
    f"""CREATE FUNCTION {HAS_ENTRIES} RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM entries AS e WHERE e.journal_id = attune_journal())
    $$""",
)


def _own_entry(member: str) -> str:
    return (
        f"{JOURNAL} AND EXISTS (SELECT 1 FROM entries AS e WHERE e.id = entry_id "
        f"AND {member} = attune_member())"
    )


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _link_policies(member: str) -> None:
    own = _own_entry(member)
    for table in LINK_TABLES:
        for name in ("add", "change", "remove"):
            op.execute(f"DROP POLICY IF EXISTS {table}_{name} ON {table}")
        op.execute(
            f"CREATE POLICY {table}_add ON {table} FOR INSERT TO {APP_ROLE} WITH CHECK ({own})"
        )
        op.execute(
            f"CREATE POLICY {table}_change ON {table} FOR UPDATE TO {APP_ROLE} "
            f"USING ({own}) WITH CHECK ({own})"
        )
        op.execute(
            f"CREATE POLICY {table}_remove ON {table} FOR DELETE TO {APP_ROLE} USING ({own})"
        )


def upgrade() -> None:
    if not _postgresql():
        return
    for sql in FUNCTIONS:
        op.execute(sql)
    # A function's new owner must be able to create in its schema: for the hand-over only.
    op.execute(f"GRANT CREATE ON SCHEMA public TO {CENSUS_ROLE}")
    for function in (TAKEN, HAS_ENTRIES):
        op.execute(f"ALTER FUNCTION {function} OWNER TO {CENSUS_ROLE}")
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {APP_ROLE}")
    op.execute(f"REVOKE CREATE ON SCHEMA public FROM {CENSUS_ROLE}")
    _link_policies("e.member_id + 0")


def downgrade() -> None:
    if not _postgresql():
        return
    _link_policies("e.member_id")
    for function in (TAKEN, HAS_ENTRIES):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
