"""Private entries encrypted at rest: someone with the database file but not the member's
passphrase cannot read their words; after unlocking, everything works in memory."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from attune import crypto, security
from attune.domain.entries import EntryFilter, Visibility
from attune.services import Journal, together
from attune.services import search as search_service
from attune.services import trends as trends_service
from tests import viewers as test_viewers
from tests.factories import make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

SECRET, TAG, FEEL = "quagga", "okapi-tag", "tender"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> dict[int, bytes]:
    return test_viewers.unlocked(monkeypatch)


def file_bytes(db_url: str) -> bytes:
    path = Path(db_url.split("///", 1)[1])
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def at_rest(db_url: str, admin_url: str) -> bytes:
    """What someone with the database but no passphrase reads: SQLite's file and log; on
    PostgreSQL every row of every table as text, the search vectors included, read as the
    owner (past row-level security)."""
    if db_url.startswith("sqlite"):
        return file_bytes(db_url)
    owner = create_engine(admin_url)
    try:
        with owner.connect() as conn:
            tables = conn.scalars(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).all()
            rows = [
                conn.scalar(text(f"SELECT coalesce(string_agg(t::text, ' '), '') FROM {n} t"))
                for n in tables
            ]
    finally:
        owner.dispose()
    return "\n".join(r or "" for r in rows).encode()


@pytest.fixture
def protected(journal: Journal, keys: dict[int, bytes], db_url: str) -> dict[str, object]:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    private = make_entry(journal, sam, body=f"the {SECRET} words", tags=(TAG,), feelings=(FEEL,))
    shared = make_entry(journal, sam, body="open lanternfish", visibility=Visibility.SHARED)
    journal.save_draft(V(sam.id), "today", f"draft about {SECRET}")
    key = together.set_passphrase(journal, sam.id, "river stones")
    assert key is not None
    return {"sam": sam, "alex": alex, "private": private, "shared": shared, "key": key}


def test_the_file_holds_none_of_the_words(
    protected: dict, journal: Journal, db_url: str, admin_url: str, backend: str
) -> None:
    journal.checkpoint()
    raw = at_rest(db_url, admin_url)
    for word in (SECRET, TAG):
        assert word.encode() not in raw, word
    assert b"lanternfish" in raw  # shared entries stay plain (and searchable by the others)
    owner = create_engine(admin_url)
    try:
        with owner.connect() as conn:
            if backend == "sqlite":
                indexed = "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH :w"
            else:
                indexed = "SELECT count(*) FROM entries WHERE body_tsv @@ to_tsquery('simple', :w)"
            assert conn.scalar(text(indexed), {"w": SECRET}) == 0
            assert conn.scalar(text("SELECT count(*) FROM tags WHERE name = :t"), {"t": TAG}) == 0
            row = conn.execute(
                text("SELECT body, sealed FROM entries WHERE uid = :u"),
                {"u": protected["private"].uid},
            ).one()
    finally:
        owner.dispose()
    assert row[0] == ""
    assert len(row[1]) > 16


def test_locked_reads_show_no_words(protected: dict, journal: Journal) -> None:
    sam = protected["sam"]
    entry = journal.get_entry(V(sam.id), protected["private"].id)
    assert entry.sealed
    assert entry.body == ""
    assert entry.tags == ()
    assert search_service.search(journal, V(sam.id), SECRET) == []
    assert journal.draft(V(sam.id), "today") == ""


def test_unlocked_everything_works_in_memory(
    protected: dict, journal: Journal, keys: dict[int, bytes]
) -> None:
    sam = protected["sam"]
    keys[sam.id] = protected["key"]
    entry = journal.get_entry(V(sam.id), protected["private"].id)
    assert (entry.body, entry.tags, entry.feelings) == (f"the {SECRET} words", (TAG,), (FEEL,))
    assert [h.entry_id for h in search_service.search(journal, V(sam.id), SECRET)] == [entry.id]
    assert journal.list_entries(V(sam.id), EntryFilter(text=SECRET)).total == 1
    assert journal.list_entries(V(sam.id), EntryFilter(tags=(TAG,))).total == 1
    assert journal.list_entries(V(sam.id), EntryFilter(feelings=(FEEL,))).total == 1
    assert TAG in search_service.tags(journal, V(sam.id))
    frame = trends_service.entries_frame(journal, V(sam.id))
    assert list(frame.loc[frame["uid"] == entry.uid, "tags"].iloc[0]) == [TAG]
    assert journal.draft(V(sam.id), "today") == f"draft about {SECRET}"
    # the other member never gets them, key or not
    keys[protected["alex"].id] = b"\x00" * 32
    assert search_service.search(journal, V(protected["alex"].id), SECRET) == []


def test_new_private_entries_are_sealed_and_locked_writes_refused(
    protected: dict, journal: Journal, keys: dict[int, bytes], db_url: str, admin_url: str
) -> None:
    sam = protected["sam"]
    with pytest.raises(crypto.LockedError):
        make_entry(journal, sam, body="capybara thoughts")
    keys[sam.id] = protected["key"]
    made = make_entry(journal, sam, body="capybara thoughts", tags=("yak-tag",))
    assert made.sealed
    assert made.body == "capybara thoughts"
    shared = make_entry(journal, sam, body="shared heron", visibility=Visibility.SHARED)
    assert not shared.sealed
    journal.checkpoint()
    raw = at_rest(db_url, admin_url)
    assert b"capybara" not in raw
    assert b"yak-tag" not in raw
    assert b"shared heron" in raw


def test_visibility_change_seals_and_unseals(
    protected: dict, journal: Journal, keys: dict[int, bytes]
) -> None:
    sam = protected["sam"]
    keys[sam.id] = protected["key"]
    entry = journal.get_entry(V(sam.id), protected["private"].id)
    opened = entry.as_draft().__class__(
        **{**entry.as_draft().__dict__, "visibility": Visibility.SHARED}
    )
    shared = journal.update_entry(V(sam.id), entry.id, opened, entry.version)
    assert not shared.sealed
    assert search_service.search(
        journal, V(protected["alex"].id), SECRET
    )  # now shared: the others can find it
    back = journal.update_entry(V(sam.id), entry.id, entry.as_draft(), shared.version)
    assert back.sealed
    assert search_service.search(journal, V(protected["alex"].id), SECRET) == []


def test_moved_blobs_and_flipped_visibility_do_not_open(
    protected: dict, journal: Journal, keys: dict[int, bytes], admin_url: str
) -> None:
    sam = protected["sam"]
    keys[sam.id] = protected["key"]
    other = make_entry(journal, sam, body="second secret walrus")
    owner = create_engine(admin_url)  # someone with write access to the database itself
    try:
        with owner.begin() as conn:
            private = {"id": protected["private"].id}
            blob = conn.scalar(text("SELECT sealed FROM entries WHERE id = :id"), private)
            conn.execute(
                text("UPDATE entries SET sealed = :b WHERE id = :id"), {"b": blob, "id": other.id}
            )  # moved
            conn.execute(text("UPDATE entries SET visibility = 'shared' WHERE id = :id"), private)
    finally:
        owner.dispose()
    assert journal.get_entry(V(sam.id), other.id).body == ""  # bound to its own uid
    flipped = journal.get_entry(V(protected["alex"].id), protected["private"].id)
    assert flipped.body == ""  # flipping the column reveals nothing, to anyone


def test_change_and_remove_passphrase(
    protected: dict, journal: Journal, keys: dict[int, bytes]
) -> None:
    sam = protected["sam"]
    with pytest.raises(security.PassphraseError):
        together.set_passphrase(journal, sam.id, "new stones!", current="wrong")
    key = together.set_passphrase(journal, sam.id, "new stones!", current="river stones")
    assert key is not None and key != protected["key"]  # a new data key, everything re-sealed
    assert together.open_journal(journal, sam.id, "river stones") is False
    assert together.open_journal(journal, sam.id, "new stones!") == key
    assert together.set_passphrase(journal, sam.id, None, current="new stones!") is None
    entry = journal.get_entry(V(sam.id), protected["private"].id)
    assert not entry.sealed
    assert entry.body == f"the {SECRET} words"
    assert entry.tags == (TAG,)
    assert [h.entry_id for h in search_service.search(journal, V(sam.id), SECRET)] == [
        entry.id
    ]  # back in FTS


def test_bulk_writes_seal_too(protected: dict, journal: Journal, keys: dict[int, bytes]) -> None:
    from datetime import UTC, datetime

    from attune.domain.entries import EntryDraft

    sam = protected["sam"]
    keys[sam.id] = protected["key"]
    rows = [(f"00000000-0000-4000-8000-0000000000{i:02d}",
             EntryDraft(occurred_at=datetime.now(UTC), valence=3, energy=3, body=f"bulk zorilla {i}",
                        tags=("bulk-tag",))) for i in range(5)]  # fmt: skip
    assert journal.add_entries_bulk(V(sam.id), rows) == 5
    assert journal.list_entries(V(sam.id), EntryFilter(text="zorilla")).total == 5
    keys.clear()
    assert journal.list_entries(V(sam.id), EntryFilter(text="zorilla")).total == 0


def test_parameters_meet_owasp() -> None:
    assert (crypto.SCRYPT_R, crypto.SCRYPT_P) == (8, 1)
    import importlib

    fresh = importlib.reload(crypto)
    assert fresh.SCRYPT_N >= 2**17


def test_cli_unlocks_with_an_environment_variable(
    protected: dict, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from attune.cli import main

    runner = CliRunner()
    locked = runner.invoke(main, ["search", SECRET, "--member", "Sam"])
    assert locked.exit_code != 0
    assert "locked" in locked.output
    monkeypatch.setenv("SAM_PASS", "wrong")
    assert (
        runner.invoke(
            main, ["--unlock-env", "SAM_PASS", "search", SECRET, "--member", "Sam"]
        ).exit_code
        == 1
    )
    monkeypatch.setenv("SAM_PASS", "river stones")
    found = runner.invoke(
        main, ["--unlock-env", "SAM_PASS", "search", SECRET, "--member", "Sam", "--json"]
    )
    assert found.exit_code == 0, found.output
    assert SECRET in found.output
