"""One mapper builds an entry, whichever path read it; a bulk insert leaves the schema exactly as
the migrations made it (the `bulk_load` flag of migration 0009 instead of trigger DDL), also when
it fails half-way, and the flag table is empty after every commit and rollback."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from attune.domain.entries import EntryDraft, Visibility
from attune.domain.viewer import NOBODY, Viewer
from attune.services import Journal, together
from attune.services import search as search_service
from attune.storage import bulk, models
from attune.storage import entries as entry_store
from tests.factories import make_entry, make_member
from tests.viewers import V

WEST = timezone(timedelta(hours=-7, minutes=-30))


def _schema(journal: Journal) -> list[tuple[Any, ...]]:
    with journal.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
            )
        ]


def _flags(journal: Journal) -> int:
    with journal.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM bulk_load").scalar_one())


def _drafts(n: int, word: str = "lantern") -> list[tuple[str, EntryDraft]]:
    start = datetime(2025, 1, 1, 8, tzinfo=WEST)
    return [
        (
            f"bulk-{word}-{i}",
            EntryDraft(
                occurred_at=start + timedelta(days=i),
                valence=1 + i % 5,
                energy=1 + (i * 3) % 5,
                body=f"{word} day {i}",
                tags=("work", f"t{i % 3}"),
                feelings=("calm",),
                visibility=Visibility.SHARED if i % 2 else Visibility.PRIVATE,
            ),
        )
        for i in range(n)
    ]


def test_the_orm_and_the_row_paths_build_the_same_entry(journal: Journal) -> None:
    sam, ana = make_member(journal, "Sam"), make_member(journal, "Ana")
    made = [
        make_entry(journal, sam, tags=("walk", "River"), feelings=("calm", "tired")),
        make_entry(journal, sam, visibility=Visibility.SHARED, occurred_at=datetime.now(WEST)),
        make_entry(journal, ana, visibility=Visibility.SHARED, body="", tags=(), feelings=()),
        make_entry(journal, ana, connection=None, prompt_id="p1", reading_id="r1"),
    ]
    journal.trash_entry(V(ana), made[3].id)
    key = together.set_passphrase(journal, sam.id, "river stones")
    assert key is not None
    unlocked = Viewer(sam.id, key)
    sealed = EntryDraft(
        occurred_at=datetime(2024, 2, 29, 23, 59, tzinfo=WEST),
        valence=2,
        energy=5,
        body="sealed words",
        tags=("secret",),
        feelings=("afraid",),
        visibility=Visibility.PRIVATE,
    )
    made.append(journal.add_entry(unlocked, sealed))
    as_stored = journal.get_entry(unlocked, made[-1].id)
    assert made[-1] == as_stored and as_stored.sealed and as_stored.body == "sealed words"
    seen = 0
    for viewer in (unlocked, unlocked.locked(), V(ana), NOBODY):
        with journal.sessions.reading() as s:
            for entry in made:
                row = s.scalar(select(models.Entry).where(models.Entry.id == entry.id))
                assert row is not None
                ids = select(models.Entry.id).where(models.Entry.id == entry.id)
                via_orm = entry_store._to_domain(row, viewer)
                via_rows = entry_store.load_entries(s, ids, viewer)
                assert via_rows == [via_orm]
                seen += 1
    assert seen == 20
    with journal.sessions.reading() as s:  # the locked view of a sealed entry is empty
        locked = entry_store.get_entry(s, viewer=unlocked.locked(), entry_id=made[-1].id)
    assert (locked.body, locked.tags, locked.feelings, locked.sealed) == ("", (), (), True)


def test_a_bulk_insert_leaves_the_schema_as_the_migrations_made_it(journal: Journal) -> None:
    sam = make_member(journal)
    before = _schema(journal)
    guarded = {r[1] for r in before if r[0] == "trigger" and "FROM bulk_load" in (r[3] or "")}
    assert guarded == {"entries_fts_ai", "day_changes_entries_ai"}  # migration 0009
    assert journal.add_entries_bulk(V(sam), _drafts(50)) == 50
    assert _schema(journal) == before
    assert _flags(journal) == 0
    assert len(search_service.search(journal, V(sam), "lantern", limit=100)) == 50
    # The per-row triggers work again after it: a single entry is indexed by them.
    make_entry(journal, sam, body="a heron at dusk")
    assert [h.author for h in search_service.search(journal, V(sam), "heron")] == ["Sam"]


@pytest.mark.parametrize("fail_on", ["entries", "entry_tags"])
def test_a_bulk_insert_that_fails_half_way_changes_nothing(
    journal: Journal, monkeypatch: pytest.MonkeyPatch, fail_on: str
) -> None:
    """Fails while the flag row is there (after the entries' insert) or after it is gone (the
    links): the rollback leaves the schema, the flag table and the data as they were."""
    sam = make_member(journal)
    journal.add_entries_bulk(V(sam), _drafts(5, "before"))
    schema = _schema(journal)
    real = bulk._insert_many
    seen: list[int] = []

    def fail(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
        real(session, model, rows)
        seen.append(session.scalar(text("SELECT count(*) FROM bulk_load")) or 0)
        if model.__tablename__ == fail_on:
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(bulk, "_insert_many", fail)
    with pytest.raises(RuntimeError):
        journal.add_entries_bulk(V(sam), _drafts(20))
    assert seen[0] == 1  # the flag was set while the entries went in
    assert _schema(journal) == schema
    assert _flags(journal) == 0
    assert journal.list_entries(V(sam)).total == 5
    assert search_service.search(journal, V(sam), "lantern") == []


def test_the_flag_is_never_committed(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another connection never sees the flag row; a transaction that goes on after a failed bulk
    insert (and commits) leaves the flag table empty and the triggers in force."""
    sam = make_member(journal)
    path = journal.engine.url.database
    assert path is not None
    outside: list[int] = []
    real = bulk._insert_many

    def peek(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
        real(session, model, rows)
        with sqlite3.connect(path) as other:
            outside.append(other.execute("SELECT count(*) FROM bulk_load").fetchone()[0])
        if model is models.EntryFeeling:
            raise RuntimeError("late failure")

    monkeypatch.setattr(bulk, "_insert_many", peek)
    with journal.sessions.writing() as s:
        with pytest.raises(RuntimeError):
            bulk.add_entries_bulk(s, viewer=V(sam), drafts=_drafts(4))
        assert s.scalar(text("SELECT count(*) FROM bulk_load")) == 0
    assert outside and set(outside) == {0}
    assert _flags(journal) == 0
    monkeypatch.setattr(bulk, "_insert_many", real)
    make_entry(journal, sam, body="an owl at noon")
    assert len(search_service.search(journal, V(sam), "owl")) == 1
