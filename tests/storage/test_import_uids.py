"""Imported entries' uids say nothing about their words (issue 14, finding 3).

An import's uid used to be an unkeyed hash of what identifies the entry (for Daylio: date, time,
mood, activities and note), stored in clear: with only the database file, a dictionary over
Daylio's small vocabulary recovered a protected member's mood, activities and note, and another
member's dry run confirmed a guess ("1 are already here"). Now the stored uid is keyed with a
secret of the importing member, "already here" counts only the importer's own entries, and a
protected member's batch keeps no clear hash of the file."""

from __future__ import annotations

import hashlib
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from attune import crypto, security
from attune.domain.exports import Scope
from attune.exchange import ImportOptions
from attune.exchange.registry import content_key, stable_uid
from attune.services import Journal, importing, sharing, together
from tests import viewers as test_viewers
from tests.at_rest import owner_engine
from tests.factories import make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

LONDON = ImportOptions(tz=ZoneInfo("Europe/London"))
HEADER = "year,date,weekday,time,mood,activities,note\n"
ROW = '2026,2 March,Monday,10:15 pm,awful,"argument | drinking","I want to leave him"\n'
MOODS = ("rad", "good", "meh", "bad", "awful")
ACTIVITIES = ("argument", "drinking", "friends", "work", "sleep", "party")
NOTES = ("", "I want to leave him", "Could not sleep")


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def daylio(rows: str = ROW) -> importing.ImportPreview:
    data = (HEADER + rows).encode()
    return importing.preview_import(data, "daylio_export.csv", options=LONDON)


def stored(journal: Journal, sql: str) -> list[tuple[object, ...]]:
    """Rows as the database's owner reads them (past the app, and row-level security)."""
    with owner_engine(journal) as engine, engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def guesses() -> dict[str, tuple[str, str, str]]:
    """The old, unkeyed uid of every (mood, activities, note) an attacker would try."""
    out = {}
    for mood in MOODS:
        for a in ACTIVITIES:
            for b in ACTIVITIES:
                acts = "|".join(x for x in dict.fromkeys((a, b)))
                for note in NOTES:
                    key = content_key("2026-03-02", "22:15", mood, acts, "", note)
                    out[stable_uid("daylio", key)] = (mood, acts, note)
    return out


@pytest.fixture
def protected_import(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> dict:
    keys = test_viewers.unlocked(monkeypatch)
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    keys[sam.id] = together.set_passphrase(journal, sam.id, "river stones") or b""
    result = importing.run_import(journal, V(sam.id), daylio())
    assert result.added == 1
    return {"sam": sam, "alex": alex}


def test_a_dictionary_over_the_uids_recovers_nothing(
    protected_import: dict, journal: Journal, db_url: str
) -> None:
    table = guesses()
    assert ("awful", "argument|drinking", "I want to leave him") in table.values()
    journal.checkpoint()
    uids = {str(u) for (u,) in stored(journal, "SELECT uid FROM entries")}
    assert uids and not uids & set(table), "an unkeyed uid gives the entry's words away"


def test_a_protected_members_batch_keeps_no_clear_file_hash(
    protected_import: dict, journal: Journal, db_url: str
) -> None:
    clear = hashlib.sha256((HEADER + ROW).encode()).hexdigest()
    journal.checkpoint()
    hashes = [str(h) for (h,) in stored(journal, "SELECT file_sha256 FROM import_batches")]
    assert len(hashes) == 1 and clear not in hashes


def test_another_members_dry_run_counts_none_already_here(
    protected_import: dict, journal: Journal
) -> None:
    alex = protected_import["alex"]
    assert importing.already_present(journal, V(alex.id), daylio()) == 0
    result = importing.run_import(journal, V(alex.id), daylio())  # Alex's own copy, then
    assert (result.added, result.already_present) == (1, 0)
    assert importing.already_present(journal, V(alex.id), daylio()) == 1


def test_the_same_member_reimporting_adds_nothing(protected_import: dict, journal: Journal) -> None:
    sam = protected_import["sam"]
    assert importing.already_present(journal, V(sam.id), daylio()) == 1
    again = importing.run_import(journal, V(sam.id), daylio())
    assert (again.batch_id, again.added, again.already_present) == (None, 0, 1)


def test_the_same_member_after_locking_and_unlocking_again(
    protected_import: dict, journal: Journal
) -> None:
    sam = protected_import["sam"]
    viewer = together.unlock_viewer(journal, sam.id, "river stones")
    assert viewer is not None
    again = importing.run_import(journal, viewer, daylio())
    assert (again.added, again.already_present) == (0, 1)


def test_an_unprotected_member_gets_keyed_uids_too(journal: Journal, db_url: str) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    importing.run_import(journal, V(sam.id), daylio())
    uids = {str(u) for (u,) in stored(journal, "SELECT uid FROM entries")}
    assert not uids & set(guesses())
    assert importing.already_present(journal, V(alex.id), daylio()) == 0
    assert importing.run_import(journal, V(sam.id), daylio()).added == 0


def test_entries_imported_before_keyed_uids_are_still_already_here(
    journal: Journal, db_url: str
) -> None:
    """A file imported before this change (its entries keep their old uids) adds nothing again."""
    sam = make_member(journal, "Sam")
    importing.run_import(journal, V(sam.id), daylio())
    [(keyed,)] = stored(journal, "SELECT uid FROM entries")
    old = daylio().entries[0].uid
    with owner_engine(journal) as engine, engine.begin() as conn:
        conn.execute(text("UPDATE entries SET uid = :old WHERE uid = :k"), {"old": old, "k": keyed})
    assert importing.already_present(journal, V(sam.id), daylio()) == 1
    assert importing.run_import(journal, V(sam.id), daylio()).added == 0


def test_an_export_of_someone_elses_private_entries_imports_as_ones_own(
    journal: Journal,
) -> None:
    """Sam's Attune export (his private entries, their uids) imported by Alex: Alex gets his own
    private copies under uids of their own — on PostgreSQL too, where Sam's private rows, and so
    their uids, are hidden from Alex by row-level security (the insert met the journal's unique
    uid: UniqueViolation). Sam's entries are untouched."""
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    make_entry(journal, sam, body="written here, not imported")  # a uid of its own
    importing.run_import(journal, V(sam.id), daylio())
    data = sharing.gather(journal, V(sam.id), scope=Scope.ALL)
    content = sharing.render(data, "json").content
    preview = importing.preview_import(content, "attune.json")
    result = importing.run_import(journal, V(alex.id), preview)
    assert (result.added, result.already_present) == (2, 0)
    rows = stored(journal, "SELECT member_id, uid FROM entries ORDER BY id")
    assert [m for m, _ in rows] == [sam.id, sam.id, alex.id, alex.id]
    assert len({u for _, u in rows}) == 4
    again = importing.run_import(journal, V(alex.id), preview)  # his own copies: already here
    assert (again.added, again.already_present) == (0, 2)
