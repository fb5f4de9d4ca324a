"""PostgreSQL keeps only journal-first indexes on entries (migrations 0014, 0023): every read of
entries there names its journal, so an index in any other order walks every journal's rows —
the oldest day of a journal whose days do not come first read other journals' entries until it
met its own (99 ms for journal 500 of 1,000,000 entries; 0.1 ms for journal 1) — and every
written entry paid for it (issue 18, item 4)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from attune.storage import journals as journal_store

_names = itertools.count(1)
LEADING = {"journal_id", "member_id", "import_batch_id", "id"}  # a journal's, or one row's


@pytest.fixture
def database(pg_cluster: Any) -> Iterator[dict[str, str]]:
    name = f"journal_first_{next(_names)}"
    admin = pg_cluster.create_database(name, template="attune_template")
    yield {"admin": admin, "app": pg_cluster.url(name, user=pg_cluster.APP)}
    pg_cluster.drop_database(name)


def test_every_btree_on_entries_starts_with_a_journal_or_a_row(database: dict[str, str]) -> None:
    owner = create_engine(database["admin"])
    try:
        with owner.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT ic.relname, a.attname FROM pg_index i "
                    "JOIN pg_class ic ON ic.oid = i.indexrelid "
                    "JOIN pg_am am ON am.oid = ic.relam "
                    "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid "
                    "AND a.attnum = i.indkey[0] "
                    "WHERE i.indrelid = 'entries'::regclass AND am.amname = 'btree'"
                )
            ).all()
    finally:
        owner.dispose()
    assert len(found) >= 8
    assert {name: first for name, first in found if first not in LEADING} == {}


def test_a_journals_oldest_day_reads_its_own_entries_only(database: dict[str, str]) -> None:
    """Journal 1's entries hold the oldest days; journal 2's oldest is found without reading
    them (`storage.frames`' `min(local_date)`, as the app's role)."""
    owner = create_engine(database["admin"])
    try:
        with owner.begin() as conn:
            assert journal_store.add_journal(conn, "Second household") == 2
            for journal, first in ((1, "2020-01-01"), (2, "2024-01-01")):
                member = conn.scalar(
                    text(
                        "INSERT INTO members (name, name_key, colour, created_at, journal_id) "
                        "VALUES ('Sam', 'sam', '#123456', now(), :j) RETURNING id"
                    ),
                    {"j": journal},
                )
                conn.execute(
                    text(
                        "INSERT INTO entries (uid, member_id, occurred_at, utc_offset_min, "
                        "local_date, valence, energy, body, visibility, share_with_therapist, "
                        "created_at, updated_at, version, journal_id) "
                        "SELECT gen_random_uuid()::text, :m, d, 0, to_char(d, 'YYYY-MM-DD'), 3, "
                        "3, 'a day', 'shared', false, d, d, 1, :j FROM generate_series("
                        "CAST(:first AS timestamp), CAST(:first AS timestamp) "
                        "+ (:n || ' days')::interval, '1 day') AS d"
                    ),
                    {"m": member, "j": journal, "first": first, "n": 3000 if journal == 1 else 50},
                )
        with owner.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE entries"))
    finally:
        owner.dispose()
    app = create_engine(database["app"])
    try:
        with app.connect() as conn:
            conn.execute(text("SELECT set_config('attune.journal_id', '2', true)"))
            oldest = conn.scalar(
                text(
                    "SELECT min(local_date) FROM entries "
                    "WHERE journal_id = nullif(current_setting('attune.journal_id', true), '')"
                    "::integer"
                )
            )
            plan = "\n".join(
                r[0]
                for r in conn.execute(
                    text(
                        "EXPLAIN (ANALYZE) SELECT min(local_date) FROM entries WHERE journal_id "
                        "= nullif(current_setting('attune.journal_id', true), '')::integer"
                    )
                )
            )
            conn.rollback()
    finally:
        app.dispose()
    assert oldest == "2024-01-01"
    assert "ixpg_entries_journal_local_date" in plan, plan
    assert "Rows Removed by Filter" not in plan, plan
