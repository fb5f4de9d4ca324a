"""Imports on a real temporary SQLite file: the right rows, re-import adds nothing, undo removes
exactly one batch, one transaction, and a refused file leaves the database byte-identical."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import text

from attune.domain.entries import EntryFilter, NotFoundError
from attune.exchange import ImportFailed, ImportOptions
from attune.services import Journal, importing
from attune.services import search as search_service
from attune.storage import bulk, migrate
from attune.storage.engine import make_engine
from tests.factories import make_entry, make_member
from tests.import_files import BAD_FILES, fixture
from tests.viewers import V

pytestmark = pytest.mark.both_backends

LONDON = ImportOptions(mood_map={"sad": 2}, tz=ZoneInfo("Europe/London"))


def preview(name: str, options: ImportOptions = LONDON) -> importing.ImportPreview:
    return importing.preview_import(fixture(name), name, options=options)


def db_path(db_url: str) -> Path:
    return Path(db_url.split("///", 1)[1])


def test_import_stores_the_right_rows(journal: Journal) -> None:
    sam = make_member(journal)
    result = importing.run_import(journal, V(sam.id), preview("daylio_v1.csv"))
    assert (result.added, result.already_present, result.skipped) == (5, 0, 0)
    entries = journal.list_entries(V(sam.id)).items
    assert len(entries) == 5
    newest = entries[0]
    assert newest.occurred_at.isoformat() == "2018-05-18T23:54:00+01:00"
    assert (newest.valence, newest.energy, newest.tags) == (5, 3, ("friends", "party", "music"))
    assert newest.body == "Went to Mia's party, danced until late"
    assert newest.visibility.value == "private"
    assert journal.list_entries(V(sam.id), EntryFilter(tags=("stressed",))).total == 1
    assert len(search_service.search(journal, V(sam.id), "party")) == 1  # indexed for search
    [batch] = importing.import_batches(journal, V(sam.id))
    assert (batch.id, batch.format, batch.entry_count, batch.undone) == (
        result.batch_id, "daylio", 5, False)  # fmt: skip
    # a keyed hash of the file (issue 14): nobody can check a guessed file against it
    assert len(batch.file_sha256) == 64
    assert batch.file_sha256 != hashlib.sha256(fixture("daylio_v1.csv")).hexdigest()
    with journal.sessions.reading(V(sam.id)) as s:
        linked = s.execute(
            text("SELECT count(*) FROM entries WHERE import_batch_id = :b"), {"b": batch.id}
        ).scalar()
    assert linked == 5


def test_reimport_adds_nothing(journal: Journal) -> None:
    sam = make_member(journal)
    importing.run_import(journal, V(sam.id), preview("dayone_export.zip"))
    revision = journal.revision()
    again = importing.run_import(journal, V(sam.id), preview("dayone_export.zip"))
    assert (again.batch_id, again.added, again.already_present) == (None, 0, 5)
    assert journal.list_entries(V(sam.id)).total == 5
    assert len(importing.import_batches(journal, V(sam.id))) == 1
    assert journal.revision() == revision  # nothing written, nothing invalidated
    # jrnl's text journal and its JSON export hold the same entries
    first = importing.run_import(journal, V(sam.id), preview("jrnl_journal.txt"))
    second = importing.run_import(journal, V(sam.id), preview("jrnl_export.json"))
    assert (first.added, second.added, second.already_present) == (8, 0, 8)


def test_undo_removes_exactly_that_batch(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    mine = make_entry(journal, sam, body="written by hand")
    theirs = make_entry(journal, alex, body="alex wrote this")
    dayone = importing.run_import(journal, V(sam.id), preview("dayone_export.zip"))
    daylio = importing.run_import(journal, V(sam.id), preview("daylio_v3_bom.csv"))
    assert daylio.batch_id is not None and dayone.batch_id is not None
    edited = journal.list_entries(V(sam.id), EntryFilter(text="Picnic")).items[0]
    journal.update_entry(V(sam.id), edited.id, edited.as_draft(), expected_version=edited.version)
    trashed = journal.list_entries(V(sam.id), EntryFilter(text="Stomach")).items[0]
    journal.trash_entry(V(sam.id), trashed.id)
    assert journal.list_entries(V(sam.id)).total == 1 + 5 + 4

    with pytest.raises(NotFoundError):  # not Alex's import
        importing.undo_import(journal, V(alex.id), daylio.batch_id)
    assert importing.undo_import(journal, V(sam.id), daylio.batch_id) == 5  # edited and trashed too

    left = journal.list_entries(V(sam.id)).items
    assert {e.body for e in left} == {mine.body} | {
        e.draft.body for e in preview("dayone_export.zip").entries
    }
    assert len(left) == 1 + 5 and mine.uid in {e.uid for e in left}
    assert journal.list_entries(V(sam.id), EntryFilter(trashed=True)).total == 0
    assert journal.get_entry(V(alex.id), theirs.id).body == "alex wrote this"
    assert (
        search_service.search(journal, V(sam.id), "Picnic") == []
        and search_service.search(journal, V(sam.id), "Stomach") == []
    )
    batches = {b.id: b for b in importing.import_batches(journal, V(sam.id))}
    assert batches[daylio.batch_id].undone and not batches[dayone.batch_id].undone
    with pytest.raises(NotFoundError):  # only once
        importing.undo_import(journal, V(sam.id), daylio.batch_id)
    # undone entries can be imported again
    assert importing.run_import(journal, V(sam.id), preview("daylio_v3_bom.csv")).added == 5


@pytest.mark.sqlite_only  # the SQLite file and its WAL, read as bytes
def test_undo_leaves_no_trace_of_the_text_in_the_file(journal: Journal, db_url: str) -> None:
    sam = make_member(journal)
    result = importing.run_import(journal, V(sam.id), preview("jrnl_export.json"))
    assert result.batch_id is not None
    importing.undo_import(journal, V(sam.id), result.batch_id)
    journal.close()
    path = db_path(db_url)
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            assert b"heron" not in file.read_bytes(), file


def test_import_is_one_transaction(
    journal: Journal, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    from attune.storage import import_repo

    sam = make_member(journal)
    monkeypatch.setattr(import_repo, "CHUNK", 2)
    real = bulk.add_entries_bulk
    calls: list[int] = []

    def fail_on_third(*args: object, **kwargs: object) -> int:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk, "add_entries_bulk", fail_on_third)
    progress: list[float] = []
    with pytest.raises(RuntimeError):
        importing.run_import(journal, V(sam.id), preview("jrnl_export.json"), progress.append)
    assert progress == [0.25, 0.5]  # half was written before the failure…
    assert journal.list_entries(V(sam.id)).total == 0  # …and none of it stayed
    assert importing.import_batches(journal, V(sam.id)) == []
    assert search_service.search(journal, V(sam.id), "heron") == []
    if backend == "sqlite":
        with journal.engine.connect() as conn:  # the full-text trigger is back
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert "entries_fts_ai" in names
    monkeypatch.setattr(bulk, "add_entries_bulk", real)
    assert importing.run_import(journal, V(sam.id), preview("jrnl_export.json")).added == 8


def test_progress_reaches_one(journal: Journal) -> None:
    sam = make_member(journal)
    seen: list[float] = []
    importing.run_import(journal, V(sam.id), preview("daylio_v2.csv"), progress=seen.append)
    assert seen[-1] == 1.0


def test_unmapped_moods_block_the_import(journal: Journal) -> None:
    sam = make_member(journal)
    waiting = preview("daylio_v3_bom.csv", ImportOptions())
    with pytest.raises(ImportFailed):
        importing.run_import(journal, V(sam.id), waiting)
    assert journal.list_entries(V(sam.id)).total == 0


@pytest.mark.sqlite_only  # the SQLite file's bytes (on PostgreSQL: the revision, test below)
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_refused_file_leaves_the_database_byte_identical(
    case: str, journal: Journal, db_url: str
) -> None:
    sam = make_member(journal)
    make_entry(journal, sam)
    journal.checkpoint()
    path = db_path(db_url)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    revision = journal.revision()
    name, build, _ = BAD_FILES[case]
    with pytest.raises(ImportFailed):
        importing.run_import(journal, V(sam.id), importing.preview_import(build(), name))
    journal.checkpoint()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert journal.revision() == revision


def test_refused_files_write_nothing(journal: Journal) -> None:
    """Every refused file, one after another, leaves the revision and the entries as they were
    (on SQLite the test above also compares the file's bytes)."""
    sam = make_member(journal)
    make_entry(journal, sam)
    revision = journal.revision()
    for name, build, _ in BAD_FILES.values():
        with pytest.raises(ImportFailed):
            importing.run_import(journal, V(sam.id), importing.preview_import(build(), name))
    assert journal.revision() == revision
    assert journal.list_entries(V(sam.id)).total == 1
    assert importing.import_batches(journal, V(sam.id)) == []


def test_oversized_file_on_disk_is_not_read(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attune.exchange import registry

    big = tmp_path / "big.csv"
    big.write_bytes(fixture("daylio_v1.csv"))
    monkeypatch.setattr(registry, "MAX_IMPORT_BYTES", 50)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read anyway"))
    with pytest.raises(ImportFailed, match="larger than 50 bytes"):
        importing.preview_file(big)


def test_migration_0003_keeps_tags_feelings_and_search(tmp_path: Path) -> None:
    """Adding entries.import_batch_id rebuilds `entries` on SQLite; tag and feeling links and the
    full-text index must survive it, up and down."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = migrate.alembic_config(engine)
    command.upgrade(cfg, "0002")
    with engine.begin() as conn:
        for sql in (
            "INSERT INTO members (name, name_key, colour, created_at) "
            "VALUES ('Sam', 'sam', '#000', '2026-01-01')",
            "INSERT INTO tags (name, name_key) VALUES ('walk', 'walk')",
            "INSERT INTO entries (uid, member_id, occurred_at, utc_offset_min, local_date, valence,"
            " energy, body, visibility, share_with_therapist, created_at, updated_at, version) "
            "VALUES ('u1', 1, '2026-01-01', 0, '2026-01-01', 3, 3, 'heron by the river', "
            "'private', 0, '2026-01-01', '2026-01-01', 1)",
            "INSERT INTO entry_tags VALUES (1, 1, 0)",
            "INSERT INTO entry_feelings VALUES (1, 'calm', 0)",
        ):
            conn.exec_driver_sql(sql)

    def check() -> None:
        con = sqlite3.connect(tmp_path / "old.db")
        try:
            assert con.execute("SELECT count(*) FROM entry_tags").fetchone() == (1,)
            assert con.execute("SELECT count(*) FROM entry_feelings").fetchone() == (1,)
            hits = con.execute("SELECT rowid FROM entry_fts WHERE entry_fts MATCH 'heron'")
            assert hits.fetchall() == [(1,)]
            triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = "
                                                  "'trigger'")}  # fmt: skip
            assert triggers == {"entries_fts_ai", "entries_fts_ad", "entries_fts_au"}
            assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            con.close()

    command.upgrade(cfg, "0003")
    check()
    command.downgrade(cfg, "0002")
    check()
    command.upgrade(cfg, "0003")
    check()
    engine.dispose()


@pytest.mark.slow
def test_a_hundred_thousand_entries(journal: Journal, backend: str) -> None:
    """100,000 entries import, re-import as nothing, search and undo correctly. How long it takes
    is measured by the benchmark (bench/, `make bench`), not asserted here. On PostgreSQL
    20,000 (a test server shared by the whole suite): the same paths — several insert chunks
    and uid lookups, an import large enough to be analyzed, the common-word search walk."""
    import time

    n = 100_000 if backend == "sqlite" else 20_000

    head = "full_date,date,weekday,time,mood,activities,note\n"
    rows = [
        f"{2000 + i // 4000}-{1 + i % 12:02d}-{1 + i % 28:02d},x,x,{i % 24}:{i % 60:02d},"
        f'{("rad", "good", "meh", "bad", "awful")[i % 5]},"work | walk | friends",note {i}\n'
        for i in range(n)
    ]
    sam = make_member(journal)
    start = time.perf_counter()
    big = importing.preview_import((head + "".join(rows)).encode(), "big.csv", options=LONDON)
    parsed = time.perf_counter()
    result = importing.run_import(journal, V(sam.id), big)
    stored = time.perf_counter()
    print(f"\n{n:,} entries: parse {parsed - start:.1f} s, store {stored - parsed:.1f} s")
    assert result.added == n
    assert journal.list_entries(V(sam.id), EntryFilter(text=str(n - 1))).total == 1
    assert importing.run_import(journal, V(sam.id), big).already_present == n
    assert result.batch_id is not None
    assert importing.undo_import(journal, V(sam.id), result.batch_id) == n
