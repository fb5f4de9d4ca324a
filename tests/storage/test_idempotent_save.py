"""One save, however many clicks: a form's idempotency key (the entry's uid) makes every save
with it store one entry and return that entry (issue 16, the open double-save defect)."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from attune.domain.entries import EntryDraft, EntryError
from attune.services import Journal
from attune.storage import entries as entry_store
from tests.factories import make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends


def _draft(body: str = "one moment") -> EntryDraft:
    return EntryDraft(
        occurred_at=datetime(2026, 3, 14, 9, 30, tzinfo=UTC), valence=4, energy=3, body=body
    )


def test_the_same_key_twice_stores_one_entry(journal: Journal) -> None:
    sam = make_member(journal)
    key = str(uuid.uuid4())
    first = journal.add_entry(V(sam), _draft(), uid=key)
    again = journal.add_entry(V(sam), _draft(), uid=key)
    assert again.id == first.id and again.uid == key
    assert journal.list_entries(V(sam)).total == 1
    # a new form instance (a new key) is a new entry, even with the same words
    journal.add_entry(V(sam), _draft(), uid=str(uuid.uuid4()))
    assert journal.list_entries(V(sam)).total == 2


@pytest.mark.parametrize("shared_service", [True, False], ids=["one service", "two services"])
def test_two_threads_saving_with_one_key_store_one_entry(
    journal: Journal, shared_service: bool
) -> None:
    """Two saves released together (Ctrl+Enter and a click handled on two threads, or by two
    server processes on one database) store one entry; both return it."""
    sam = make_member(journal)
    other = journal if shared_service else Journal(journal.settings)
    services = [journal, other]
    for _ in range(10):
        key = str(uuid.uuid4())
        start = threading.Barrier(2)
        got: list[Any] = [None, None]

        def save(
            i: int, key: str = key, start: threading.Barrier = start, got: list[Any] = got
        ) -> None:
            start.wait()
            try:
                got[i] = services[i].add_entry(V(sam), _draft(), draft_slot="today", uid=key)
            except Exception as exc:  # reported by the assertion below
                got[i] = exc

        threads = [threading.Thread(target=save, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [type(g).__name__ for g in got] == ["Entry", "Entry"]
        assert got[0].id == got[1].id
    assert journal.list_entries(V(sam)).total == 10
    if other is not journal:
        other.close()


def test_a_racing_insert_returns_the_winners_entry(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a server database two transactions can both miss the other's row; the unique index
    stops the second insert, which then answers with the first entry."""
    sam = make_member(journal)
    key = str(uuid.uuid4())
    first = journal.add_entry(V(sam), _draft(), uid=key)
    real = entry_store.entry_with_uid
    calls = {"n": 0}

    def late(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1  # the service's and the storage's look-ups miss the row
        return None if calls["n"] <= 2 else real(*args, **kwargs)

    monkeypatch.setattr(entry_store, "entry_with_uid", late)
    again = journal.add_entry(V(sam), _draft(), uid=key)
    assert calls["n"] == 3  # missed twice, then found after the unique index said no
    assert again.id == first.id
    assert journal.list_entries(V(sam)).total == 1


def test_a_repeated_save_keeps_a_newer_draft(journal: Journal) -> None:
    sam = make_member(journal)
    key = str(uuid.uuid4())
    journal.add_entry(V(sam), _draft(), draft_slot="today", uid=key)
    journal.save_draft(V(sam), "today", "the next thought")
    journal.add_entry(V(sam), _draft(), draft_slot="today", uid=key)  # a late second click
    assert journal.draft(V(sam), "today") == "the next thought"


def test_another_members_key_is_refused(journal: Journal) -> None:
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    key = str(uuid.uuid4())
    journal.add_entry(V(sam), _draft("Sam's words"), uid=key)
    with pytest.raises(EntryError):
        journal.add_entry(V(alex), _draft(), uid=key)
    assert journal.list_entries(V(alex)).total == 0
