"""Storage on a real temporary SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, inspect, text
from sqlalchemy.exc import IntegrityError

from attune.domain.entries import EntryFilter, NotFoundError, StaleEditError, Visibility
from attune.services import Journal
from attune.services import search as search_service
from attune.services import trends as trends_service
from attune.storage import migrate
from attune.storage.engine import make_engine
from attune.storage.migrate import include_object
from attune.storage.models import Base
from tests.factories import make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends


def test_upgrade_from_empty_reaches_head(journal: Journal, backend: str) -> None:
    assert migrate.current_revision(journal.engine) == migrate.head_revision(journal.engine)
    found = inspect(journal.engine)
    names = set(found.get_table_names())
    assert {"members", "entries", "tags", "entry_tags", "entry_feelings"} <= names
    if backend == "sqlite":
        assert "entry_fts" in names  # FTS5 (its virtual table)
    else:  # the search vector and its GIN index (migration 0013; each journal's words, 0022)
        assert "body_tsv" in {c["name"] for c in found.get_columns("entries")}
        assert "ix_entries_journal_words" in {i["name"] for i in found.get_indexes("entries")}


def test_models_and_migrations_do_not_drift(journal: Journal) -> None:
    with journal.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_downgrade_and_upgrade_again(journal: Journal, admin_url: str) -> None:
    from alembic import command

    owner = make_engine(admin_url)  # on PostgreSQL the schema's owner migrates, not the app
    try:
        cfg = migrate.alembic_config(owner)
        command.downgrade(cfg, "base")
        assert migrate.current_revision(owner) is None
        command.upgrade(cfg, "head")
        assert migrate.current_revision(owner) == migrate.head_revision(owner)
    finally:
        owner.dispose()


@pytest.mark.sqlite_only
def test_pragmas_on_every_connection(journal: Journal) -> None:
    conns = [journal.engine.raw_connection() for _ in range(3)]
    try:
        for raw in conns:
            cur = raw.cursor()
            assert cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert cur.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert cur.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert cur.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
            assert cur.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        for raw in conns:
            raw.close()


@pytest.mark.sqlite_only  # SQLite's BEGIN IMMEDIATE (PostgreSQL writers queue on row locks)
def test_writes_begin_immediate_and_reads_do_not(journal: Journal) -> None:
    seen: list[str] = []

    @event.listens_for(journal.engine, "before_cursor_execute")
    def record(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if statement.startswith("BEGIN"):
            seen.append(statement)

    member = make_member(journal)
    assert seen == ["BEGIN IMMEDIATE"]
    seen.clear()
    journal.members()
    assert seen == ["BEGIN"]
    make_entry(journal, member)
    assert seen[-1] == "BEGIN IMMEDIATE"


def test_entry_round_trip_keeps_offset_and_words(journal: Journal) -> None:
    sam = make_member(journal)
    tz = timezone(timedelta(hours=-7))
    entry = make_entry(journal, sam, occurred_at=datetime(2026, 1, 1, 23, 30, tzinfo=tz),
                       tags=("Sleep", "walk"), feelings=("tender", "calm"))  # fmt: skip
    again = journal.get_entry(V(sam.id), entry.id)
    assert again == entry
    assert again.occurred_at.utcoffset() == timedelta(hours=-7)
    assert again.local_date.isoformat() == "2026-01-01"
    assert again.tags == ("Sleep", "walk") and again.feelings == ("tender", "calm")
    assert len(again.uid) == 36 and again.version == 1


def test_stale_edit_is_refused(journal: Journal) -> None:
    sam = make_member(journal)
    entry = make_entry(journal, sam)
    journal.update_entry(V(sam.id), entry.id, entry.as_draft(), expected_version=1)
    with pytest.raises(StaleEditError, match="changed somewhere else"):
        journal.update_entry(V(sam.id), entry.id, entry.as_draft(), expected_version=1)
    assert journal.get_entry(V(sam.id), entry.id).version == 2


def test_only_the_author_changes_an_entry(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    entry = make_entry(journal, sam, visibility=Visibility.SHARED)
    for action in (journal.trash_entry, journal.restore_entry):
        with pytest.raises(NotFoundError):
            action(V(alex.id), entry.id)
    with pytest.raises(NotFoundError):
        journal.update_entry(V(alex.id), entry.id, entry.as_draft(), expected_version=1)


def test_visibility_everywhere(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    make_entry(journal, sam, body="zebrafinch private", tags=("secret-tag",))
    shared = make_entry(journal, sam, body="zebrafinch shared", visibility=Visibility.SHARED)
    assert journal.list_entries(V(sam.id)).total == 2
    assert [e.id for e in journal.list_entries(V(alex.id)).items] == [shared.id]
    assert [h.entry_id for h in search_service.search(journal, V(alex.id), "zebrafinch")] == [
        shared.id
    ]
    assert len(search_service.search(journal, V(sam.id), "zebrafinch")) == 2
    assert "secret-tag" not in search_service.tags(journal, V(alex.id))
    assert "secret-tag" in search_service.tags(journal, V(sam.id))
    assert journal.stats(V(alex.id)).entries == 1
    assert journal.stats(V(None)).entries == 1
    assert len(trends_service.entries_frame(journal, V(alex.id))) == 1
    private = journal.list_entries(V(sam.id), EntryFilter(text="private")).items[0]
    with pytest.raises(NotFoundError):
        journal.get_entry(V(alex.id), private.id)


def test_filters(journal: Journal) -> None:
    sam = make_member(journal)
    base = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    for i in range(10):
        make_entry(journal, sam, occurred_at=base + timedelta(days=i), valence=1 + i % 5,
                   tags=("even",) if i % 2 == 0 else ("odd",), body=f"day {i} note")  # fmt: skip
    listed = journal.list_entries(V(sam.id), page_size=4)
    assert listed.total == 10 and listed.pages == 3
    assert listed.items[0].occurred_at > listed.items[-1].occurred_at  # newest first
    f = EntryFilter(start=(base + timedelta(days=2)).date(), end=(base + timedelta(days=5)).date())
    assert journal.list_entries(V(sam.id), f).total == 4
    assert journal.list_entries(V(sam.id), EntryFilter(tags=("EVEN",))).total == 5
    assert journal.list_entries(V(sam.id), EntryFilter(valence=(1, 5))).total == 4
    assert journal.list_entries(V(sam.id), EntryFilter(feelings=("calm",))).total == 10
    assert journal.list_entries(V(sam.id), EntryFilter(text="day 3")).total == 1  # "day" AND "3*"


def test_trash_undo_and_erase(journal: Journal, db_url: str, backend: str) -> None:
    sam = make_member(journal)
    marker = "quetzalcoatlus"
    entry = make_entry(journal, sam, body=f"the {marker} note")
    journal.trash_entry(V(sam.id), entry.id)
    assert journal.list_entries(V(sam.id)).total == 0
    assert search_service.search(journal, V(sam.id), marker) == []
    assert journal.list_entries(V(sam.id), EntryFilter(trashed=True)).total == 1
    journal.restore_entry(V(sam.id), entry.id)
    assert journal.list_entries(V(sam.id)).total == 1
    journal.trash_entry(V(sam.id), entry.id)
    assert journal.empty_trash(V(sam.id)) == 1
    assert journal.list_entries(V(sam.id), EntryFilter(trashed=True)).total == 0
    assert search_service.search(journal, V(sam.id), marker) == []
    journal.close()
    if backend != "sqlite":
        return  # the file's bytes: SQLite's (PostgreSQL's dead rows are VACUUM's, hosting.md)
    path = Path(db_url.split("///", 1)[1])
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            assert marker.encode() not in file.read_bytes(), file


def test_bulk_insert_matches_single_inserts(journal: Journal) -> None:
    from attune.domain.entries import EntryDraft

    sam = make_member(journal)
    at = datetime(2026, 2, 2, 12, tzinfo=UTC)
    drafts = [(f"00000000-0000-4000-8000-00000000000{i}",
               EntryDraft(occurred_at=at, valence=3, energy=3, tags=("a", "B"), feelings=("calm",),
                          body=f"bulk {i}")) for i in range(5)]  # fmt: skip
    assert journal.add_entries_bulk(V(sam.id), drafts) == 5
    page = journal.list_entries(V(sam.id))
    assert page.total == 5 and page.items[0].tags == ("a", "B")
    assert len(search_service.search(journal, V(sam.id), "bulk")) == 5


def test_drafts_survive_and_clear_on_save(journal: Journal) -> None:
    sam = make_member(journal)
    journal.save_draft(V(sam.id), "today", "half a thought")
    assert journal.draft(V(sam.id), "today") == "half a thought"
    make_entry(journal, sam)
    assert journal.draft(V(sam.id), "today") == "half a thought"
    from attune.domain.entries import EntryDraft

    journal.add_entry(V(sam.id), EntryDraft(occurred_at=datetime.now(UTC), valence=3,
                                         energy=3), draft_slot="today")  # fmt: skip
    assert journal.draft(V(sam.id), "today") == ""


@pytest.mark.sqlite_only  # SQLite's online backup (PostgreSQL's backups are the operator's)
def test_backup_is_consistent(journal: Journal, tmp_path: Path) -> None:
    sam = make_member(journal)
    make_entry(journal, sam)
    out = journal.backup(tmp_path / "copy.db")
    con = sqlite3.connect(out)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    con.close()


@pytest.mark.sqlite_only  # a copy of the SQLite file before migrating
def test_existing_database_is_backed_up_before_upgrading(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    j = Journal()
    make_entry(j, make_member(j))
    j.close()
    calls: list[str] = []
    monkeypatch.setattr(migrate, "at_head", lambda engine: False)  # an older schema
    monkeypatch.setattr(migrate, "current_revision", lambda engine: "0000-older")
    monkeypatch.setattr("alembic.command.upgrade", lambda cfg, rev: calls.append(rev))
    j2 = Journal()
    assert calls == ["head"]
    assert j2.last_backup is not None and j2.last_backup.exists()
    con = sqlite3.connect(j2.last_backup)
    assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    con.close()
    j2.close()


def test_revision_goes_up_with_every_write(journal: Journal) -> None:
    r0 = journal.revision()
    sam = make_member(journal)
    r1 = journal.revision()
    make_entry(journal, sam)
    assert r0 < r1 < journal.revision()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)  # fmt: skip
@given(query=st.text(max_size=40))
def test_search_never_fails_on_any_query(journal: Journal, query: str) -> None:
    members = journal.members() or [make_member(journal)]
    if journal.stats(V(members[0].id)).entries == 0:
        make_entry(journal, members[0], body='Ünïcode café 🙂 "quoted" NEAR OR AND * -minus')
    search_service.search(journal, V(members[0].id), query)
    journal.list_entries(V(members[0].id), EntryFilter(text=query))


def test_search_finds_punctuation_only_queries_by_substring(journal: Journal) -> None:
    sam = make_member(journal)
    make_entry(journal, sam, body="so happy 🙂 today")
    hits = search_service.search(journal, V(sam.id), "🙂")
    assert len(hits) == 1 and "🙂" in hits[0].snippet


def test_foreign_keys_enforced(journal: Journal, admin_url: str) -> None:
    owner = make_engine(admin_url)  # PostgreSQL: past row-level security, to meet the key itself
    try:
        with pytest.raises(IntegrityError, match=r"(?i)foreign key"), owner.begin() as conn:
            conn.execute(text("INSERT INTO drafts (journal_id, member_id, slot, body, updated_at) "
                              "VALUES (1, 999, 'x', 'y', '2026-01-01')"))  # fmt: skip
    finally:
        owner.dispose()
