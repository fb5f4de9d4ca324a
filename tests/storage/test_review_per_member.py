"""The Therapist review store belongs to one member (issue 14, finding 1).

It used to be one folder of plain JSON files for everyone: a protected member opened her own
export on the Therapist page, and another member, in a fresh session, read those decrypted
entries and the private notes. Now each member has their own store, which nobody else's session
lists or opens, sealed with the member's data key when they have a passphrase."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from attune import crypto, security
from attune.domain.errors import LockedError
from attune.domain.exports import Scope
from attune.exchange import attune_json
from attune.services import Journal, review, sharing, together
from tests import viewers as test_viewers
from tests.factories import make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

WORDS, NOTE = "okapi-confession", "zebrafinch-note"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "SCRYPT_N", 2**10)
    monkeypatch.setattr(crypto, "SCRYPT_N", 2**10)


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture
def opened_by_sam(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> dict:
    """Sam, protected, opens her own export on the Therapist page and writes a note."""
    keys = test_viewers.unlocked(monkeypatch)
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    keys[sam.id] = together.set_passphrase(journal, sam.id, "river stones") or b""
    make_entry(journal, sam, body=WORDS, occurred_at=make_entry(journal, sam).occurred_at)
    data = sharing.gather(journal, V(sam.id), scope=Scope.ALL, end=date(2027, 1, 1))
    store = review.store_for(journal, V(sam.id))
    opened = store.open_export(attune_json.dumps(data))
    store.add_note(data.client_id, NOTE)
    return {"sam": sam, "alex": alex, "client": opened.data.client_id, "keys": keys}


def test_another_member_cannot_list_or_read_the_records(
    opened_by_sam: dict, journal: Journal
) -> None:
    alex = opened_by_sam["alex"]
    theirs = review.store_for(journal, V(alex.id))  # a fresh session of Alex's
    assert theirs.clients() == []
    with pytest.raises(LookupError):
        theirs.load(opened_by_sam["client"])
    assert theirs.notes(opened_by_sam["client"]) == []
    with pytest.raises(LookupError):
        theirs.add_note(opened_by_sam["client"], "mine now")


def test_the_owner_reads_them_only_unlocked(opened_by_sam: dict, journal: Journal) -> None:
    sam = opened_by_sam["sam"]
    mine = review.store_for(journal, V(sam.id))
    assert [c.member for c in mine.clients()] == ["Sam"]
    assert any(e.body == WORDS for e in mine.load(opened_by_sam["client"]).entries)
    assert [n.text for n in mine.notes(opened_by_sam["client"])] == [NOTE]
    with pytest.raises(LockedError):
        review.store_for(journal, V(sam.id, key=None).locked())


def test_the_files_hold_none_of_the_words(opened_by_sam: dict, journal: Journal) -> None:
    raw = all_bytes(journal.settings.data_dir / "review")
    assert raw, "the record was stored"
    for word in (WORDS, NOTE, "Sam"):
        assert word.encode() not in raw, word


def test_a_changed_passphrase_keeps_the_records_readable(
    opened_by_sam: dict, journal: Journal
) -> None:
    sam, keys = opened_by_sam["sam"], opened_by_sam["keys"]
    old = all_bytes(journal.settings.data_dir / "review")
    keys[sam.id] = together.set_passphrase(
        journal, sam.id, "harbour lights", current="river stones"
    )
    mine = review.store_for(journal, V(sam.id))
    assert [n.text for n in mine.notes(opened_by_sam["client"])] == [NOTE]
    assert any(e.body == WORDS for e in mine.load(opened_by_sam["client"]).entries)
    assert all_bytes(journal.settings.data_dir / "review") != old  # sealed again, new key
    assert not list((journal.settings.data_dir / "review").rglob("*.next"))


def test_removing_the_passphrase_keeps_them_readable_and_still_per_member(
    opened_by_sam: dict, journal: Journal
) -> None:
    sam, alex = opened_by_sam["sam"], opened_by_sam["alex"]
    together.set_passphrase(journal, sam.id, None, current="river stones")
    opened_by_sam["keys"].pop(sam.id)
    mine = review.store_for(journal, V(sam.id))
    assert [n.text for n in mine.notes(opened_by_sam["client"])] == [NOTE]
    assert review.store_for(journal, V(alex.id)).clients() == []
    together.set_passphrase(journal, sam.id, "new stones here")  # sealed again
    assert NOTE.encode() not in all_bytes(journal.settings.data_dir / "review")


def test_an_unprotected_members_store_is_still_their_own(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    make_entry(journal, sam, body=WORDS)
    data = sharing.gather(journal, V(sam.id), scope=Scope.ALL, end=date(2027, 1, 1))
    review.store_for(journal, V(sam.id)).open_export(attune_json.dumps(data))
    assert [c.member for c in review.store_for(journal, V(sam.id)).clients()] == ["Sam"]
    assert review.store_for(journal, V(alex.id)).clients() == []
    assert not review.store_for(journal, V(sam.id)).sealed
