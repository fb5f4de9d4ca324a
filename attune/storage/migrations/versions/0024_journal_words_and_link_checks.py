"""journal words and link checks: what an entry written costs beyond its row

PostgreSQL only (a no-op on SQLite, whose FTS5 table is one journal's and which has no journal
foreign keys).

**Journal words.** 0022's `attune_journal_words(journal, words)` (the key of
`ix_entries_journal_words`) unnested the vector and aggregated it again: a SQL function PostgreSQL
cannot inline (an aggregate over a FROM), so every entry written ran a small query of its own —
100,000 calls, ~2.2 s of a 100,000-entry import's database time (pg_stat_statements, 1,000,000
entries; ~38 microseconds an entry beside ~11 for the expression below, 20,000 entries in one
statement).

Now it is one expression PostgreSQL inlines into the index (and into `attune_text_hits`, whose
query names the same expression and so still reads the index): the vector's own text (`'word':1,2
'other':3`) with "<journal>." written after each lexeme's opening quote, read back as a tsvector.
The result is the same as 0022's for every input, so the index stays as it is (nothing is
rebuilt):

- weights are dropped (0022 wrote positions only): the text is that of `setweight(words, 'D')`;
- an opening quote is the text's first character or follows the space between two lexemes; the
  text holds exactly one " '" per such space unless a lexeme holds one itself (never from
  `to_tsvector`, whose words have no spaces), which the expression counts;
- a lexeme too long once keyed (0022 left it out) is impossible when the whole text and the key
  fit in 2,047 bytes.

Whatever the expression cannot answer (a lexeme with " '", text over 2,047 bytes, a NULL) goes to
`attune_journal_words_each`, 0022's function under a new name, named with its schema (an inlined
body cannot carry a search path, and a restore builds the index with an empty one). The function
is no longer STRICT (an inlined expression must handle NULL itself): a NULL argument still gives
NULL.

**Link checks.** Each tag or feeling link row ran a foreign-key check on its journal (0014) beside
the one on its entry: 393,677 checks for a 100,000-entry import, a third of the link tables'
insert time. The journal check added nothing the link's own checks do not already hold for every
role that may write a link (only the app's role may: the owner has no policy on these tables,
FORCE): the row-level check (0015, 0021) takes the link's journal from the transaction's and reads
its entry through the entries' policy, which shows only that journal's entries — so a link's
journal is its entry's, whose foreign key (entries to journals) holds the journal; a journal with
links has entries, which keep it from being deleted. The two checks
(`fk_entry_tags_journal_id_journals`, `fk_entry_feelings_journal_id_journals`) are dropped. A
superuser writing links by hand, past row-level security, is no longer told that a journal does
not exist (nor was it told, before, that a link's journal was not its entry's).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

LINK_TABLES = ("entry_tags", "entry_feelings")

# 0022's body, one lexeme at a time (a NULL argument: NULL).
_EACH_BODY = r"""
  SELECT coalesce(string_agg(
      '''' || replace(replace(journal::text || '.' || u.lexeme, '\', '\\'), '''', '''''')
      || '''' || coalesce(':' || array_to_string(u.positions, ','), ''), ' '), '')::tsvector
  FROM unnest(words) AS u
  WHERE octet_length(u.lexeme) + octet_length(journal::text) < 2047
"""
EACH_FUNCTION = f"""CREATE FUNCTION attune_journal_words_each(journal integer, words tsvector)
RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $${_EACH_BODY}$$"""
_TEXT = "setweight(words, 'D')::text"
_KEY = "journal::text || '.'"
# The fallback is named with its schema: an inlined body cannot carry a search_path, and a
# restore (pg_restore) builds the index with an empty one.
WORDS_FUNCTION = f"""CREATE OR REPLACE FUNCTION attune_journal_words(journal integer, words tsvector)
RETURNS tsvector LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN length(words) = 0 AND journal IS NOT NULL THEN ''::tsvector
    WHEN octet_length({_TEXT}) + octet_length(journal::text) < 2047
     AND octet_length({_TEXT}) - octet_length(replace({_TEXT}, ' ''', ''))
         = 2 * (length(words) - 1)
    THEN ('''' || {_KEY} || substr(replace({_TEXT}, ' ''', ' ''' || {_KEY}), 2))::tsvector
    ELSE {{schema}}.attune_journal_words_each(journal, words)
  END
$$"""
# 0022's, for the downgrade
OLD_WORDS_FUNCTION = f"""CREATE OR REPLACE FUNCTION attune_journal_words(journal integer, words tsvector)
RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $${_EACH_BODY}$$"""


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _postgresql():
        return
    op.execute(EACH_FUNCTION)
    schema = op.get_bind().exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    op.execute(WORDS_FUNCTION.replace("{schema}", str(schema)))
    for table in LINK_TABLES:
        op.drop_constraint(f"fk_{table}_journal_id_journals", table, type_="foreignkey")


def downgrade() -> None:
    if not _postgresql():
        return
    for table in LINK_TABLES:
        op.create_foreign_key(
            f"fk_{table}_journal_id_journals", table, "journals", ["journal_id"], ["id"]
        )
    op.execute(OLD_WORDS_FUNCTION)
    op.execute("DROP FUNCTION attune_journal_words_each(integer, tsvector)")
