"""A changed passphrase is a new data key (issue 14, finding 2).

It used to re-wrap the same data key, so any backup taken before the change (one is taken before
every schema upgrade) plus the old passphrase opened entries written after it. Now a change makes
a new data key and re-seals every sealed row under it in one transaction."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from attune import crypto, security
from attune.domain.entries import EntryFilter
from attune.services import Journal, importing, together
from tests import viewers as test_viewers
from tests.factories import make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

OLD, NEW = "river stones", "harbour lights"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def db_file(db_url: str) -> Path:
    return Path(db_url.split("///", 1)[1])


def read(path: Path, sql: str, *args: object) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


@pytest.mark.sqlite_only  # a copy of the SQLite file (PostgreSQL's backups are the operator's)
def test_an_old_backup_and_the_old_passphrase_open_nothing_written_after_a_change(
    journal: Journal, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = test_viewers.unlocked(monkeypatch)
    sam = make_member(journal, "Sam")
    make_entry(journal, sam, body="before the change")
    keys[sam.id] = together.set_passphrase(journal, sam.id, OLD) or b""
    journal.checkpoint()
    backup = tmp_path / "backup-before-change.db"
    shutil.copy(db_file(db_url), backup)  # what backups/ holds from before the change

    new_key = together.set_passphrase(journal, sam.id, NEW, current=OLD)
    assert new_key is not None
    keys[sam.id] = new_key
    after = make_entry(journal, sam, body="written after the change")
    journal.checkpoint()

    [(salt, wrapped)] = read(
        backup, "SELECT key_salt, key_wrapped FROM members WHERE id = ?", sam.id
    )
    old_key = crypto.unwrap(wrapped, OLD, salt)
    [(uid, vis, blob)] = read(
        db_file(db_url), "SELECT uid, visibility, sealed FROM entries WHERE id = ?", after.id
    )
    with pytest.raises(crypto.CryptoError):
        crypto.open_sealed(old_key, uid, vis, blob)
    # …nor what was written before the change, as it is stored now
    for uid, vis, blob in read(db_file(db_url), "SELECT uid, visibility, sealed FROM entries"):
        with pytest.raises(crypto.CryptoError):
            crypto.open_sealed(old_key, uid, vis, blob)


def test_everything_sealed_opens_with_the_new_passphrase(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = test_viewers.unlocked(monkeypatch)
    sam = make_member(journal, "Sam")
    make_entry(journal, sam, body="kept okapi", tags=("walk",))
    gone = make_entry(journal, sam, body="trashed okapi")
    keys[sam.id] = together.set_passphrase(journal, sam.id, OLD) or b""
    journal.save_draft(V(sam.id), "today", "draft okapi")
    journal.trash_entry(V(sam.id), gone.id)
    importing.run_import(
        journal,
        V(sam.id),
        importing.preview_import(
            b"year,date,weekday,time,mood,activities,note\n"
            b'2026,2 March,Monday,10:15 pm,good,"walk","imported okapi"\n',
            "daylio_export.csv",
        ),
    )
    together.set_passphrase(journal, sam.id, NEW, current=OLD)
    with pytest.raises(security.PassphraseError):
        together.set_passphrase(journal, sam.id, "third phrase here", current=OLD)
    viewer = together.unlock_viewer(journal, sam.id, NEW)
    assert viewer is not None and viewer.key is not None
    keys[sam.id] = viewer.key
    bodies = {e.body for e in journal.list_entries(viewer).items}
    assert bodies == {"kept okapi", "imported okapi"}
    assert journal.draft(viewer, "today") == "draft okapi"
    trashed = journal.list_entries(viewer, EntryFilter(trashed=True)).items
    assert [e.body for e in trashed] == ["trashed okapi"]
    again = importing.run_import(
        journal,
        viewer,
        importing.preview_import(
            b"year,date,weekday,time,mood,activities,note\n"
            b'2026,2 March,Monday,10:15 pm,good,"walk","imported okapi"\n',
            "daylio_export.csv",
        ),
    )
    assert again.added == 0  # the import secret was re-sealed too


def test_a_change_reports_its_progress(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = test_viewers.unlocked(monkeypatch)
    sam = make_member(journal, "Sam")
    for n in range(5):
        make_entry(journal, sam, body=f"entry {n}")
    keys[sam.id] = together.set_passphrase(journal, sam.id, OLD) or b""
    steps: list[float] = []
    together.set_passphrase(journal, sam.id, NEW, current=OLD, progress=steps.append)
    assert steps and steps == sorted(steps) and steps[-1] == 1.0


@pytest.mark.sqlite_only  # Attune's own backups are SQLite copies
def test_backups_from_before_a_change_are_named_and_can_be_deleted(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = test_viewers.unlocked(monkeypatch)
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    keys[sam.id] = together.set_passphrase(journal, sam.id, OLD) or b""
    before = journal.backup()
    assert together.backups_with_an_old_key(journal, sam.id) == []
    together.set_passphrase(journal, sam.id, NEW, current=OLD)
    after = journal.backup()
    assert together.backups_with_an_old_key(journal, sam.id) == [before]
    assert together.backups_with_an_old_key(journal, alex.id) == []
    assert together.delete_backups_with_an_old_key(journal, sam.id) == 1
    assert not before.exists() and after.exists()
