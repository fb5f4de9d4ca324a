"""inlined journal words: the keyed search vector of an entry is written in one expression

PostgreSQL only (a no-op on SQLite, whose FTS5 table is one journal's).

0022's `attune_journal_words(journal, words)` (the key of `ix_entries_journal_words`) unnested
the vector and aggregated it again: a SQL function PostgreSQL cannot inline (an aggregate over a
FROM), so every entry written ran a small query of its own — 100,000 calls, ~2.2 s of a
100,000-entry import's database time (pg_stat_statements, 1,000,000 entries; ~38 microseconds
an entry beside ~11 for the expression below, 20,000 entries in one statement).

Now it is one expression PostgreSQL inlines into the index (and into `attune_text_hits`, whose
query names the same expression and so still reads the index): the vector's own text
(`'word':1,2 'other':3`) with "<journal>." written after each lexeme's opening quote, read back
as a tsvector. The result is the same as 0022's for every input, so the index stays as it is
(nothing is rebuilt):

- weights are dropped (0022 wrote positions only): the text is that of `setweight(words, 'D')`;
- an opening quote is the text's first character or follows the space between two lexemes; the
  text holds exactly one " '" per such space unless a lexeme holds one itself (never from
  `to_tsvector`, whose words have no spaces), which the expression counts;
- a lexeme too long once keyed (0022 left it out) is impossible when the whole text and the key
  fit in 2,047 bytes.

Whatever the expression cannot answer (a lexeme with " '", text over 2,047 bytes, a NULL) goes
to `attune_journal_words_each`, 0022's function under a new name. The function is no longer
STRICT (an inlined expression must handle NULL itself): a NULL argument still gives NULL.

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
WORDS_FUNCTION = f"""CREATE OR REPLACE FUNCTION attune_journal_words(journal integer, words tsvector)
RETURNS tsvector LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE AS $$
  SELECT CASE
    WHEN length(words) = 0 AND journal IS NOT NULL THEN ''::tsvector
    WHEN octet_length({_TEXT}) + octet_length(journal::text) < 2047
     AND octet_length({_TEXT}) - octet_length(replace({_TEXT}, ' ''', ''))
         = 2 * (length(words) - 1)
    THEN ('''' || {_KEY} || substr(replace({_TEXT}, ' ''', ' ''' || {_KEY}), 2))::tsvector
    ELSE attune_journal_words_each(journal, words)
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
    op.execute(WORDS_FUNCTION)


def downgrade() -> None:
    if not _postgresql():
        return
    op.execute(OLD_WORDS_FUNCTION)
    op.execute("DROP FUNCTION attune_journal_words_each(integer, tsvector)")
