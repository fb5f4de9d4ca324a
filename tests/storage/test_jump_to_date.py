"""Jump to a date (issue 16, defect 8): the page found by two indexed queries is the page on
which the plain list, read page by page, shows the newest entry on or before the day."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from attune.domain.entries import EntryDraft, EntryFilter, Visibility
from attune.services import Journal, search
from tests.factories import make_member
from tests.viewers import V

pytestmark = pytest.mark.both_backends

SIZE = 7  # a small page, so a few dozen entries make many pages


def _oracle(journal: Journal, viewer: object, filt: EntryFilter, day: date) -> tuple[int, bool]:
    every = []
    page = 1
    while True:
        got = journal.list_entries(V(viewer), filt, page=page, page_size=SIZE)
        every += got.items
        if page * SIZE >= got.total:
            break
        page += 1
    for i, entry in enumerate(every):
        if entry.occurred_at.date() <= day:
            return i // SIZE + 1, True
    return max(1, -(-len(every) // SIZE)), False


@pytest.fixture
def two_journals(journal: Journal) -> tuple[int, int]:
    rng = random.Random(4)
    sam, alex = make_member(journal, "Sam"), make_member(journal, "Alex")
    start = datetime(2025, 12, 1, tzinfo=UTC)
    for i in range(90):
        zone = timezone(timedelta(hours=rng.choice([-10, -5, 0, 1, 9, 13])))
        who = sam if i % 3 else alex
        journal.add_entry(
            V(who),
            EntryDraft(
                occurred_at=(start + timedelta(hours=11 * i + rng.randint(0, 5))).astimezone(zone),
                valence=1 + i % 5,
                energy=3,
                body=f"walk {i}" if i % 4 == 0 else f"note {i}",
                visibility=Visibility.SHARED if i % 2 else Visibility.PRIVATE,
            ),
        )
    return sam.id, alex.id


@pytest.mark.parametrize(
    "filt",
    [EntryFilter(), EntryFilter(valence=(2, 4)), EntryFilter(text="walk")],
    ids=["all", "valence", "text"],
)
def test_the_page_of_a_day_matches_the_list(
    journal: Journal, two_journals: tuple[int, int], filt: EntryFilter
) -> None:
    for who in two_journals:
        for day in [
            date(2025, 11, 20),
            date(2026, 3, 1),
            *(date(2025, 12, 1) + timedelta(days=k) for k in range(0, 45, 4)),
        ]:
            found = search.page_of_day(journal, V(who), filt, day, page_size=SIZE)
            assert found == _oracle(journal, who, filt, day), (who, day)
