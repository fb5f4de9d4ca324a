"""The keyed search vector is one expression PostgreSQL inlines (migration 0024): 0022's
`attune_journal_words` unnested and aggregated each entry's vector in a query of its own (~38
microseconds an entry written, 2.2 s of a 100,000-entry import), and gave the same result.

PostgreSQL only: SQLite's full-text index is FTS5."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text

_names = itertools.count(1)

# Vectors the expression must key exactly as 0022's function did, or hand to it: quotes and
# backslashes, a lexeme with a space (and one with " '"), weights (0022 wrote positions only),
# no positions, lexemes too long once keyed, the empty vector, NULL.
VECTORS = (
    "''",
    "NULL",
    "'a:1 b:2,3'",
    "$$'it''s':1 back\\\\slash:2$$",
    "$$'a b':1 c:2$$",
    "$$'a ':1 'b':2$$",
    "$$'x '' y':1 z:3$$",
    "'a:1A b:2B,3C d:4'",
    "strip('a:1 b:2')",
    "repeat('w', 2040)::tsvector",
    "(repeat('w', 2030) || ' ' || 'x')::tsvector",
    "(repeat('w', 1000) || ' ' || repeat('v', 1000))::tsvector",
    "to_tsvector('simple', $$Walk to the park, the walk's end: \"quoted\" back\\slash él 日本語 "
    "e-mail sam@example.org http://example.org/a/b 3.14 -5$$)",
)
JOURNALS = ("1", "1001", "-5", "123456789", "NULL")


@pytest.fixture
def owner(pg_cluster: Any) -> Iterator[Any]:
    name = f"journal_words_{next(_names)}"
    engine = create_engine(pg_cluster.create_database(name, template="attune_template"))
    yield engine
    engine.dispose()
    pg_cluster.drop_database(name)


def test_the_keyed_vector_is_inlined_into_the_index(owner: Any) -> None:
    """The index's expression, as the planner uses it, calls no SQL function per entry (0022's
    did: one query per entry written) except for the rare vector the expression hands on."""
    with owner.connect() as conn:
        plan = "\n".join(
            conn.execute(
                text(
                    "EXPLAIN VERBOSE SELECT attune_journal_words(journal_id, body_tsv) FROM entries"
                )
            ).scalars()
        )
        strict = conn.scalar(
            text("SELECT proisstrict FROM pg_proc WHERE proname = 'attune_journal_words'")
        )
    assert "CASE WHEN" in plan
    assert "attune_journal_words(" not in plan
    assert strict is False  # an inlined expression handles NULL itself


def test_the_keyed_vector_is_the_same_as_0022s(owner: Any) -> None:
    rows = ", ".join(f"({v})" for v in VECTORS)
    journals = ", ".join(f"({j}::integer)" for j in JOURNALS)
    with owner.connect() as conn:
        found = conn.exec_driver_sql(  # (":1" is a position here, not a parameter)
            f"SELECT j, v::text, attune_journal_words(j, v)::text, "
            f"attune_journal_words_each(j, v)::text "
            f"FROM (VALUES {rows}) AS c(v), (VALUES {journals}) AS js(j)"
        ).all()
        # every entry's vector too, as the index keys it
        differ = conn.scalar(
            text(
                "SELECT count(*) FROM entries WHERE attune_journal_words(journal_id, body_tsv) "
                "IS DISTINCT FROM attune_journal_words_each(journal_id, body_tsv)"
            )
        )
    assert len(found) == len(VECTORS) * len(JOURNALS)
    assert [row for row in found if row[2] != row[3]] == []
    assert differ == 0
    keyed = {(j, v): new for j, v, new, _ in found}
    assert keyed[(1001, "'a':1 'b':2,3")] == "'1001.a':1 '1001.b':2,3"
    assert keyed[(1, "'a':1A 'b':2B,3C 'd':4")] == "'1.a':1 '1.b':2,3 '1.d':4"
    assert keyed[(None, "'a':1 'b':2,3")] is None


def test_a_search_still_reads_the_index(owner: Any) -> None:
    """`attune_text_hits`' query names the same expression, so it still matches the index."""
    with owner.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(
            conn.execute(
                text(
                    "EXPLAIN SELECT id FROM entries WHERE attune_journal_words(journal_id, "
                    "body_tsv) @@ attune_journal_query(1, 'walk'::tsquery)"
                )
            ).scalars()
        )
    assert "ix_entries_journal_words" in plan


def test_the_index_is_built_with_an_empty_search_path(owner: Any) -> None:
    """As pg_restore builds it (an inlined body cannot set its own search path)."""
    with owner.begin() as conn:
        conn.execute(text("SET LOCAL search_path = ''"))
        conn.execute(
            text(
                "CREATE INDEX restored_words ON public.entries "
                "USING gin (public.attune_journal_words(journal_id, body_tsv))"
            )
        )
        conn.rollback()
