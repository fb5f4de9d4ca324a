"""journal words index: a search reads one journal's postings, not every journal's

PostgreSQL only (a no-op on SQLite, whose FTS5 table is one journal's).

0020's GIN index was on (journal_id::bigint, body_tsv) (btree_gin). A GIN index holds each
column's keys apart: the journal was one key whose posting list held every entry of that journal,
and a word one key holding every journal's entries with it. `attune_text_hits` intersected the
two — at 1,000,000 entries in 1,000 journals, 15-23 ms for a common word of a journal of
100,000, and a prefix ("walk*") read every journal's postings of every word it starts (11 ms
in the index alone). Its query also said `journal_id = attune_journal()` beside the bigint
form, which added a BitmapAnd with the journal's b-tree (~4 ms) and made the planner count the
journal's selectivity twice.

Now the index is on `attune_journal_words(journal_id, body_tsv)`: the same search vector with
every word written as "<journal>.<word>" (positions kept, so phrases are matched as before). A
word of one journal is one key, its posting list that journal's entries only; a prefix is a range
of that journal's keys. `attune_journal_query(journal, q)` writes a query's words the same way,
so `attune_journal_words(j, v) @@ attune_journal_query(j, q)` is exactly `v @@ q` for an entry
of journal j. Both are IMMUTABLE SQL functions of their arguments (no table is read). Building a
vector costs ~8 microseconds an entry (0.8 s per 100,000 on insert).

`attune_text_hits` (still owned by `attune_search`, still applying the app's rule itself) reads
the new index; a query with nothing an index can look up (only negations: "-day") reads the
journal's entries down its b-tree instead, as 0020's index read the journal's posting list. The
rule's conditions filter the index's rows as they come (a subquery the planner keeps apart), so
no b-tree joins the bitmap (it had joined the member's and the shared entries' b-trees).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

SEARCH_ROLE = "attune_search"
HITS = "attune_text_hits(tsquery, integer, boolean)"
WORDS = "attune_journal_words(integer, tsvector)"
QUERY = "attune_journal_query(integer, tsquery)"
# A lexeme is at most 2,047 bytes; one too long once keyed is left out of the keyed vector (the
# parser drops words past 2,047 bytes anyway) rather than failing the insert.
WORDS_FUNCTION = r"""CREATE FUNCTION attune_journal_words(journal integer, words tsvector)
RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(
      '''' || replace(replace(journal::text || '.' || u.lexeme, '\', '\\'), '''', '''''')
      || '''' || coalesce(':' || array_to_string(u.positions, ','), ''), ' '), '')::tsvector
  FROM unnest(words) AS u
  WHERE octet_length(u.lexeme) + octet_length(journal::text) < 2047
$$"""
QUERY_FUNCTION = r"""CREATE FUNCTION attune_journal_query(journal integer, q tsquery)
RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_replace(q::text, '''((?:[^'']|'''')*)''', '''' || journal::text || '.\1''',
                        'g')::tsquery
$$"""
HITS_FUNCTION = """CREATE OR REPLACE FUNCTION attune_text_hits(q tsquery, cap integer, trashed boolean)
RETURNS SETOF integer LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp SET enable_seqscan = off
AS $$ DECLARE
  journal integer := attune_journal();
  rule constant text := 'e.journal_id = $4
       AND (e.member_id = attune_member() OR e.visibility = ''shared'')
       AND (e.deleted_at IS NOT NULL) = $3 AND e.body_tsv @@ $1';
BEGIN
  IF journal IS NULL THEN
    RETURN;
  END IF;
  -- EXECUTE: planned for this query's words and journal.
  IF querytree(q) = 'T' OR EXISTS (SELECT 1 FROM regexp_matches(q::text,
       '''((?:[^'']|'''')*)''', 'g') AS m WHERE octet_length(m[1]) > 2000) THEN
    -- nothing to look up (only negations), or a word too long to key: the journal's entries
    RETURN QUERY EXECUTE 'SELECT e.id FROM entries AS e WHERE ' || rule || ' LIMIT $2'
      USING q, cap, trashed, journal;
    RETURN;
  END IF;
  -- The keyed match alone reads the index (OFFSET 0 keeps the rule out of the scan, which the
  -- planner would otherwise join with the member and visibility b-trees: ~20 ms for a common
  -- word); the rule filters its rows as they come, until the cap.
  RETURN QUERY EXECUTE
    'SELECT e.id FROM (SELECT id, journal_id, member_id, visibility, deleted_at, body_tsv
       FROM entries WHERE attune_journal_words(journal_id, body_tsv) @@ $5 OFFSET 0) AS e
     WHERE ' || rule || ' LIMIT $2'
    USING q, cap, trashed, journal, attune_journal_query(journal, q);
END $$"""
# 0020's, for the downgrade
OLD_HITS_FUNCTION = """CREATE OR REPLACE FUNCTION attune_text_hits(q tsquery, cap integer, trashed boolean)
RETURNS SETOF integer LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ BEGIN
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


def _as_search_role(sql: str) -> None:
    """Replace `attune_search`'s function as that role (the owner is granted it NOINHERIT, so
    only SET ROLE makes it the function's owner); it may create in the schema for this only."""
    op.execute(f"GRANT CREATE ON SCHEMA public TO {SEARCH_ROLE}")
    op.execute(f"SET LOCAL ROLE {SEARCH_ROLE}")
    op.execute(sql)
    op.execute("RESET ROLE")
    op.execute(f"REVOKE CREATE ON SCHEMA public FROM {SEARCH_ROLE}")


def upgrade() -> None:
    if not _postgresql():
        return
    op.execute(WORDS_FUNCTION)
    op.execute(QUERY_FUNCTION)
    op.execute("DROP INDEX ix_entries_body_tsv")
    op.execute(
        "CREATE INDEX ix_entries_journal_words ON entries "
        "USING gin (attune_journal_words(journal_id, body_tsv))"
    )
    _as_search_role(HITS_FUNCTION)


def downgrade() -> None:
    if not _postgresql():
        return
    _as_search_role(OLD_HITS_FUNCTION)
    op.execute("DROP INDEX ix_entries_journal_words")
    op.execute(
        "CREATE INDEX ix_entries_body_tsv ON entries USING gin ((journal_id::bigint), body_tsv)"
    )
    op.execute(f"DROP FUNCTION {QUERY}")
    op.execute(f"DROP FUNCTION {WORDS}")
