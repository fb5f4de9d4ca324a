"""PostgreSQL: the command line's search reads its hits by id with one array parameter, so the
plan PostgreSQL keeps for the statement once psycopg has prepared it (after five runs; a
generic plan, which cannot see the ids) still looks them up by key. With one parameter per id
(`IN (…)`), a statement per number of hits, the generic plan took the member's and the journal's
whole index and filtered every entry of the journal: ~80 ms instead of ~0.2 ms at 100,000
entries of 1,000,000 (issue 18, item 2; this small journal's generic plan was fine either way,
so the statement's shape is what fails without the array)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, event, text

from attune.domain.entries import EntryDraft, Visibility
from attune.services import Journal
from attune.services import search as search_service
from tests.viewers import V

pytestmark = pytest.mark.both_backends

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _hits_statement(journal: Journal, viewer: int, limit: int) -> tuple[str, dict[str, object]]:
    """The statement that reads the hits' bodies, and its parameters."""
    seen: list[tuple[str, dict[str, object]]] = []

    def grab(conn, cursor, statement, params, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if "entries.body" in statement and "JOIN members" in statement:
            seen.append((statement, dict(params)))

    event.listen(journal.engine, "before_cursor_execute", grab)
    try:
        assert len(search_service.search(journal, V(viewer), "river", limit=limit)) == limit
    finally:
        event.remove(journal.engine, "before_cursor_execute", grab)
    assert len(seen) == 1
    return seen[0]


def _literal(value: object) -> str:
    if isinstance(value, list):
        return "'{" + ",".join(str(int(v)) for v in value) + "}'"
    return str(int(value)) if isinstance(value, int) else "'" + str(value) + "'"


def test_the_hits_are_read_by_one_array_of_ids(
    journal: Journal, backend: str, admin_url: str
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite plans each statement with its values")
    sam = journal.add_member("Sam").id
    drafts = [
        (
            f"{i:06d}-river",
            EntryDraft(
                occurred_at=START - timedelta(hours=i),
                valence=3,
                energy=3,
                visibility=Visibility.SHARED if i % 2 else Visibility.PRIVATE,
                body="river walk" if i % 10 == 0 else f"quiet day {i}",
            ),
        )
        for i in range(3_000)
    ]
    journal.add_entries_bulk(V(sam), drafts)
    owner = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with owner.connect() as conn:
            conn.execute(text("ANALYZE"))
    finally:
        owner.dispose()
    statement, params = _hits_statement(journal, sam, 50)
    assert _hits_statement(journal, sam, 7)[0] == statement  # one statement for any number
    ids = [p for p in params.values() if isinstance(p, list)]
    assert len(ids) == 1 and len(ids[0]) == 50, params  # every hit in one parameter
    names = list(dict.fromkeys(re.findall(r"%\((\w+)\)s", statement)))
    assert len(names) <= 3, statement
    # The plan PostgreSQL keeps once the statement is prepared: generic, blind to the ids.
    numbered = statement
    for i, name in enumerate(names, start=1):
        numbered = numbered.replace(f"%({name})s", f"${i}")
    values = ", ".join(_literal(params[n]) for n in names)
    owner = create_engine(admin_url)
    try:
        with owner.connect() as conn:
            conn.execute(text("SET LOCAL ROLE attune_web"))
            conn.execute(
                text("SELECT set_config('attune.journal_id', :j, true), "
                     "set_config('attune.member_id', :m, true)"),
                {"j": str(journal.journal_id), "m": str(sam)},
            )  # fmt: skip
            conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
            conn.exec_driver_sql(f"PREPARE hits AS {numbered}")
            plan = "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN EXECUTE hits({values})"))
            conn.rollback()
    finally:
        owner.dispose()
    assert "Index Scan using pk_entries on entries" in plan, plan
