"""A link's row-level check reads one entry by its id (migration 0021), whatever the planner
thinks of the member: for a member the statistics do not know, it read the member's index and
so every entry of theirs per link (an import of 100,000 entries by a new member ran for hours,
seen on a database whose statistics knew another member's 25,000 entries; this test's smaller
journal did not lead the planner there even before 0021, so it holds the plan, not the hours)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from attune.services import Journal, importing
from tests.at_rest import owner_engine
from tests.factories import make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

HEADER = "year,date,weekday,time,mood,activities,note\n"


def test_a_new_members_link_check_reads_the_entry_by_its_id(journal: Journal, backend: str) -> None:
    if backend == "sqlite":
        pytest.skip("row-level security is PostgreSQL's")
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    rows = "".join(
        f"2025,{1 + i % 28} March,Monday,{i % 12 + 1}:{i % 60:02d} am,good,walk,day {i}\n"
        for i in range(3000)
    )
    preview = importing.preview_import((HEADER + rows).encode(), "daylio_export.csv")
    assert importing.run_import(journal, V(sam.id), preview).added > 1000
    mine = make_entry(journal, alex, body="mine", occurred_at=datetime(2025, 4, 1, 9, tzinfo=UTC))
    with owner_engine(journal) as engine, engine.begin() as conn:
        conn.execute(text("ANALYZE entries"))  # statistics that know Sam, not Alex
        tag = conn.scalar(text("SELECT id FROM tags LIMIT 1"))
    with journal.engine.begin() as conn:
        conn.execute(
            text("SELECT set_config('attune.journal_id', :j, true), "
                 "set_config('attune.member_id', :m, true)"),
            {"j": str(journal.journal_id), "m": str(alex.id)},
        )  # fmt: skip
        plan = "\n".join(
            conn.scalars(
                text(
                    "EXPLAIN INSERT INTO entry_tags (journal_id, entry_id, tag_id, position) "
                    "VALUES (:j, :e, :t, 0)"
                ),
                {"j": journal.journal_id, "e": mine.id, "t": tag},
            )
        )
    assert "Index Scan using pk_entries on entries e" in plan, plan
    assert "ix_entries_member" not in plan, plan
