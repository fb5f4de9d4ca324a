"""Issue 17 items 2 and 3: a client record holds one key and is extended only by exports signed
with it; the therapist names clients; each export says what it holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from attune import messages
from attune.domain.exports import Scope
from attune.exchange import attune_json, signature
from attune.exchange.registry import ImportFailed
from attune.services import Journal, sharing
from attune.services.review import ReviewStore, Trust
from tests.factories import make_entry, make_member
from tests.viewers import V

END = date(2027, 1, 1)


@pytest.fixture
def store(tmp_path: Path) -> ReviewStore:
    return ReviewStore(tmp_path / "practice", key=b"k" * 32, member_id="practice")


def export(journal: Journal, member_id: int, at: datetime, scope: Scope = Scope.ALL) -> bytes:
    data = sharing.gather(journal, V(member_id), scope=scope, end=END, now=at)
    return attune_json.dumps(data)


def test_exports_are_signed_with_one_key_per_member(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    make_entry(journal, sam)
    now = datetime.now().astimezone()
    one = attune_json.parse_document(export(journal, sam.id, now))
    two = attune_json.parse_document(export(journal, sam.id, now + timedelta(seconds=5)))
    theirs = attune_json.parse_document(export(journal, alex.id, now))
    assert one.public_key and one.public_key == two.public_key != theirs.public_key
    assert signature.verify(one) is signature.Verdict.VALID


def test_a_record_refuses_an_export_signed_by_another_key(
    journal: Journal, store: ReviewStore
) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    make_entry(journal, sam)
    now = datetime.now().astimezone()
    first = store.open_export(export(journal, sam.id, now))
    client = first.data.client_id
    # Someone else writes an export under Sam's client id, signed with their own key.
    forged = attune_json.parse_document(export(journal, alex.id, now + timedelta(minutes=1)))
    forged = replace(forged, client_id=client, member="Sam")
    alex_key = sharing.signing_key(journal, V(alex.id))
    assert alex_key is not None
    with pytest.raises(ImportFailed, match="different key"):
        store.open_export(attune_json.dumps(signature.sign(forged, alex_key)))
    unsigned = replace(forged, public_key="", signature="")
    with pytest.raises(ImportFailed) as refused:
        store.open_export(attune_json.dumps(unsigned))
    assert str(refused.value) == messages.REVIEW_UNSIGNED
    assert len(store.exports(client)) == 1  # nothing of theirs was kept
    later = store.open_export(export(journal, sam.id, now + timedelta(minutes=2)))
    assert len(store.exports(client)) == 2
    assert store.authenticity(client, later.data).trust is Trust.SAME


def test_a_changed_export_is_refused(journal: Journal, store: ReviewStore) -> None:
    sam = make_member(journal, "Sam")
    make_entry(journal, sam, body="a quiet walk")
    raw = export(journal, sam.id, datetime.now().astimezone())
    with pytest.raises(ImportFailed) as refused:
        store.open_export(raw.replace(b"a quiet walk", b"a quiet talk"))
    assert str(refused.value) == messages.REVIEW_SIGNATURE_BROKEN
    assert store.clients() == []


def test_the_therapist_names_clients_and_sees_what_each_export_holds(
    journal: Journal, store: ReviewStore
) -> None:
    sam = make_member(journal, "Sam")
    for _ in range(3):
        make_entry(journal, sam)
    now = datetime.now().astimezone()
    client = store.open_export(export(journal, sam.id, now)).data.client_id
    store.open_export(export(journal, sam.id, now + timedelta(seconds=1), Scope.SUMMARY))
    assert store.clients()[0].name == "Sam"
    assert store.rename(client, "  Samira K.  ") == "Samira K."
    assert [c.name for c in store.clients()] == ["Samira K."]
    newest, oldest = store.describe(client)
    assert (newest.scope, newest.entries, oldest.scope, oldest.entries) == (
        Scope.SUMMARY, 0, Scope.ALL, 3,
    )  # fmt: skip
    assert newest.signed and newest.checkins == 3
    # Records in clear on disk never hold the name in the therapist's sealed store.
    assert b"Samira" not in b"".join(p.read_bytes() for p in store.root.rglob("*") if p.is_file())
