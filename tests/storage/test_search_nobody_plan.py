"""A search as nobody (the command line without --member: shared entries only) starts from the
full-text index, as a member's does: SQLite would otherwise walk the visibility index and run
the MATCH once per shared entry (5 s at 100,000 entries; issue 17, item 9)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import event

from attune.domain.entries import EntryDraft, Visibility
from attune.services import NOBODY, Journal
from attune.services import search as search_service
from tests.viewers import V

START = datetime(2025, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))


def test_nobody_never_runs_the_match_per_entry(journal: Journal) -> None:
    ana, ben = journal.add_member("Ana").id, journal.add_member("Ben").id
    drafts = [
        EntryDraft(
            occurred_at=START + timedelta(hours=i),
            valence=3,
            energy=3,
            visibility=Visibility.SHARED if i % 3 else Visibility.PRIVATE,
            body="river walk" if i % 2 else "quiet day",
        )
        for i in range(300)
    ]
    for who in (ana, ben):
        journal.add_entries_bulk(V(who), [(f"{who}-{i}", d) for i, d in enumerate(drafts)])
    # No ANALYZE, as on a real journal: SQLite plans with its default guesses.
    statements: list[tuple[str, object]] = []

    def seen(conn, cursor, statement, params, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if "entry_fts" in statement and "MATCH" in statement:
            statements.append((statement, params))

    event.listen(journal.engine, "before_cursor_execute", seen)
    try:
        hits = search_service.search(journal, NOBODY, "river", limit=20)
    finally:
        event.remove(journal.engine, "before_cursor_execute", seen)
    assert len(hits) == 20
    assert statements
    with journal.engine.connect() as conn:
        for statement, params in statements:
            plan = [r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)]
            assert not any("entry_fts VIRTUAL TABLE INDEX 0:M1=" in p for p in plan), plan
