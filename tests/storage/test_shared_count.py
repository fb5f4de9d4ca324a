"""Together's timeline keeps its count of shared entries per journal, viewer and revision: the
count is the one the list would make, and any write that changes it moves the revision, so the
page never shows a stale total (both databases)."""

from __future__ import annotations

import pytest

from attune.domain.entries import EntryFilter, Visibility
from attune.services import Journal, together
from attune.storage import search as search_store
from attune.storage import together_repo
from tests.factories import make_entry, make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

SHARED = EntryFilter(visibility=Visibility.SHARED)


def counted(journal: Journal, viewer: object) -> int:
    """The total as the list counts it itself (nothing kept)."""
    with journal.sessions.reading(V(viewer)) as s:
        return search_store.list_entries(s, viewer=V(viewer), filt=SHARED).total


def test_the_kept_count_is_the_lists_own_and_follows_every_write(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, ben = make_member(journal, "Ana"), make_member(journal, "Ben")
    for i in range(3):
        make_entry(journal, ana, body=f"shared {i}", visibility=Visibility.SHARED)
    make_entry(journal, ana, body="private")
    mine = make_entry(journal, ben, body="Ben's", visibility=Visibility.SHARED)
    calls: list[int | None] = []
    count = together_repo.shared_count
    monkeypatch.setattr(
        together_repo,
        "shared_count",
        lambda s, viewer_id: calls.append(viewer_id) or count(s, viewer_id=viewer_id),
    )
    for viewer in (ana, ben, None):
        page = together.shared_timeline(journal, V(viewer))
        assert page.total == counted(journal, viewer) == 4
        assert len(page.items) == 4
    assert len(calls) == 3
    together.shared_timeline(journal, V(ana))
    assert len(calls) == 3  # kept: nothing was written
    make_entry(journal, ana, body="one more", visibility=Visibility.SHARED)
    assert together.shared_timeline(journal, V(ana)).total == 5
    journal.trash_entry(V(ben), mine.id)
    assert together.shared_timeline(journal, V(ana)).total == counted(journal, ana) == 4
    assert together.shared_timeline(journal, V(ben)).total == 4
    assert len(calls) == 6


def test_pages_past_the_first_use_the_kept_count(journal: Journal) -> None:
    ana = make_member(journal, "Ana")
    for i in range(25):
        make_entry(journal, ana, body=f"shared {i}", visibility=Visibility.SHARED)
    first, second = (together.shared_timeline(journal, V(ana), page=p) for p in (1, 2))
    assert (first.total, second.total) == (25, 25)
    assert (len(first.items), len(second.items), second.page) == (20, 5, 2)
    assert not {e.id for e in first.items} & {e.id for e in second.items}
    assert together.shared_timeline(journal, V(ana), page=9).page == 2
