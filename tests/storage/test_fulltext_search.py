"""Full-text search on both databases: SQLite's FTS5 and PostgreSQL's tsvector (migration 0013).

The last word of a query is a prefix, the others whole words, newest first; no text a person
can type makes a search fail. On PostgreSQL the words are read with web-search syntax (quoted
phrases, `or`, `-word`) and only letters and digits of the last word ever reach to_tsquery."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from attune.domain.entries import EntryDraft, EntryFilter, Visibility
from attune.domain.text import TsQuery, ts_query
from attune.services import Journal
from attune.services import search as search_service
from attune.storage import bulk
from tests.viewers import V

pytestmark = pytest.mark.both_backends

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
BODIES = (
    "Riverbank at dawn, quiet water",
    "We argued about the river again",
    "rain all day; stayed in",
    "A well-being check: coffee and a walk",
    'She said "good morning" twice',
    "cats and dogs",
)
HOSTILE = (
    "'",
    "''",
    "\\",
    ":*",
    "a:*",
    "a:* & b",
    "!",
    "!!a",
    "a & | b",
    "(",
    "a)",
    "<->",
    "a <-> b",
    "a <2> b",
    '"',
    '"unclosed phrase',
    "-",
    "--a",
    "or",
    "a or",
    "or or or",
    "\x00",
    "a\x00b",
    "'; DROP TABLE entries; --",
    "a:A*B",
    "x" * 5000,
    "word " * 400,
    "ß½①٣",
    "🙂",
    "\u202e",
    "a\tb\nc",
)


def _journal_with_entries(journal: Journal) -> tuple[int, list[int]]:
    sam = journal.add_member("Sam").id
    ids = [
        journal.add_entry(
            V(sam),
            EntryDraft(
                occurred_at=START + timedelta(days=i),
                valence=3,
                energy=3,
                visibility=Visibility.SHARED,
                body=body,
            ),
        ).id
        for i, body in enumerate(BODIES)
    ]
    return sam, ids


def test_hostile_queries_never_fail(journal: Journal) -> None:
    sam, _ = _journal_with_entries(journal)
    for query in HOSTILE:
        search_service.search(journal, V(sam), query)
        journal.list_entries(V(sam), EntryFilter(text=query))
        journal.list_entries(V(None), EntryFilter(text=query))


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(query=st.text(max_size=60))
@example(query="a'b:*c")
@example(query='x" or -"y')
def test_no_text_makes_search_fail(journal: Journal, query: str) -> None:
    members = journal.members()
    sam = members[0].id if members else _journal_with_entries(journal)[0]
    hits = search_service.search(journal, V(sam), query)
    page = journal.list_entries(V(sam), EntryFilter(text=query))
    assert len(hits) <= len(BODIES) and page.total <= len(BODIES)


def test_last_word_is_a_prefix_the_others_whole(journal: Journal) -> None:
    sam, ids = _journal_with_entries(journal)

    def found(query: str) -> list[int]:
        return [h.entry_id for h in search_service.search(journal, V(sam), query)]

    assert found("river") == [ids[1], ids[0]]  # newest first; "Riverbank" by its prefix
    assert found("Riv") == [ids[1], ids[0]]  # any case
    assert found("riverbank") == [ids[0]]
    assert found("dawn riv") == [ids[0]]
    assert found("riv dawn") == []  # only the last word is a prefix
    assert found("quiet wat") == [ids[0]]
    assert found("cof") == [ids[3]]
    assert found("well-being") == [ids[3]]
    page = journal.list_entries(V(sam), EntryFilter(text="the riv"))
    assert [e.id for e in page.items] == [ids[1]] and page.total == 1
    hit = search_service.search(journal, V(sam), "dawn riv")[0]
    assert "\ue000" in hit.snippet


def test_postgresql_reads_web_search_syntax(journal: Journal, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("web-search syntax (phrases, or, -word) is PostgreSQL's; SQLite ANDs words")
    sam, ids = _journal_with_entries(journal)

    def found(query: str) -> list[int]:
        return [h.entry_id for h in search_service.search(journal, V(sam), query)]

    assert found("cats or rai") == [ids[5], ids[2]]
    assert found("water -rain") == [ids[0]]
    assert found("river -argued") == []  # a negation keeps every word whole: no "Riverbank"
    assert found('"good morning"') == [ids[4]]
    assert found('"morning good"') == []


PLAN_SQL = (
    "EXPLAIN SELECT id FROM entries WHERE attune_journal_words(journal_id, body_tsv) @@ "
    "attune_journal_query(1, websearch_to_tsquery('simple', 'dawn'))"
)
INDEX = "ix_entries_journal_words"  # migration 0022


def _analyzed_journal(journal: Journal, admin_url: str) -> int:
    """The six entries and 3,000 more, analyzed (autovacuum's work; the app's role may not)."""
    sam, _ = _journal_with_entries(journal)
    drafts = [
        (f"{i:08d}-filler", EntryDraft(occurred_at=START - timedelta(hours=i), valence=3,
                                       energy=3, visibility=Visibility.SHARED, body=f"day {i}"))
        for i in range(3_000)
    ]  # fmt: skip
    with journal.sessions.writing(V(sam)) as s:
        bulk.add_entries_bulk(s, viewer=V(sam), drafts=drafts)
    owner = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with owner.connect() as conn:
            conn.execute(text("ANALYZE entries"))
    finally:
        owner.dispose()
    return sam


def test_postgresql_search_can_read_the_gin_index(
    journal: Journal, backend: str, admin_url: str
) -> None:
    """The keyed match of migration 0022 (each word written "<journal>.<word>"), which the GIN
    index on `attune_journal_words(journal_id, body_tsv)` answers (here as the owner: see the
    next test). With one journal of 3,000 entries a scan costs the planner about as much, so
    scans are ruled out to show the index can answer."""
    if backend != "postgresql":
        pytest.skip("SQLite searches its FTS5 table")
    sam = _analyzed_journal(journal, admin_url)
    owner = create_engine(admin_url)
    try:
        with owner.connect() as conn:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            plan = "\n".join(str(r[0]) for r in conn.execute(text(PLAN_SQL)))
    finally:
        owner.dispose()
    assert INDEX in plan, plan
    assert [h.entry_id for h in search_service.search(journal, V(sam), "dawn riv")]


def test_postgresql_search_reads_the_gin_index_under_row_level_security(
    journal: Journal, backend: str, admin_url: str
) -> None:
    """Under row-level security the app's role may not use `@@` (not LEAKPROOF) as an index
    condition; `attune_text_hits` (migrations 0020, 0022) reads the GIN index for it. Its plan, as the
    app's role calls it, is logged by auto_explain (loaded by the superuser, nested statements
    shown to the client as notices)."""
    if backend != "postgresql":
        pytest.skip("SQLite has no row-level security")
    sam = _analyzed_journal(journal, admin_url)
    notices: list[str] = []
    owner = create_engine(admin_url)
    try:
        with owner.connect() as conn:
            conn.connection.driver_connection.add_notice_handler(
                lambda d: notices.append(str(d.message_primary))
            )
            for sql in (
                "LOAD 'auto_explain'",
                "SET LOCAL auto_explain.log_min_duration = 0",
                "SET LOCAL auto_explain.log_nested_statements = on",
                "SET LOCAL auto_explain.log_level = notice",
                "SET LOCAL ROLE attune_web",
            ):
                conn.execute(text(sql))
            conn.execute(
                text("SELECT set_config('attune.journal_id', :j, true), "
                     "set_config('attune.member_id', :m, true)"),
                {"j": str(journal.journal_id), "m": str(sam)},
            )  # fmt: skip
            hits = conn.scalars(
                text("SELECT * FROM attune_text_hits(to_tsquery('simple', 'dawn'), 10, false)")
            ).all()
            conn.rollback()
    finally:
        owner.dispose()
    assert len(hits) == 1
    plan = "\n".join(notices)
    assert INDEX in plan, plan
    assert [h.entry_id for h in search_service.search(journal, V(sam), "dawn riv")] == hits


AWKWARD = (
    "O'Brien's back\\slash: it's a well-being thing",
    "ß½①٣ and 🙂 at the weir",
    "slept well, then well slept again",
)
QUERIES = (
    "dawn", "riv", "river", "Riverbank", '"good morning"', '"morning good"', "cats or rai",
    "water -rain", "-rain", "-rain -cats", "o'brien", "brien's", "well-being", "well being",
    '"slept well"', '"well slept" -again', "back\\slash", "ß½①٣", "weir or -cats", "the",
)  # fmt: skip


def test_postgresql_keyed_hits_are_exactly_the_plain_match(journal: Journal, backend: str) -> None:
    """`attune_text_hits` finds an entry by its words written "<journal>.<word>" (migration
    0022): for phrases, negations, prefixes, `or` and awkward characters its ids are exactly the
    readable entries whose `body_tsv @@ q` (read under row-level security, the match a filter)."""
    if backend != "postgresql":
        pytest.skip("SQLite searches its FTS5 table")
    from sqlalchemy import select

    from attune.storage import models as m
    from attune.storage.fulltext_pg import text_hits, ts_match

    sam, _ = _journal_with_entries(journal)
    for i, body in enumerate(AWKWARD):
        journal.add_entry(V(sam), EntryDraft(occurred_at=START - timedelta(days=i + 1), valence=3,
                                             energy=3, body=body))  # fmt: skip
    checked = 0
    for query in (*QUERIES, *HOSTILE):
        q = ts_query(query)
        if q is None:
            continue
        with journal.sessions.reading(V(sam)) as s:
            hits = s.scalars(text_hits(q, 1000)).all()
            plain = s.scalars(
                select(m.Entry.id).where(ts_match(q), m.Entry.deleted_at.is_(None))
            ).all()
        assert sorted(hits) == sorted(plain), query
        checked += bool(plain)
    assert checked >= 15


def test_ts_query_keeps_user_text_out_of_tsquery_syntax() -> None:
    assert ts_query("river") == TsQuery(words="", prefix="river")
    assert ts_query("morning cof") == TsQuery(words="morning ", prefix="cof")
    assert ts_query("cats or dog") == TsQuery(words="cats", prefix="dog", either=True)
    assert ts_query('"good day"') == TsQuery(words='"good day"', prefix=None)  # a phrase
    assert ts_query("a -b") == TsQuery(words="a -b", prefix=None)  # -b stays a negation
    assert ts_query("x:* & y'") == TsQuery(words="x:* & ", prefix="y")
    assert ts_query("!!! ???") is None and ts_query("") is None and ts_query("___") is None
    assert ts_query("a\x00b") == TsQuery(words="a ", prefix="b")


@given(query=st.text())
def test_ts_query_prefix_is_letters_and_digits_only(query: str) -> None:
    q = ts_query(query)
    if q is not None:
        assert q.prefix is None or (q.prefix.isalnum() and "_" not in q.prefix)
        assert "\x00" not in q.words
